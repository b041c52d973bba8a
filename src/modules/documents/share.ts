import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { hashToken } from './service.ts';
import {
  type DocumentRow,
  documentShares,
  documents,
  documentVersions,
  documentViews,
  type ShareRow,
} from './tables.ts';

/** A token as made by createShare: 32 bytes in base64url. Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Views from one address of one document closer together than this are one view. */
export const VIEW_THROTTLE_MINUTES = 30;

export interface Shared {
  ctx: Ctx;
  share: ShareRow;
  doc: DocumentRow;
  body: string;
}

/**
 * The document a link shows: the link must be known, not revoked and not expired, and its document
 * live; otherwise null (the page says "not found" whichever it was). Read across companies by the
 * token's hash (what tells the company), then in the document's company only.
 */
export async function findShared(db: Db, token: string, userAgent: string | null): Promise<Shared | null> {
  if (!TOKEN.test(token)) return null;
  const [share] = await db
    .select()
    .from(documentShares)
    .where(
      and(
        eq(documentShares.tokenHash, hashToken(token)),
        isNull(documentShares.revokedAt),
        gt(documentShares.expiresAt, sql`now()`),
      ),
    );
  if (!share) return null;
  const ctx: Ctx = {
    db,
    companyId: share.companyId,
    user: { id: share.userId, isAdmin: true },
    actor: {
      type: 'visitor',
      userId: null,
      source: 'share_link',
      userAgent: userAgent?.slice(0, 500) ?? null,
    },
  };
  const [doc] = await db
    .select()
    .from(documents)
    .where(and(scoped(ctx, documents), eq(documents.id, share.documentId)));
  if (!doc) return null;
  const [version] = await db
    .select({ body: documentVersions.body })
    .from(documentVersions)
    .where(and(scoped(ctx, documentVersions), eq(documentVersions.documentId, doc.id)))
    .orderBy(desc(documentVersions.version))
    .limit(1);
  return { ctx, share, doc, body: version?.body ?? '' };
}

/**
 * Records a view on the deal's timeline, unless the same address viewed the document in the last
 * VIEW_THROTTLE_MINUTES (a look and an insert: two reloads at the same instant may both count, which is harmless).
 */
export async function recordView(s: Shared, ip: string): Promise<boolean> {
  return inTx(s.ctx, async (ctx) => {
    const since = sql`now() - make_interval(mins => ${VIEW_THROTTLE_MINUTES})`;
    const [recent] = await ctx.db
      .select({ id: documentViews.id })
      .from(documentViews)
      .where(
        and(
          scoped(ctx, documentViews),
          eq(documentViews.documentId, s.doc.id),
          eq(documentViews.ip, ip),
          gt(documentViews.viewTime, since),
        ),
      )
      .limit(1);
    if (recent) return false;
    const [view] = await ctx.db
      .insert(documentViews)
      .values({
        companyId: ctx.companyId,
        documentId: s.doc.id,
        dealId: s.doc.dealId,
        shareId: s.share.id,
        ip: ip.slice(0, 100),
        userAgent: ctx.actor.userAgent ?? null,
      })
      .returning();
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: s.doc.id,
      action: 'change',
      changes: [{ field_key: 'view', old_value: null, new_value: view?.id ?? null }],
    });
    return true;
  });
}

/**
 * The customer's acceptance: the typed name, the time, the address and the browser, and which version
 * they saw. Only once: a second acceptance is refused (409), whoever sends it.
 */
export async function acceptShared(s: Shared, input: { name: string; ip: string }): Promise<DocumentRow> {
  return inTx(s.ctx, async (ctx) => {
    const [row] = await ctx.db
      .update(documents)
      .set({
        acceptedName: input.name,
        acceptedTime: new Date(),
        acceptedIp: input.ip.slice(0, 100),
        acceptedUserAgent: ctx.actor.userAgent ?? null,
        acceptedVersion: s.doc.version,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, documents), eq(documents.id, s.doc.id), isNull(documents.acceptedTime)))
      .returning();
    if (!row) throw new AppError('conflict', 'The document was already accepted', 'name');
    await recordEvent(ctx, {
      itemType: 'document',
      itemId: row.id,
      action: 'change',
      changes: [{ field_key: 'accepted_name', old_value: null, new_value: input.name }],
    });
    return row;
  });
}
