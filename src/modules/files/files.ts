import type { Readable } from 'node:stream';
import { and, asc, type Column, desc, eq, type SQL, sql } from 'drizzle-orm';
import { getActivity } from '../activities/service.ts';
import { recordEvent } from '../audit/service.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound, referenced } from '../errors.ts';
import { findLeadRef } from '../leads/refs.ts';
import { leads } from '../leads/tables.ts';
import { getProductRow } from '../products/service.ts';
import { liveRows, scoped, visibleRows } from '../scope.ts';
import { sanitizeName } from './names.ts';
import type {
  AddRemoteFileInput,
  LinkRemoteFileInput,
  ListFilesInput,
  UpdateFileInput,
  UploadLinks,
} from './schema.ts';
import type { FileStorage, Stored } from './storage.ts';
import { type FileRow, files } from './tables.ts';

/**
 * A file is visible to admins, to its uploader, and to whoever can see one of the lead, deal, person
 * or organization it is attached to (deleted ones too: a deleted deal's files come back with it);
 * a file on products or activities only is visible to the whole company.
 */
export function fileVisible(ctx: Ctx): SQL | undefined {
  if (ctx.user.isAdmin) return undefined;
  const linked = (table: typeof leads | typeof deals | typeof persons | typeof organizations, link: Column) =>
    sql`(${link} IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} WHERE ${table.companyId} = ${files.companyId} AND ${table.id} = ${link} AND ${liveRows(table, 'too')} AND ${visibleRows(ctx, table)}))`;
  const unowned = sql`(${files.leadId} IS NULL AND ${files.dealId} IS NULL AND ${files.personId} IS NULL AND ${files.orgId} IS NULL)`;
  return sql`(${files.userId} = ${ctx.user.id} OR ${unowned} OR ${linked(leads, files.leadId)} OR ${linked(deals, files.dealId)} OR ${linked(persons, files.personId)} OR ${linked(organizations, files.orgId)})`;
}

// ---------------------------------------------------------------- reading

const sortColumns = {
  id: files.id,
  update_time: files.updateTime,
  add_time: files.addTime,
  name: files.name,
  file_size: files.fileSize,
} as const;

/** Which item's files a list is about (the per-item lists); none: all of the company's. */
export type FileItem =
  | { kind: 'deal'; id: number }
  | { kind: 'person'; id: number }
  | { kind: 'organization'; id: number }
  | { kind: 'product'; id: number }
  | { kind: 'activity'; id: number };

const itemColumn = {
  deal: files.dealId,
  person: files.personId,
  organization: files.orgId,
  product: files.productId,
  activity: files.activityId,
} as const;

/** The item must exist and be visible to the caller (404 otherwise). */
async function assertItem(ctx: Ctx, item: FileItem): Promise<void> {
  if (item.kind === 'deal') await findDealRef(ctx, item.id, 'id');
  else if (item.kind === 'person') await assertPersonExists(ctx, item.id, 'id');
  else if (item.kind === 'organization') await assertOrganizationExists(ctx, item.id, 'id');
  else if (item.kind === 'product') await getProductRow(ctx, item.id);
  else await getActivity(ctx, item.id);
}

/**
 * GET /files and the per-item lists. Default order: newest first (`id DESC`); `sort` keys are followed
 * by `id` so that pages are stable.
 */
export async function listFiles(
  ctx: Ctx,
  q: ListFilesInput,
  page: { start: number; limit: number },
  item?: FileItem,
): Promise<{ rows: FileRow[]; more: boolean }> {
  if (item) await assertItem(ctx, item);
  const keys = q.sort ?? [{ field: 'id' as const, direction: 'desc' as const }];
  const order = keys.map((k) => (k.direction === 'asc' ? asc : desc)(sortColumns[k.field]));
  if (!keys.some((k) => k.field === 'id')) order.push((keys[0]?.direction === 'asc' ? asc : desc)(files.id));
  const rows = await ctx.db
    .select()
    .from(files)
    .where(
      and(
        scoped(ctx, files, { deleted: q.include_deleted_files ? 'too' : 'live' }),
        item ? eq(itemColumn[item.kind], item.id) : undefined,
        fileVisible(ctx),
      ),
    )
    .orderBy(...order)
    .limit(page.limit + 1)
    .offset(page.start);
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** A live file the caller can see; 404 otherwise. */
export async function getFile(ctx: Ctx, id: number): Promise<FileRow> {
  const [row] = await ctx.db
    .select()
    .from(files)
    .where(and(scoped(ctx, files), eq(files.id, id), fileVisible(ctx)));
  if (!row) throw notFound('File');
  return row;
}

/**
 * The stored bytes of a file another record keeps as its own (an invoice's PDF), deleted or not: a
 * file deleted from the item's files keeps its bytes until it is purged. Null when the row or its
 * bytes are gone. The caller has checked that the record pointing here is visible.
 */
export async function keptFileBytes(ctx: Ctx, id: number, storage: FileStorage): Promise<Readable | null> {
  const [row] = await ctx.db
    .select({ key: files.storageKey })
    .from(files)
    .where(and(scoped(ctx, files, { deleted: 'too' }), eq(files.id, id)));
  if (!row?.key) return null;
  try {
    return await storage.get(row.key);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- writing

type Links = Pick<
  FileRow,
  'leadId' | 'dealId' | 'personId' | 'orgId' | 'productId' | 'activityId' | 'projectId'
>;

/** Each link a request sets must exist and be visible; at least one is needed. */
async function assertLinks(ctx: Ctx, l: Links): Promise<void> {
  if (l.leadId !== null) await findLeadRef(ctx, l.leadId, 'lead_id');
  if (l.dealId !== null) await findDealRef(ctx, l.dealId, 'deal_id');
  if (l.personId !== null) await assertPersonExists(ctx, l.personId, 'person_id');
  if (l.orgId !== null) await assertOrganizationExists(ctx, l.orgId, 'org_id');
  if (l.productId !== null) {
    const id = l.productId;
    await referenced('product_id', () => getProductRow(ctx, id));
  }
  if (l.activityId !== null) {
    const id = l.activityId;
    await referenced('activity_id', () => getActivity(ctx, id));
  }
  // No projects module yet: any id is unknown.
  if (l.projectId !== null) throw new AppError('not_found', 'Project not found', 'project_id');
  if (Object.values(l).every((v) => v === null)) {
    throw new AppError(
      'validation_failed',
      'Validation failed: a file needs at least one of deal_id, person_id, org_id, product_id, activity_id, lead_id',
      'deal_id',
    );
  }
}

const linksOf = (input: UploadLinks): Links => ({
  leadId: input.lead_id ?? null,
  dealId: input.deal_id ?? null,
  personId: input.person_id ?? null,
  orgId: input.org_id ?? null,
  productId: input.product_id ?? null,
  activityId: input.activity_id ?? null,
  projectId: input.project_id ?? null,
});

/**
 * Records an uploaded file whose bytes are already stored. The caller removes the stored bytes when
 * this throws (a link that does not exist, say), so nothing is kept for a refused upload.
 */
export async function addFile(
  ctx: Ctx,
  input: { links: UploadLinks; fileName: string | undefined; mime: string; stored: Stored },
): Promise<FileRow> {
  return inTx(ctx, async (ctx) => {
    const links = linksOf(input.links);
    await assertLinks(ctx, links);
    const name = sanitizeName(input.fileName);
    const now = new Date();
    const [row] = await ctx.db
      .insert(files)
      .values({
        companyId: ctx.companyId,
        userId: ctx.user.id,
        ...links,
        fileName: name,
        name,
        fileSize: input.stored.size,
        mime: input.mime,
        storageKey: input.stored.key,
        sha256: input.stored.sha256,
        addTime: now,
        updateTime: now,
      })
      .returning();
    if (!row) throw new AppError('internal', 'file not created');
    await recordEvent(ctx, { itemType: 'file', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updateFile(ctx: Ctx, id: number, input: UpdateFileInput): Promise<FileRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getFile(ctx, id);
    const [row] = await ctx.db
      .update(files)
      .set({
        name: input.name === undefined ? before.name : sanitizeName(input.name),
        description: input.description === undefined ? before.description : input.description || null,
        lastUpdateUserId: ctx.user.id,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, files), eq(files.id, id)))
      .returning();
    if (!row) throw notFound('File');
    await recordEvent(ctx, { itemType: 'file', itemId: id, action: 'change' });
    return row;
  });
}

/** Marks a file deleted (its bytes stay until it is purged); the file answers 404 afterwards. */
export async function deleteFile(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getFile(ctx, id);
    const now = new Date();
    await ctx.db
      .update(files)
      .set({ isDeleted: true, deleteTime: now, lastUpdateUserId: ctx.user.id, updateTime: now })
      .where(and(scoped(ctx, files), eq(files.id, id)));
    await recordEvent(ctx, { itemType: 'file', itemId: id, action: 'delete' });
  });
}

const itemLinks = (type: 'deal' | 'organization' | 'person', id: number): UploadLinks =>
  type === 'deal' ? { deal_id: id } : type === 'person' ? { person_id: id } : { org_id: id };

async function addRemote(
  ctx: Ctx,
  type: 'deal' | 'organization' | 'person',
  itemId: number,
  values: { name: string; remoteLocation: string; remoteId: string | null; fileType: string | null },
): Promise<FileRow> {
  return inTx(ctx, async (ctx) => {
    const links = linksOf(itemLinks(type, itemId));
    try {
      await assertLinks(ctx, links);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found')
        throw new AppError('not_found', e.message, 'item_id');
      throw e;
    }
    const now = new Date();
    const name = sanitizeName(values.name);
    const [row] = await ctx.db
      .insert(files)
      .values({
        companyId: ctx.companyId,
        userId: ctx.user.id,
        ...links,
        fileName: name,
        name,
        remoteLocation: values.remoteLocation,
        remoteId: values.remoteId,
        fileType: values.fileType,
        addTime: now,
        updateTime: now,
      })
      .returning();
    if (!row) throw new AppError('internal', 'file not created');
    await recordEvent(ctx, { itemType: 'file', itemId: row.id, action: 'create' });
    return row;
  });
}

/**
 * POST /files/remote. Pipedrive makes an empty document in the user's Google Drive; without a Drive
 * connection Pipewright records the link (no remote id yet) so that it shows on the item.
 */
export function addRemoteFile(ctx: Ctx, input: AddRemoteFileInput): Promise<FileRow> {
  return addRemote(ctx, input.item_type, input.item_id, {
    name: input.title,
    remoteLocation: input.remote_location,
    remoteId: null,
    fileType: input.file_type,
  });
}

/** POST /files/remoteLink: an existing remote file, linked to a deal, person or organization. */
export function linkRemoteFile(ctx: Ctx, input: LinkRemoteFileInput): Promise<FileRow> {
  return addRemote(ctx, input.item_type, input.item_id, {
    name: input.remote_id,
    remoteLocation: input.remote_location,
    remoteId: input.remote_id,
    fileType: null,
  });
}
