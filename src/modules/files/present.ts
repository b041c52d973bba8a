import { and, sql } from 'drizzle-orm';
import { sqlTime } from '../../http/formats.ts';
import { organizationNames, personNames } from '../contacts/refs.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { products } from '../products/tables.ts';
import { scoped } from '../scope.ts';
import type { PresentedFile } from './schema.ts';
import { previewable } from './sniff.ts';
import type { FileRow } from './tables.ts';

const present = <T>(v: T | null): v is T => v !== null;

/** The download address of a file (relative to the server). */
export const downloadUrl = (id: number) => `/api/v1/files/${id}/download`;

/** Names of history: deleted items and items the caller does not see keep their names here. */
async function titles(
  ctx: Ctx,
  table: typeof deals | typeof products | typeof leads,
  ids: (number | string)[],
): Promise<Map<number | string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const label = table === products ? products.name : table === leads ? leads.title : deals.title;
  const cast = table === leads ? sql`::uuid[]` : sql`::bigint[]`;
  const rows = (await ctx.db
    .select({ id: table.id, name: label })
    .from(table)
    .where(
      and(
        scoped(ctx, table as typeof deals, { deleted: 'too', visibility: 'any' }),
        sql`${table.id} = ANY(${sql.param(unique)}${cast})`,
      ),
    )) as { id: number | string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Files in Pipedrive's v1 shape, with the names of what they are linked to (one query per kind). */
export async function presentFiles(ctx: Ctx, rows: FileRow[]): Promise<PresentedFile[]> {
  const dealNames = await titles(ctx, deals, rows.map((r) => r.dealId).filter(present));
  const productNames = await titles(ctx, products, rows.map((r) => r.productId).filter(present));
  const leadNames = await titles(ctx, leads, rows.map((r) => r.leadId).filter(present));
  const people = await personNames(ctx, rows.map((r) => r.personId).filter(present));
  const orgs = await organizationNames(ctx, rows.map((r) => r.orgId).filter(present));
  const name = <K>(m: Map<K, string>, k: K | null) => (k === null ? null : (m.get(k) ?? null));
  return rows.map((r) => ({
    id: r.id,
    user_id: r.userId,
    deal_id: r.dealId,
    person_id: r.personId,
    org_id: r.orgId,
    product_id: r.productId,
    activity_id: r.activityId,
    lead_id: r.leadId,
    project_id: r.projectId,
    add_time: sqlTime(r.addTime) as string,
    update_time: sqlTime(r.updateTime) as string,
    file_name: r.fileName,
    file_size: r.fileSize,
    active_flag: !r.isDeleted,
    inline_flag: false,
    remote_location: r.remoteLocation,
    remote_id: r.remoteId,
    cid: null,
    s3_bucket: null,
    mail_message_id: null,
    mail_template_id: null,
    deal_name: name(dealNames, r.dealId),
    person_name: name(people, r.personId),
    org_name: name(orgs, r.orgId),
    product_name: name(productNames, r.productId),
    lead_name: name(leadNames, r.leadId),
    project_name: null,
    url: downloadUrl(r.id),
    name: r.name,
    description: r.description,
    file_type: r.fileType ?? fileTypeOf(r.mime),
    mime_type: r.mime,
    previewable: r.storageKey !== null && previewable(r.mime),
  }));
}

export async function presentFile(ctx: Ctx, row: FileRow): Promise<PresentedFile> {
  const [file] = await presentFiles(ctx, [row]);
  return file as PresentedFile;
}

/** Pipedrive's short file_type words (img, pdf, doc…) from the sniffed type. */
function fileTypeOf(mime: string): string {
  if (mime.startsWith('image/')) return 'img';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('text/')) return 'text';
  if (/word|opendocument\.text|rtf/.test(mime)) return 'doc';
  if (/sheet|excel/.test(mime)) return 'xls';
  if (/presentation|powerpoint/.test(mime)) return 'ppt';
  if (/zip|gzip|tar|7z|rar/.test(mime)) return 'zip';
  return 'other';
}
