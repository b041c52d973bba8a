import { and, eq, type SQL, sql } from 'drizzle-orm';
import { num } from '../../http/formats.ts';
import { auditEvents } from '../audit/tables.ts';
import type { Ctx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { documents, documentViews } from '../documents/tables.ts';
import { previewable } from '../files/sniff.ts';
import { files } from '../files/tables.ts';
import { invoices } from '../invoices/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { changeEntries, changeValue, rowsOf, toId } from './entries.ts';
import type { TimelineKind } from './schema.ts';

/**
 * The deal's timeline for the web app (`GET /api/ext/deals/{id}/timeline`): its field changes, its
 * files (uploaded, deleted), documents (made, viewed through a share link, accepted) and invoices
 * (made, sent, paid, void, PDF stored), newest first, in one UNION ALL paged with `limit + 1` rows.
 * Pipedrive's v1 flow (`flow.ts`) keeps its own shape; this is the worded feed with actors.
 *
 * Every part reads through an index on (company_id, deal or item): audit_events_item_idx (changes;
 * files' and invoices' events by the item ids of files_deal_idx and invoices_deal_idx),
 * documents_deal_idx, document_views_deal_idx. An invoice's PDF file shows as the invoice's `pdf`
 * moment, not as an upload or deletion of a file.
 */

interface TimelineRow {
  kind: TimelineKind;
  event: string;
  time_text: string;
  id: number | string;
  sub: number | string;
  actor_user_id: number | string | null;
  change_source: string | null;
  field_key: string | null;
  old_value: string | null;
  new_value: string | null;
  ref_id: number | string | null;
  accepted_name: string | null;
}

const NO_CHANGE = sql`NULL::text AS field_key, NULL::text AS old_value, NULL::text AS new_value`;

/** The events of one kind of item of the deal, joined on the item's id (audit_events_item_idx). */
const eventsOf = (ctx: Ctx, itemType: 'file' | 'invoice', idColumn: SQL) => sql`${auditEvents} e
  ON e.company_id = ${ctx.companyId} AND e.item_type = ${itemType} AND e.item_id = (${idColumn})::text`;

/** The ids of the files that were the deal's invoices' PDFs (from the invoices' `file_id` changes). */
function invoicePdfFiles(ctx: Ctx, dealId: number): SQL {
  return sql`SELECT (c.elem ->> 'new_value')::bigint
    FROM ${invoices} i JOIN ${eventsOf(ctx, 'invoice', sql`i.id`)}
      CROSS JOIN LATERAL jsonb_array_elements(e.changes) AS c(elem)
    WHERE i.company_id = ${ctx.companyId} AND i.deal_id = ${dealId} AND e.action = 'change'
      AND c.elem ->> 'field_key' = 'file_id' AND jsonb_typeof(c.elem -> 'new_value') = 'number'`;
}

function timelineQuery(ctx: Ctx, dealId: number, kinds: Set<TimelineKind>, page: Page): SQL | null {
  const parts: SQL[] = [];
  if (kinds.has('change')) {
    parts.push(sql`SELECT 'change'::text AS kind,
        CASE WHEN bool_or(ch.field_key = 'add_time') OVER (PARTITION BY ch.event_id) THEN 'created'
          ELSE 'changed' END AS event,
        ch.ts, ch.event_id AS id, ch.ord AS sub, ch.actor_user_id, ch.change_source,
        ch.field_key, ch.old_value, ch.new_value, NULL::bigint AS ref_id, NULL::text AS accepted_name
      FROM (${changeEntries(ctx, 'deal', dealId)}) AS ch`);
  }
  if (kinds.has('file')) {
    // deleted files too (until purged): their deletion is a moment of the timeline
    parts.push(sql`SELECT 'file'::text AS kind,
        CASE WHEN e.action = 'create' THEN 'uploaded' ELSE 'deleted' END AS event,
        e.time AS ts, f.id AS id, e.id AS sub, e.actor_user_id, e.change_source, ${NO_CHANGE},
        NULL::bigint AS ref_id, NULL::text AS accepted_name
      FROM ${files} f JOIN ${eventsOf(ctx, 'file', sql`f.id`)}
      WHERE f.company_id = ${ctx.companyId} AND f.deal_id = ${dealId} AND true /* deleted too: files */
        AND e.action IN ('create', 'delete')
        AND f.id NOT IN (${invoicePdfFiles(ctx, dealId)})`);
  }
  if (kinds.has('document')) {
    const live = sql`d.company_id = ${ctx.companyId} AND d.deal_id = ${dealId} AND d.is_deleted = false`;
    parts.push(sql`SELECT 'document'::text AS kind, 'created'::text AS event, d.add_time AS ts, d.id AS id,
        0::bigint AS sub, d.user_id AS actor_user_id, NULL::text AS change_source, ${NO_CHANGE},
        NULL::bigint AS ref_id, NULL::text AS accepted_name
      FROM ${documents} d WHERE ${live}`);
    parts.push(sql`SELECT 'document'::text AS kind, 'accepted'::text AS event, d.accepted_time AS ts,
        d.id AS id, 0::bigint AS sub, NULL::bigint AS actor_user_id, NULL::text AS change_source,
        ${NO_CHANGE}, NULL::bigint AS ref_id, d.accepted_name
      FROM ${documents} d WHERE ${live} AND d.accepted_time IS NOT NULL`);
    parts.push(sql`SELECT 'document'::text AS kind, 'viewed'::text AS event, v.view_time AS ts,
        v.document_id AS id, v.id AS sub, NULL::bigint AS actor_user_id, NULL::text AS change_source,
        ${NO_CHANGE}, NULL::bigint AS ref_id, NULL::text AS accepted_name
      FROM ${documentViews} v JOIN ${documents} d ON d.company_id = v.company_id AND d.id = v.document_id
      WHERE v.company_id = ${ctx.companyId} AND v.deal_id = ${dealId} AND ${live}`);
  }
  if (kinds.has('invoice')) {
    const deal = sql`i.company_id = ${ctx.companyId} AND i.deal_id = ${dealId}`;
    parts.push(sql`SELECT 'invoice'::text AS kind, 'created'::text AS event, e.time AS ts, i.id AS id,
        e.id AS sub, e.actor_user_id, e.change_source, ${NO_CHANGE}, NULL::bigint AS ref_id,
        NULL::text AS accepted_name
      FROM ${invoices} i JOIN ${eventsOf(ctx, 'invoice', sql`i.id`)}
      WHERE ${deal} AND e.action = 'create'`);
    // status moves, and PDFs stored (a file_id set; its clearing when a draft is issued is not one)
    parts.push(sql`SELECT 'invoice'::text AS kind,
        CASE WHEN c.elem ->> 'field_key' = 'file_id' THEN 'pdf' ELSE c.elem ->> 'new_value' END AS event,
        e.time AS ts, i.id AS id, e.id AS sub, e.actor_user_id, e.change_source, ${NO_CHANGE},
        CASE WHEN c.elem ->> 'field_key' = 'file_id' THEN (c.elem ->> 'new_value')::bigint END AS ref_id,
        NULL::text AS accepted_name
      FROM ${invoices} i JOIN ${eventsOf(ctx, 'invoice', sql`i.id`)}
        CROSS JOIN LATERAL jsonb_array_elements(e.changes) AS c(elem)
      WHERE ${deal} AND e.action = 'change'
        AND ((c.elem ->> 'field_key' = 'status' AND c.elem ->> 'new_value' IN ('sent', 'paid', 'void'))
          OR (c.elem ->> 'field_key' = 'file_id' AND jsonb_typeof(c.elem -> 'new_value') = 'number'))`);
  }
  if (parts.length === 0) return null;
  return sql`SELECT t.*, to_char(t.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS time_text
    FROM (${sql.join(parts, sql` UNION ALL `)}) AS t
    ORDER BY t.ts DESC, t.kind ASC, t.id DESC, t.sub ASC
    LIMIT ${page.limit + 1} OFFSET ${page.start}`;
}

interface Page {
  start: number;
  limit: number;
}

const anyOf = (ids: number[]) => sql`${sql.param([...new Set(ids)])}::bigint[]`;

async function usersById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), sql`${users.id} = ANY(${anyOf(ids)})`));
  return new Map(rows.map((u) => [u.id, u.name]));
}

async function filesById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, typeof files.$inferSelect>();
  const rows = await ctx.db
    .select()
    .from(files)
    .where(and(scoped(ctx, files, { deleted: 'too' }), sql`${files.id} = ANY(${anyOf(ids)})`));
  return new Map(rows.map((f) => [f.id, f]));
}

async function documentsById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await ctx.db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(and(scoped(ctx, documents), sql`${documents.id} = ANY(${anyOf(ids)})`));
  return new Map(rows.map((d) => [d.id, d.title]));
}

async function invoicesById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, typeof invoices.$inferSelect>();
  const rows = await ctx.db
    .select()
    .from(invoices)
    .where(and(scoped(ctx, invoices), sql`${invoices.id} = ANY(${anyOf(ids)})`));
  return new Map(rows.map((i) => [i.id, i]));
}

export interface TimelineQueryInput {
  start: number;
  limit: number;
  kinds?: TimelineKind[] | undefined;
}

const ALL: TimelineKind[] = ['change', 'file', 'document', 'invoice'];

/** GET /api/ext/deals/{id}/timeline: one page of the deal's timeline, newest first. */
export async function getDealTimeline(ctx: Ctx, dealId: number, q: TimelineQueryInput) {
  await findDealRef(ctx, dealId, 'id');
  const query = timelineQuery(ctx, dealId, new Set(q.kinds ?? ALL), q);
  const rows = query ? await rowsOf<TimelineRow>(ctx, query) : [];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);

  const idsOf = (kind: TimelineKind) => page.filter((r) => r.kind === kind).map((r) => Number(r.id));
  const userIds = page.map((r) => toId(r.actor_user_id)).filter((id): id is number => id !== null);
  const names = await usersById(ctx, userIds);
  const fileMap = await filesById(ctx, idsOf('file'));
  const documentMap = await documentsById(ctx, idsOf('document'));
  const invoiceMap = await invoicesById(ctx, idsOf('invoice'));

  const data = [];
  for (const r of page) {
    const id = Number(r.id);
    const userId = toId(r.actor_user_id);
    const visitor = r.kind === 'document' && (r.event === 'viewed' || r.event === 'accepted');
    const actor = visitor
      ? { type: 'visitor' as const, user_id: null, name: r.accepted_name, source: null }
      : userId !== null
        ? { type: 'user' as const, user_id: userId, name: names.get(userId) ?? null, source: r.change_source }
        : { type: 'system' as const, user_id: null, name: null, source: r.change_source };
    const base = {
      id: `${r.kind}:${r.event}:${id}:${r.sub}`,
      kind: r.kind,
      event: r.event as never,
      time: r.time_text,
      actor,
      change: null,
      file: null,
      document: null,
      invoice: null,
    };
    if (r.kind === 'change') {
      const key = r.field_key ?? '';
      data.push({
        ...base,
        change: {
          event_id: id,
          field_key: key,
          old_value: changeValue(key, r.old_value),
          new_value: changeValue(key, r.new_value),
        },
      });
    } else if (r.kind === 'file') {
      const f = fileMap.get(id);
      if (!f) continue; // no longer visible to the caller
      data.push({
        ...base,
        file: {
          id: f.id,
          name: f.name,
          mime: f.mime,
          file_size: f.fileSize,
          active: !f.isDeleted && f.storageKey !== null,
          previewable: !f.isDeleted && f.storageKey !== null && previewable(f.mime),
        },
      });
    } else if (r.kind === 'document') {
      const title = documentMap.get(id);
      if (title === undefined) continue;
      data.push({ ...base, document: { id, title } });
    } else {
      const i = invoiceMap.get(id);
      if (!i) continue;
      data.push({
        ...base,
        invoice: {
          id: i.id,
          kind: i.kind,
          number: i.numberText,
          status: i.status,
          total: num(i.total) ?? 0,
          currency: i.currency,
          file_id: toId(r.ref_id),
        },
      });
    }
  }
  return { data, more };
}
