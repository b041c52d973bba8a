import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { getDeal } from '../deals/service.ts';
import { AppError, notFound } from '../errors.ts';
import { addFile } from '../files/files.ts';
import type { FileRow } from '../files/tables.ts';
import type { FilesConfig } from '../files/upload.ts';
import { scoped } from '../scope.ts';
import { placeholderValues } from './fill.ts';
import { renderDocumentPdf } from './pdf.ts';
import {
  type DocumentRow,
  documentShares,
  documents,
  documentVersions,
  documentViews,
  type ShareRow,
} from './tables.ts';
import { fillTemplate, sanitizeRichText } from './template-html.ts';
import { getTemplate } from './templates.ts';

/** A share link is valid this long unless asked otherwise. */
export const DEFAULT_SHARE_DAYS = 30;

/** A document with its newest text, its links and its views: what the API presents. */
export interface FullDocument {
  doc: DocumentRow;
  body: string;
  shares: ShareRow[];
  views: { count: number; last: Date | null };
  /** only right after a link is made: its URL path with the token (never stored) */
  newShare?: { id: number; url: string };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A live document whose deal the caller sees (404 naming `field` otherwise). */
async function documentRow(ctx: Ctx, id: number, opts: { lock?: boolean; field?: string } = {}) {
  const q = ctx.db
    .select()
    .from(documents)
    .where(and(scoped(ctx, documents), eq(documents.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', 'Document not found', opts.field ?? 'id');
  await findDealRef(ctx, row.dealId, opts.field ?? 'id').catch(() => {
    throw new AppError('not_found', 'Document not found', opts.field ?? 'id');
  });
  return row;
}

async function full(ctx: Ctx, rows: DocumentRow[]): Promise<FullDocument[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const versions = await ctx.db
    .select({
      documentId: documentVersions.documentId,
      version: documentVersions.version,
      body: documentVersions.body,
    })
    .from(documentVersions)
    .where(
      and(
        scoped(ctx, documentVersions),
        inArray(documentVersions.documentId, ids),
        sql`(${documentVersions.documentId}, ${documentVersions.version}) IN (${sql.join(
          rows.map((r) => sql`(${r.id}::bigint, ${r.version}::int)`),
          sql`, `,
        )})`,
      ),
    );
  const shares = await ctx.db
    .select()
    .from(documentShares)
    .where(and(eq(documentShares.companyId, ctx.companyId), inArray(documentShares.documentId, ids)))
    .orderBy(desc(documentShares.id));
  const views = await ctx.db
    .select({ documentId: documentViews.documentId, n: count(), last: max(documentViews.viewTime) })
    .from(documentViews)
    .where(and(scoped(ctx, documentViews), inArray(documentViews.documentId, ids)))
    .groupBy(documentViews.documentId);
  return rows.map((doc) => {
    const v = views.find((x) => x.documentId === doc.id);
    return {
      doc,
      body: versions.find((x) => x.documentId === doc.id)?.body ?? '',
      shares: shares.filter((s) => s.documentId === doc.id),
      views: { count: v?.n ?? 0, last: v?.last ?? null },
    };
  });
}

async function one(ctx: Ctx, row: DocumentRow): Promise<FullDocument> {
  const [f] = await full(ctx, [row]);
  if (!f) throw notFound('Document');
  return f;
}

/** POST /api/ext/documents: the template filled from the deal as the document's first version. */
export async function createDocument(
  ctx: Ctx,
  input: { deal_id: number; template_id: number; title?: string | undefined },
): Promise<FullDocument> {
  return inTx(ctx, async (ctx) => {
    const deal = await getDeal(ctx, input.deal_id).catch((e) => {
      if (e instanceof AppError && e.code === 'not_found')
        throw new AppError('not_found', 'Deal not found', 'deal_id');
      throw e;
    });
    const template = await getTemplate(ctx, input.template_id, 'template_id');
    const { values, productsHtml } = await placeholderValues(ctx, deal);
    const body = fillTemplate(template.body, values, productsHtml);
    const [row] = await ctx.db
      .insert(documents)
      .values({
        companyId: ctx.companyId,
        dealId: deal.id,
        templateId: template.id,
        title: input.title ?? template.name,
        userId: ctx.user.id,
        version: 1,
      })
      .returning();
    if (!row) throw new AppError('internal', 'document not created');
    await ctx.db
      .insert(documentVersions)
      .values({ companyId: ctx.companyId, documentId: row.id, version: 1, body, userId: ctx.user.id });
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: row.id,
      action: 'create',
      changes: [
        { field_key: 'deal_id', old_value: null, new_value: deal.id },
        { field_key: 'template_id', old_value: null, new_value: template.id },
      ],
    });
    return one(ctx, row);
  });
}

export async function getDocument(ctx: Ctx, id: number): Promise<FullDocument> {
  return one(ctx, await documentRow(ctx, id));
}

export async function listDealDocuments(ctx: Ctx, dealId: number): Promise<FullDocument[]> {
  await findDealRef(ctx, dealId, 'id');
  const rows = await ctx.db
    .select()
    .from(documents)
    .where(and(scoped(ctx, documents), eq(documents.dealId, dealId)))
    .orderBy(desc(documents.id))
    .limit(200);
  return full(ctx, rows);
}

export async function listVersions(ctx: Ctx, id: number) {
  await documentRow(ctx, id);
  return ctx.db
    .select()
    .from(documentVersions)
    .where(and(scoped(ctx, documentVersions), eq(documentVersions.documentId, id)))
    .orderBy(desc(documentVersions.version));
}

/** Saves edited text as the next version. An accepted document is final (409). */
export async function saveVersion(
  ctx: Ctx,
  id: number,
  input: { body: string; title?: string | undefined },
): Promise<FullDocument> {
  return inTx(ctx, async (ctx) => {
    const before = await documentRow(ctx, id, { lock: true });
    if (before.acceptedTime)
      throw new AppError('conflict', 'The document was accepted: it can no longer change', 'body');
    const version = before.version + 1;
    await ctx.db.insert(documentVersions).values({
      companyId: ctx.companyId,
      documentId: id,
      version,
      body: sanitizeRichText(input.body),
      userId: ctx.user.id,
    });
    const [row] = await ctx.db
      .update(documents)
      .set({ version, title: input.title ?? before.title, updateTime: new Date() })
      .where(and(scoped(ctx, documents), eq(documents.id, id)))
      .returning();
    if (!row) throw notFound('Document');
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: id,
      action: 'change',
      changes: [{ field_key: 'version', old_value: before.version, new_value: version }],
    });
    return one(ctx, row);
  });
}

const pdfName = (title: string) =>
  `${
    title
      // control characters are dropped by the files module (sanitizeName)
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .trim()
      .slice(0, 200) || 'document'
  }.pdf`;

/**
 * "Download PDF": the newest version rendered (pdf.ts) and stored as a file of the deal, so it shows
 * in the deal's files; the document remembers it. The bytes are removed again if the file is refused.
 */
export async function makePdf(ctx: Ctx, id: number, cfg: FilesConfig): Promise<FileRow> {
  const doc = await getDocument(ctx, id);
  const pdf = await renderDocumentPdf(doc.doc.title, doc.body);
  const stored = await cfg.storage.put(Readable.from([pdf]));
  try {
    return await inTx(ctx, async (ctx) => {
      const file = await addFile(ctx, {
        links: { deal_id: doc.doc.dealId },
        fileName: pdfName(doc.doc.title),
        mime: 'application/pdf',
        stored,
      });
      await ctx.db
        .update(documents)
        .set({ fileId: file.id, updateTime: new Date() })
        .where(and(scoped(ctx, documents), eq(documents.id, id)));
      await recordEvent(ctx, {
        itemType: 'document',
        itemId: id,
        action: 'change',
        changes: [{ field_key: 'file_id', old_value: doc.doc.fileId, new_value: file.id }],
      });
      return file;
    });
  } catch (e) {
    await cfg.storage.delete(stored.key).catch(() => {});
    throw e;
  }
}

/** A share link: 256 random bits, of which only the SHA-256 is stored. The URL is answered once. */
export async function createShare(ctx: Ctx, id: number, days = DEFAULT_SHARE_DAYS): Promise<FullDocument> {
  return inTx(ctx, async (ctx) => {
    const row = await documentRow(ctx, id);
    const token = randomBytes(32).toString('base64url');
    const [share] = await ctx.db
      .insert(documentShares)
      .values({
        companyId: ctx.companyId,
        documentId: id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + days * 86_400_000),
        userId: ctx.user.id,
      })
      .returning();
    if (!share) throw new AppError('internal', 'share not created');
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: id,
      action: 'change',
      changes: [{ field_key: 'share', old_value: null, new_value: share.id }],
    });
    return { ...(await one(ctx, row)), newShare: { id: share.id, url: `/s/${token}` } };
  });
}

export async function revokeShare(ctx: Ctx, id: number, shareId: number): Promise<FullDocument> {
  return inTx(ctx, async (ctx) => {
    const row = await documentRow(ctx, id);
    const [share] = await ctx.db
      .update(documentShares)
      .set({ revokedAt: sql`COALESCE(${documentShares.revokedAt}, now())` })
      .where(
        and(
          eq(documentShares.companyId, ctx.companyId),
          eq(documentShares.documentId, id),
          eq(documentShares.id, shareId),
        ),
      )
      .returning();
    if (!share) throw new AppError('not_found', 'Share link not found', 'shareId');
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: id,
      action: 'change',
      changes: [{ field_key: 'share', old_value: share.id, new_value: null }],
    });
    return one(ctx, row);
  });
}
