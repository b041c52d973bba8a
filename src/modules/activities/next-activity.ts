import { type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { activities } from './tables.ts';

/** The next activity first: earliest due date (none last), then due time (none last), then id. */
const NEXT_ORDER = sql.raw('a.due_date ASC NULLS LAST, a.due_time ASC NULLS LAST, a.id ASC');
/** The last activity first: marked done most recently, then the highest id. */
const LAST_ORDER = sql.raw('a.marked_as_done_time DESC NULLS LAST, a.id DESC');

/**
 * The activity pointers a new deal takes from the lead it is made of, as SQL for the deal's INSERT …
 * SELECT (`leadId` is the lead's id column there): the lead's activities all move to the deal in the
 * same transaction, so the deal's next and last activities are the lead's. Computing them while
 * inserting spares a second write of every new deal.
 */
export function pointersFromLeadActivities(companyId: number, leadId: SQL): { next: SQL; last: SQL } {
  const of = (done: boolean, order: SQL) => sql`(
    SELECT a.id FROM ${activities} AS a
    WHERE a.company_id = ${companyId} AND a.lead_id = ${leadId} AND a.done = ${done} AND a.is_deleted = false
    ORDER BY ${order} LIMIT 1)`;
  return { next: of(false, NEXT_ORDER), last: of(true, LAST_ORDER) };
}

/**
 * Keeps the activity pointers of leads and deals right:
 * - `leads.next_activity_id` and `deals.next_activity_id`: the earliest undone, not deleted activity
 *   (due_date ascending, no date last; then due_time ascending, no time last; then id);
 * - `deals.last_activity_id`: the activity marked done most recently (then the highest id).
 *
 * Leads and deals belong to other modules; this one narrowly scoped column update is the activities
 * module's, and it lives only here. It is called by the writes that move or change activities, in
 * their transaction: the activities use cases (add, update, delete) and moveLinks (activities moving
 * between a deal and a lead), never by their callers. It is set-based (one statement for leads, one
 * for deals), so thousands of ids cost two statements. The pointers are derived data: update_time of
 * the lead or deal is not touched.
 */
export async function refreshNextActivity(
  ctx: Ctx,
  target: {
    leadIds?: readonly (string | null | undefined)[];
    dealIds?: readonly (number | null | undefined)[];
  },
): Promise<void> {
  const leadIds = [...new Set((target.leadIds ?? []).filter((id): id is string => !!id))];
  const dealIds = [...new Set((target.dealIds ?? []).filter((id): id is number => typeof id === 'number'))];

  if (leadIds.length > 0) {
    await ctx.db.execute(sql`
      UPDATE ${leads} AS l
      SET next_activity_id = n.next_id
      FROM (
        SELECT t.id, nx.id AS next_id
        FROM unnest(${sql.param(leadIds)}::uuid[]) AS t(id)
        LEFT JOIN (
          SELECT DISTINCT ON (a.lead_id) a.lead_id, a.id
          FROM ${activities} AS a
          WHERE a.company_id = ${ctx.companyId}
            AND a.lead_id = ANY(${sql.param(leadIds)}::uuid[])
            AND a.done = false AND a.is_deleted = false
          ORDER BY a.lead_id, ${NEXT_ORDER}
        ) AS nx ON nx.lead_id = t.id
      ) AS n
      WHERE l.company_id = ${ctx.companyId}
        AND l.id = n.id
        AND l.next_activity_id IS DISTINCT FROM n.next_id`);
  }

  if (dealIds.length > 0) {
    await ctx.db.execute(sql`
      UPDATE ${deals} AS d
      SET next_activity_id = n.next_id, last_activity_id = n.last_id
      FROM (
        SELECT t.id, nx.id AS next_id, ls.id AS last_id
        FROM unnest(${sql.param(dealIds)}::bigint[]) AS t(id)
        LEFT JOIN (
          SELECT DISTINCT ON (a.deal_id) a.deal_id, a.id
          FROM ${activities} AS a
          WHERE a.company_id = ${ctx.companyId}
            AND a.deal_id = ANY(${sql.param(dealIds)}::bigint[])
            AND a.done = false AND a.is_deleted = false
          ORDER BY a.deal_id, ${NEXT_ORDER}
        ) AS nx ON nx.deal_id = t.id
        LEFT JOIN (
          SELECT DISTINCT ON (a.deal_id) a.deal_id, a.id
          FROM ${activities} AS a
          WHERE a.company_id = ${ctx.companyId}
            AND a.deal_id = ANY(${sql.param(dealIds)}::bigint[])
            AND a.done = true AND a.is_deleted = false
          ORDER BY a.deal_id, ${LAST_ORDER}
        ) AS ls ON ls.deal_id = t.id
      ) AS n
      WHERE d.company_id = ${ctx.companyId}
        AND d.id = n.id
        AND (d.next_activity_id IS DISTINCT FROM n.next_id OR d.last_activity_id IS DISTINCT FROM n.last_id)`);
  }
}
