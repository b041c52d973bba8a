import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type ActivityRow, presentActivity } from '../activities/present.ts';
import { activities } from '../activities/tables.ts';
import type { Ctx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { documents, documentViews } from '../documents/tables.ts';
import { presentFiles } from '../files/present.ts';
import { files } from '../files/tables.ts';
import { presentInvoice } from '../invoices/present.ts';
import { invoicesById } from '../invoices/reads.ts';
import { invoices } from '../invoices/tables.ts';
import { presentNotes } from '../notes/names.ts';
import type { NoteRow } from '../notes/present.ts';
import { notes } from '../notes/tables.ts';
import { scoped } from '../scope.ts';
import { changeEntries, changeValue, type RawChangeRow, rowsOf, toId, v1Time } from './entries.ts';
import { loadRelated, type RelatedIds } from './related.ts';

/** The object kinds Pipedrive's flow knows (spec §6.8); others in `items` are ignored. */
const KNOWN_KINDS = new Set([
  'call',
  'activity',
  'plannedActivity',
  'change',
  'note',
  'deal',
  'file',
  'dealChange',
  'personChange',
  'organizationChange',
  'follower',
  'dealFollower',
  'personFollower',
  'organizationFollower',
  'participant',
  'comment',
  'mailMessage',
  'mailMessageWithAttachment',
  'invoice',
  'document',
  'marketing_campaign_stat',
  'marketing_status_change',
]);

export interface FlowKinds {
  changes: boolean;
  notes: boolean;
  /** all activities, only the not-done ones, or none */
  activities: 'all' | 'planned' | null;
  /** the deal's invoices and credit notes, dated when made */
  invoices: boolean;
  /** the deal's documents: made, viewed through a share link, accepted */
  documents: boolean;
  /** the files attached to the deal, dated when uploaded */
  files: boolean;
}

/**
 * Which kinds the flow shows. No `items` (or only unknown names) means everything we keep. Kinds we
 * know but do not keep yet (files, mail, calls…) select nothing. `change` and `dealChange` are the
 * deal's field changes; `plannedActivity` the activities not done yet.
 */
export function flowKinds(items: string[] | undefined): FlowKinds {
  const known = (items ?? []).filter((k) => KNOWN_KINDS.has(k));
  if (known.length === 0)
    return { changes: true, notes: true, activities: 'all', invoices: true, documents: true, files: true };
  const has = (k: string) => known.includes(k);
  return {
    changes: has('dealChange') || has('change'),
    notes: has('note'),
    activities: has('activity') ? 'all' : has('plannedActivity') ? 'planned' : null,
    invoices: has('invoice'),
    documents: has('document'),
    files: has('file'),
  };
}

/** Custom-field changes: v2 records' nested `custom_fields`, and 40-hex keys (with v1 sub-keys). */
const NOT_CUSTOM = sql`ch.field_key <> 'custom_fields' AND ch.field_key !~ '^[0-9a-f]{40}($|_)'`;

/** The change columns of the notes and activities parts. Every part names its columns: any may be first. */
const NO_CHANGE = sql`NULL::text AS field_key, NULL::text AS old_value, NULL::text AS new_value,
  NULL::bigint AS actor_user_id, NULL::text AS change_source, NULL::text AS user_agent, NULL::boolean AS is_bulk`;

interface FlowRow extends Omit<RawChangeRow, 'event_id' | 'ord'> {
  kind:
    | 'dealChange'
    | 'note'
    | 'activity'
    | 'invoice'
    | 'document'
    | 'documentViewed'
    | 'documentAccepted'
    | 'file';
  id: number | string;
  sub: number | string;
}

/**
 * One UNION ALL over the deal's field changes, notes and activities, newest first, offset-paged with
 * `limit + 1` rows. Each part reads through an index on (company_id, deal): audit_events_item_idx,
 * notes_deal_idx, activities_deal_idx. A note is dated by its add_time; an activity by when it was
 * marked done, or by its add_time while it is planned.
 */
function flowQuery(ctx: Ctx, dealId: number, kinds: FlowKinds, allChanges: boolean, page: Page): SQL | null {
  const parts: SQL[] = [];
  if (kinds.changes) {
    parts.push(sql`SELECT 'dealChange'::text AS kind, ch.ts, ch.event_id AS id, ch.ord AS sub,
        ch.field_key, ch.old_value, ch.new_value, ch.actor_user_id, ch.change_source, ch.user_agent,
        ch.is_bulk
      FROM (${changeEntries(ctx, 'deal', dealId)}) AS ch ${allChanges ? sql`` : sql`WHERE ${NOT_CUSTOM}`}`);
  }
  if (kinds.notes) {
    parts.push(sql`SELECT 'note'::text AS kind, ${notes.addTime} AS ts, ${notes.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${notes}
      WHERE ${notes.companyId} = ${ctx.companyId} AND ${notes.dealId} = ${dealId} AND ${notes.activeFlag}`);
  }
  if (kinds.activities) {
    const a = activities;
    const planned = kinds.activities === 'planned' ? sql` AND ${a.done} = false` : sql``;
    parts.push(sql`SELECT 'activity'::text AS kind,
        CASE WHEN ${a.done} THEN COALESCE(${a.markedAsDoneTime}, ${a.updateTime}) ELSE ${a.addTime} END AS ts,
        ${a.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${a}
      WHERE ${a.companyId} = ${ctx.companyId} AND ${a.dealId} = ${dealId} AND ${a.isDeleted} = false${planned}`);
  }
  if (kinds.invoices) {
    parts.push(sql`SELECT 'invoice'::text AS kind, ${invoices.addTime} AS ts, ${invoices.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${invoices}
      WHERE ${invoices.companyId} = ${ctx.companyId} AND ${invoices.dealId} = ${dealId}`);
  }
  if (kinds.documents) {
    const d = documents;
    const v = documentViews;
    const live = sql`${d.companyId} = ${ctx.companyId} AND ${d.dealId} = ${dealId} AND ${d.isDeleted} = false`;
    parts.push(sql`SELECT 'document'::text AS kind, ${d.addTime} AS ts, ${d.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${d} WHERE ${live}`);
    parts.push(sql`SELECT 'documentAccepted'::text AS kind, ${d.acceptedTime} AS ts, ${d.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${d} WHERE ${live} AND ${d.acceptedTime} IS NOT NULL`);
    parts.push(sql`SELECT 'documentViewed'::text AS kind, ${v.viewTime} AS ts, ${v.documentId} AS id, ${v.id} AS sub, ${NO_CHANGE}
      FROM ${v} WHERE ${v.companyId} = ${ctx.companyId} AND ${v.dealId} = ${dealId}`);
  }
  if (kinds.files) {
    parts.push(sql`SELECT 'file'::text AS kind, ${files.addTime} AS ts, ${files.id} AS id, 0::bigint AS sub, ${NO_CHANGE}
      FROM ${files}
      WHERE ${files.companyId} = ${ctx.companyId} AND ${files.dealId} = ${dealId} AND ${files.isDeleted} = false`);
  }
  if (parts.length === 0) return null;
  return sql`SELECT f.*, ${v1Time(sql`f.ts`)} AS time_text
    FROM (${sql.join(parts, sql` UNION ALL `)}) AS f
    ORDER BY f.ts DESC, f.kind ASC, f.id DESC, f.sub ASC
    LIMIT ${page.limit + 1} OFFSET ${page.start}`;
}

interface Page {
  start: number;
  limit: number;
}

const idsParam = (ids: number[]) => sql`${sql.param([...new Set(ids)])}::bigint[]`;

async function notesById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, Awaited<ReturnType<typeof presentNotes>>[number]>();
  const rows: NoteRow[] = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.companyId, ctx.companyId), sql`${notes.id} = ANY(${idsParam(ids)})`));
  const presented = await presentNotes(ctx, rows);
  return new Map(presented.map((n) => [n.id, n]));
}

async function activitiesById(ctx: Ctx, ids: number[]): Promise<Map<number, ActivityRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select()
    .from(activities)
    // history shows deleted activities too
    .where(and(scoped(ctx, activities, { deleted: 'too' }), sql`${activities.id} = ANY(${idsParam(ids)})`));
  return new Map(rows.map((r) => [r.id, r]));
}

async function documentsById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, typeof documents.$inferSelect>();
  const rows = await ctx.db
    .select()
    .from(documents)
    .where(and(scoped(ctx, documents), sql`${documents.id} = ANY(${idsParam(ids)})`));
  return new Map(rows.map((r) => [r.id, r]));
}

async function filesById(ctx: Ctx, ids: number[]) {
  if (ids.length === 0) return new Map<number, Awaited<ReturnType<typeof presentFiles>>[number]>();
  const rows = await ctx.db
    .select()
    .from(files)
    .where(and(scoped(ctx, files), sql`${files.id} = ANY(${idsParam(ids)})`));
  return new Map((await presentFiles(ctx, rows)).map((f) => [f.id, f]));
}

/**
 * The id of a change entry: the event id and the field's place in it. A request body of at most
 * 1 MiB cannot carry 100 000 changed fields, so ids never collide.
 */
const changeId = (eventId: number, ord: number) => eventId * 100_000 + ord;

const REF_FIELDS: Record<string, keyof RelatedIds> = {
  owner_id: 'users',
  user_id: 'users',
  creator_user_id: 'users',
  person_id: 'persons',
  org_id: 'orgs',
};

function refIds(jsonText: string | null): number[] {
  return jsonText !== null && /^\d{1,15}$/.test(jsonText) ? [Number(jsonText)] : [];
}

export interface FlowQueryInput {
  start: number;
  limit: number;
  all_changes?: boolean | undefined;
  items?: string[] | undefined;
}

/** GET /deals/{id}/flow: the deal's updates feed with the related objects they mention. */
export async function getDealFlow(ctx: Ctx, dealId: number, q: FlowQueryInput) {
  await findDealRef(ctx, dealId, 'id');
  const query = flowQuery(ctx, dealId, flowKinds(q.items), q.all_changes === true, q);
  const rows = query ? await rowsOf<FlowRow>(ctx, query) : [];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);

  const idsOf = (kind: FlowRow['kind']) => page.filter((r) => r.kind === kind).map((r) => Number(r.id));
  const noteMap = await notesById(ctx, idsOf('note'));
  const activityMap = await activitiesById(ctx, idsOf('activity'));
  const invoiceMap = await invoicesById(ctx, idsOf('invoice'));
  const documentMap = await documentsById(ctx, [
    ...idsOf('document'),
    ...idsOf('documentViewed'),
    ...idsOf('documentAccepted'),
  ]);
  const fileMap = await filesById(ctx, idsOf('file'));

  const ids: RelatedIds = { users: [], persons: [], orgs: [] };
  const data = [];
  for (const r of page) {
    const id = Number(r.id);
    if (r.kind === 'dealChange') {
      const userId = toId(r.actor_user_id);
      if (userId !== null) ids.users.push(userId);
      const ref = REF_FIELDS[r.field_key];
      if (ref) ids[ref].push(...refIds(r.old_value), ...refIds(r.new_value));
      data.push({
        object: 'dealChange' as const,
        timestamp: r.time_text,
        data: {
          id: changeId(id, Number(r.sub)),
          item_id: dealId,
          user_id: userId,
          field_key: r.field_key,
          old_value: changeValue(r.field_key, r.old_value),
          new_value: changeValue(r.field_key, r.new_value),
          is_bulk_update_flag: r.is_bulk === true,
          log_time: r.time_text,
          change_source: r.change_source,
          change_source_user_agent: r.user_agent,
          additional_data: {},
        },
      });
    } else if (r.kind === 'note') {
      const note = noteMap.get(id);
      if (!note) continue;
      ids.users.push(note.user_id);
      if (note.person_id !== null) ids.persons.push(note.person_id);
      if (note.org_id !== null) ids.orgs.push(note.org_id);
      data.push({ object: 'note' as const, timestamp: r.time_text, data: note });
    } else if (r.kind === 'document' || r.kind === 'documentViewed' || r.kind === 'documentAccepted') {
      const doc = documentMap.get(id);
      if (!doc) continue;
      if (r.kind === 'document') ids.users.push(doc.userId);
      data.push({
        object: 'document' as const,
        timestamp: r.time_text,
        data: {
          id: doc.id,
          title: doc.title,
          event:
            r.kind === 'document'
              ? ('created' as const)
              : r.kind === 'documentViewed'
                ? ('viewed' as const)
                : ('accepted' as const),
          user_id: r.kind === 'document' ? doc.userId : null,
          accepted_name: r.kind === 'documentAccepted' ? doc.acceptedName : null,
        },
      });
    } else if (r.kind === 'file') {
      const file = fileMap.get(id);
      if (!file) continue;
      ids.users.push(file.user_id);
      data.push({ object: 'file' as const, timestamp: r.time_text, data: file });
    } else if (r.kind === 'invoice') {
      const invoice = invoiceMap.get(id);
      if (!invoice) continue;
      if (invoice.invoice.creatorUserId !== null) ids.users.push(invoice.invoice.creatorUserId);
      data.push({ object: 'invoice' as const, timestamp: r.time_text, data: presentInvoice(invoice) });
    } else {
      const activity = activityMap.get(id);
      if (!activity) continue;
      ids.users.push(activity.ownerId);
      if (activity.personId !== null) ids.persons.push(activity.personId);
      if (activity.orgId !== null) ids.orgs.push(activity.orgId);
      data.push({ object: 'activity' as const, timestamp: r.time_text, data: presentActivity(activity) });
    }
  }
  const related = await loadRelated(ctx, dealId, ids);
  return { data, more, related };
}
