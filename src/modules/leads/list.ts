import { type AnyColumn, and, asc, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeholderCtx, prepared, statementValues } from '../../db/prepared.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import type { LeadRow } from './present.ts';
import type { LeadSortField, LeadSortKey } from './sort.ts';
import { leads } from './tables.ts';

export type ArchivedScope = 'not_archived' | 'archived' | 'all';

export interface ListLeadsInput {
  start?: number | undefined;
  limit?: number | undefined;
  owner_id?: number | undefined;
  person_id?: number | undefined;
  organization_id?: number | undefined;
  /** accepted for compatibility; saved filters are not applied yet */
  filter_id?: number | undefined;
  updated_since?: Date | undefined;
  sort?: LeadSortKey[] | undefined;
}

const SORT_COLUMNS: Record<LeadSortField, AnyColumn> = {
  id: leads.id,
  title: leads.title,
  owner_id: leads.ownerId,
  creator_id: leads.creatorId,
  was_seen: leads.wasSeen,
  expected_close_date: leads.expectedCloseDate,
  next_activity_id: leads.nextActivityId,
  add_time: leads.addTime,
  update_time: leads.updateTime,
};

/** ORDER BY of a sort: the keys asked for (default add_time, oldest first), then id. */
function orderOf(sort: LeadSortKey[] | undefined): SQL[] {
  const keys = sort && sort.length > 0 ? sort : [{ field: 'add_time', direction: 'asc' } as LeadSortKey];
  const order = keys.map((k) => (k.direction === 'desc' ? desc : asc)(SORT_COLUMNS[k.field]));
  if (!keys.some((k) => k.field === 'id')) order.push(asc(leads.id));
  return order;
}

/**
 * The leads the caller may see, not deleted, in the archived scope asked for: offset paging with
 * `limit + 1` rows and no COUNT. Default order is served by leads_list_idx.
 */
export async function listLeads(
  ctx: Ctx,
  q: ListLeadsInput,
  scope: ArchivedScope,
  page: { start: number; limit: number },
): Promise<{ rows: LeadRow[]; more: boolean }> {
  const rows = isDefaultList(q, scope)
    ? await defaultList(ctx.db, ctx.user.isAdmin).execute(
        statementValues(ctx, { archived: scope === 'archived', limit: page.limit + 1, offset: page.start }),
      )
    : await filteredList(ctx, q, scope, page);
  const more = rows.length > page.limit;
  return { rows: more ? rows.slice(0, page.limit) : rows, more };
}

/** No filter and the default order: the Leads Inbox and most API reads, served by a prepared statement. */
function isDefaultList(q: ListLeadsInput, scope: ArchivedScope) {
  return (
    scope !== 'all' &&
    q.owner_id === undefined &&
    q.person_id === undefined &&
    q.organization_id === undefined &&
    q.updated_since === undefined &&
    (q.sort === undefined || q.sort.length === 0)
  );
}

function defaultList(db: Db, isAdmin: boolean) {
  return prepared(db, isAdmin ? 'leads_list_admin' : 'leads_list', (db) => {
    const ctx = placeholderCtx(db, isAdmin);
    return ctx.db
      .select()
      .from(leads)
      .where(and(scoped(ctx, leads), eq(leads.isArchived, sql.placeholder('archived'))))
      .orderBy(...orderOf(undefined))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'));
  });
}

function filteredList(
  ctx: Ctx,
  q: ListLeadsInput,
  scope: ArchivedScope,
  page: { start: number; limit: number },
) {
  return ctx.db
    .select()
    .from(leads)
    .where(
      and(
        scoped(ctx, leads),
        scope === 'all' ? undefined : eq(leads.isArchived, scope === 'archived'),
        q.owner_id !== undefined ? eq(leads.ownerId, q.owner_id) : undefined,
        q.person_id !== undefined ? eq(leads.personId, q.person_id) : undefined,
        q.organization_id !== undefined ? eq(leads.organizationId, q.organization_id) : undefined,
        q.updated_since !== undefined ? gte(leads.updateTime, q.updated_since) : undefined,
      ),
    )
    .orderBy(...orderOf(q.sort))
    .limit(page.limit + 1)
    .offset(page.start);
}
