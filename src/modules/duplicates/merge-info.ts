import { type AnyColumn, sql } from 'drizzle-orm';
import { activities } from '../activities/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { notes } from '../notes/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';

/** The counts and names a v1 merge response carries about the surviving record. */
export interface MergeInfo {
  ownerName: string | null;
  orgName: string | null;
  openDeals: number;
  closedDeals: number;
  wonDeals: number;
  lostDeals: number;
  activities: number;
  doneActivities: number;
  undoneActivities: number;
  notes: number;
  people: number;
  nextActivity: { id: number; date: string | null; time: string | null } | null;
  lastActivity: { id: number; date: string | null } | null;
}

interface InfoRow {
  owner_name: string | null;
  org_name: string | null;
  open: number;
  closed: number;
  won: number;
  lost: number;
  acts: number;
  done: number;
  undone: number;
  notes: number;
  people: number;
  next_id: number | string | null;
  next_date: string | null;
  next_time: string | null;
  last_id: number | string | null;
  last_date: string | null;
}

/** One statement over deals, activities, notes (and persons for an organization). */
export async function mergeInfo(
  ctx: Ctx,
  kind: 'person' | 'organization',
  record: { id: number; ownerId: number; orgId?: number | null },
): Promise<MergeInfo> {
  const c = ctx.companyId;
  const id = record.id;
  const col = (person: AnyColumn, org: AnyColumn) => (kind === 'person' ? person : org);
  const dealCol = col(deals.personId, deals.orgId);
  const actCol = col(activities.personId, activities.orgId);
  const live = sql`${activities.companyId} = ${c} AND ${actCol} = ${id} AND ${activities.isDeleted} = false`;
  const dateText = (v: AnyColumn) => sql`to_char(${v}, 'YYYY-MM-DD')`;
  const result = await ctx.db.execute(sql`
    SELECT
      (SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${record.ownerId}) AS owner_name,
      (SELECT ${organizations.name} FROM ${organizations}
        WHERE ${scoped(ctx, organizations, { deleted: 'too', visibility: 'any' })} AND ${organizations.id} = ${record.orgId ?? null}::bigint) AS org_name,
      d.open, d.closed, d.won, d.lost, a.acts, a.done, a.undone,
      (SELECT count(*)::int FROM ${notes}
        WHERE ${notes.companyId} = ${c} AND ${col(notes.personId, notes.orgId)} = ${id} AND ${notes.activeFlag}) AS notes,
      ${
        kind === 'organization'
          ? sql`(SELECT count(*)::int FROM ${persons}
                  WHERE ${scoped(ctx, persons, { visibility: 'any' })} AND ${persons.orgId} = ${id})`
          : sql`0`
      } AS people,
      nx.id AS next_id, nx.due_date AS next_date, nx.due_time AS next_time,
      la.id AS last_id, la.due_date AS last_date
    FROM (
      SELECT count(*) FILTER (WHERE ${deals.status} = 'open')::int AS open,
             count(*) FILTER (WHERE ${deals.status} <> 'open')::int AS closed,
             count(*) FILTER (WHERE ${deals.status} = 'won')::int AS won,
             count(*) FILTER (WHERE ${deals.status} = 'lost')::int AS lost
      FROM ${deals} WHERE ${scoped(ctx, deals, { visibility: 'any' })} AND ${dealCol} = ${id}
    ) d,
    (
      SELECT count(*)::int AS acts, count(*) FILTER (WHERE ${activities.done})::int AS done,
             count(*) FILTER (WHERE NOT ${activities.done})::int AS undone
      FROM ${activities} WHERE ${live}
    ) a
    LEFT JOIN LATERAL (
      SELECT ${activities.id} AS id, ${dateText(activities.dueDate)} AS due_date, ${activities.dueTime} AS due_time
      FROM ${activities} WHERE ${live} AND NOT ${activities.done}
      ORDER BY ${activities.dueDate} ASC NULLS LAST, ${activities.dueTime} ASC NULLS LAST, ${activities.id} LIMIT 1
    ) nx ON true
    LEFT JOIN LATERAL (
      SELECT ${activities.id} AS id, ${dateText(activities.dueDate)} AS due_date
      FROM ${activities} WHERE ${live} AND ${activities.done}
      ORDER BY ${activities.dueDate} DESC NULLS LAST, ${activities.dueTime} DESC NULLS LAST, ${activities.id} DESC
      LIMIT 1
    ) la ON true`);
  const r = (result as unknown as { rows: InfoRow[] }).rows[0] as InfoRow;
  return {
    ownerName: r.owner_name,
    orgName: r.org_name,
    openDeals: Number(r.open),
    closedDeals: Number(r.closed),
    wonDeals: Number(r.won),
    lostDeals: Number(r.lost),
    activities: Number(r.acts),
    doneActivities: Number(r.done),
    undoneActivities: Number(r.undone),
    notes: Number(r.notes),
    people: Number(r.people),
    nextActivity: r.next_id === null ? null : { id: Number(r.next_id), date: r.next_date, time: r.next_time },
    lastActivity: r.last_id === null ? null : { id: Number(r.last_id), date: r.last_date },
  };
}
