import { and, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { liveRows, scoped } from '../scope.ts';
import type { DealRow } from './present.ts';
import { deals } from './tables.ts';

/** Deleted deals stay listable (status=deleted) this long before the purge. */
export const DELETED_RETENTION_DAYS = 30;

export type ListStatus = 'open' | 'won' | 'lost' | 'deleted';

export interface ListDealsInput {
  /** saved filters are not supported yet: accepted and ignored */
  filter_id?: number | undefined;
  ids?: number[] | undefined;
  owner_id?: number | undefined;
  person_id?: number | undefined;
  org_id?: number | undefined;
  pipeline_id?: number | undefined;
  stage_id?: number | undefined;
  status?: ListStatus[] | undefined;
  updated_since?: Date | undefined;
  updated_until?: Date | undefined;
  sort_by?: 'id' | 'update_time' | 'add_time' | undefined;
  sort_direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** deals whose custom values contain this (`custom_fields @>`, index deals_custom_fields_gin) */
  custom_contains?: Record<string, unknown> | undefined;
}

/** No status: every deal that is not deleted. `deleted`: deals deleted in the retention window. */
function statusFilter(statuses: ListStatus[] | undefined, now: Date): SQL | undefined {
  if (!statuses || statuses.length === 0) return liveRows(deals);
  const live = statuses.filter((s): s is Exclude<ListStatus, 'deleted'> => s !== 'deleted');
  const parts: (SQL | undefined)[] = [];
  if (live.length > 0) parts.push(and(liveRows(deals), inArray(deals.status, [...new Set(live)])));
  if (statuses.includes('deleted')) {
    const since = new Date(now.getTime() - DELETED_RETENTION_DAYS * 24 * 3600 * 1000);
    parts.push(and(eq(deals.isDeleted, true), gte(deals.deleteTime, since)));
  }
  return or(...parts);
}

/** A cursor of ours: an integer id and a sort value the database can compare (no 500 from a forged one). */
function checkedCursor(cursor: string | undefined, kind: Keyset['kind']): string | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  const idOk = typeof c.id === 'number' && Number.isSafeInteger(c.id) && c.id >= 0;
  let vOk = true;
  if (kind === 'date') {
    const d = new Date(String(c.v));
    vOk = !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;
  }
  if (!idOk || !vOk) throw invalid('cursor', 'invalid cursor');
  return cursor;
}

const sortColumns = { id: deals.id, update_time: deals.updateTime, add_time: deals.addTime };
const sortKeys = { id: 'id', update_time: 'updateTime', add_time: 'addTime' } as const;

/** The deals a list may show: the caller's visible ones in the archive scope, filtered as asked. */
function dealsWhere(ctx: Ctx, q: ListDealsInput, archived: boolean): SQL | undefined {
  return and(
    // deleted too: statusFilter picks live or recently deleted deals
    scoped(ctx, deals, { deleted: 'too' }),
    eq(deals.isArchived, archived),
    statusFilter(q.status, new Date()),
    q.ids ? sql`${deals.id} = ANY(${sql.param([...new Set(q.ids)])}::bigint[])` : undefined,
    q.owner_id !== undefined ? eq(deals.ownerId, q.owner_id) : undefined,
    q.person_id !== undefined ? eq(deals.personId, q.person_id) : undefined,
    q.org_id !== undefined ? eq(deals.orgId, q.org_id) : undefined,
    q.pipeline_id !== undefined ? eq(deals.pipelineId, q.pipeline_id) : undefined,
    q.stage_id !== undefined ? eq(deals.stageId, q.stage_id) : undefined,
    q.updated_since ? gte(deals.updateTime, q.updated_since) : undefined,
    q.updated_until ? lt(deals.updateTime, q.updated_until) : undefined,
    q.custom_contains ? sql`${deals.customFields} @> ${JSON.stringify(q.custom_contains)}::jsonb` : undefined,
  );
}

/**
 * GET /deals (archived = false) and GET /deals/archived (archived = true): the caller's visible deals,
 * keyset-paged on (sort column, id).
 */
export async function listDeals(ctx: Ctx, q: ListDealsInput, archived: boolean) {
  const sortBy = q.sort_by ?? 'id';
  const k: Keyset = {
    column: sortColumns[sortBy],
    id: deals.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'id' ? 'number' : 'date',
  };
  const limit = q.limit ?? 100;
  const rows: DealRow[] = await ctx.db
    .select()
    .from(deals)
    .where(and(dealsWhere(ctx, q, archived), keysetAfter(k, checkedCursor(q.cursor, k.kind))))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r[sortKeys[sortBy]], id: r.id }));
}

/**
 * The same lists offset-paged, as v1 pages them (GET /v1/deals/archived): `limit + 1` rows, no COUNT,
 * ordered by the sort column, then id.
 */
export async function listDealsByOffset(
  ctx: Ctx,
  q: Omit<ListDealsInput, 'cursor' | 'limit'>,
  archived: boolean,
  page: { start: number; limit: number },
): Promise<{ rows: DealRow[]; more: boolean }> {
  const k: Keyset = {
    column: sortColumns[q.sort_by ?? 'id'],
    id: deals.id,
    direction: q.sort_direction ?? 'asc',
    kind: q.sort_by === undefined || q.sort_by === 'id' ? 'number' : 'date',
  };
  const rows: DealRow[] = await ctx.db
    .select()
    .from(deals)
    .where(dealsWhere(ctx, q, archived))
    .orderBy(...keysetOrder(k))
    .limit(page.limit + 1)
    .offset(page.start);
  const more = rows.length > page.limit;
  return { rows: more ? rows.slice(0, page.limit) : rows, more };
}
