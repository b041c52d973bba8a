import { and, asc, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError } from '../errors.ts';
import { leads } from '../leads/tables.ts';
import { scoped, visibleRows } from '../scope.ts';
import type { ActivityRow } from './present.ts';
import type { ListActivitiesInput } from './schema.ts';
import { activities } from './tables.ts';

/**
 * Activities have no visible_to of their own. Admins see every activity of the company; other users
 * see the activities they own and those linked to a deal, lead, person or organization they can see.
 */
export function activityVisibleToCaller(ctx: Ctx): SQL | undefined {
  if (ctx.user.isAdmin) return undefined;
  const linked = (
    table: typeof deals | typeof leads | typeof persons | typeof organizations,
    column: SQL | typeof activities.dealId | typeof activities.leadId,
  ) => sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.companyId} = ${ctx.companyId}
      AND ${table.id} = ${column} AND ${table.isDeleted} = false AND ${visibleRows(ctx, table)})`;
  return sql`(${activities.ownerId} = ${ctx.user.id}
    OR (${activities.dealId} IS NOT NULL AND ${linked(deals, activities.dealId)})
    OR (${activities.leadId} IS NOT NULL AND ${linked(leads, activities.leadId)})
    OR (${activities.personId} IS NOT NULL AND ${linked(persons, activities.personId)})
    OR (${activities.orgId} IS NOT NULL AND ${linked(organizations, activities.orgId)}))`;
}

const sortColumns = {
  id: activities.id,
  update_time: activities.updateTime,
  add_time: activities.addTime,
} as const;
const sortKeys = { id: 'id', update_time: 'updateTime', add_time: 'addTime' } as const;

/** Activities without a due date sort after every date (before them when descending). */
const NO_DUE_DATE = 'infinity';
const dueKey = sql`coalesce(${activities.dueDate}, 'infinity'::date)`;

function badCursor(): AppError {
  return new AppError('validation_failed', 'Validation failed: cursor: invalid cursor', 'cursor');
}

function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getUTCFullYear() >= 1;
}

/**
 * Checks what a cursor carries before it reaches SQL, so a forged cursor is a 400 and never a
 * database error: a safe integer id and a sort value of the expected kind.
 */
function checkCursor(cursor: string | undefined, kind: 'number' | 'date' | 'due_date'): void {
  if (!cursor) return;
  const c = decodeCursor(cursor);
  if (typeof c.id !== 'number' || !Number.isSafeInteger(c.id)) throw badCursor();
  const v = String(c.v);
  if (kind === 'due_date' && !(v === NO_DUE_DATE || isCalendarDate(v))) throw badCursor();
  if (kind === 'date') {
    const year = new Date(v).getUTCFullYear();
    if (!(year >= 1 && year <= 9999)) throw badCursor();
  }
}

/** Keyset paging on (due date, id); the cursor carries the date or "infinity". */
function dueDatePaging(direction: 'asc' | 'desc', cursor: string | undefined) {
  const dir = direction === 'asc' ? asc : desc;
  let after: SQL | undefined;
  if (cursor) {
    const c = decodeCursor(cursor);
    const op = direction === 'asc' ? sql`>` : sql`<`;
    after = sql`(${dueKey}, ${activities.id}) ${op} (${String(c.v)}::date, ${c.id})`;
  }
  return { after, order: [dir(dueKey), dir(activities.id)] };
}

/** GET /activities: the caller's visible, not deleted activities, keyset-paged. */
export async function listActivities(ctx: Ctx, q: ListActivitiesInput) {
  const sortBy = q.sort_by ?? 'id';
  const direction = q.sort_direction ?? 'asc';
  const limit = q.limit ?? 100;
  let after: SQL | undefined;
  let order: SQL[];
  checkCursor(q.cursor, sortBy === 'due_date' ? 'due_date' : sortBy === 'id' ? 'number' : 'date');
  if (sortBy === 'due_date') {
    ({ after, order } = dueDatePaging(direction, q.cursor));
  } else {
    const k: Keyset = {
      column: sortColumns[sortBy],
      id: activities.id,
      direction,
      kind: sortBy === 'id' ? 'number' : 'date',
    };
    after = keysetAfter(k, q.cursor);
    order = keysetOrder(k);
  }
  const rows: ActivityRow[] = await ctx.db
    .select()
    .from(activities)
    .where(
      and(
        scoped(ctx, activities),
        q.ids ? sql`${activities.id} = ANY(${sql.param([...new Set(q.ids)])}::bigint[])` : undefined,
        q.owner_id !== undefined ? eq(activities.ownerId, q.owner_id) : undefined,
        q.deal_id !== undefined ? eq(activities.dealId, q.deal_id) : undefined,
        q.lead_id !== undefined ? eq(activities.leadId, q.lead_id) : undefined,
        q.person_id !== undefined ? eq(activities.personId, q.person_id) : undefined,
        q.org_id !== undefined ? eq(activities.orgId, q.org_id) : undefined,
        q.done !== undefined ? eq(activities.done, q.done) : undefined,
        q.updated_since ? gte(activities.updateTime, q.updated_since) : undefined,
        q.updated_until ? lt(activities.updateTime, q.updated_until) : undefined,
        activityVisibleToCaller(ctx),
        after,
      ),
    )
    .orderBy(...order)
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({
    v: sortBy === 'due_date' ? (r.dueDate ?? NO_DUE_DATE) : r[sortKeys[sortBy]],
    id: r.id,
  }));
}
