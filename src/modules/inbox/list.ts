import { and, eq, type SQL, sql } from 'drizzle-orm';
import { v1Page } from '../../http/query.ts';
import { activities } from '../activities/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { leadLabels, leads } from '../leads/tables.ts';
import { liveRows, scoped, visibleRows } from '../scope.ts';
import { escapeLike, folded } from '../search/match.ts';
import { users } from '../users/tables.ts';
import type { InboxListInput, InboxSort } from './schema.ts';

/**
 * The rows of the Leads Inbox in one query: each lead with its person, organization, owner, labels
 * and next activity. Contacts the caller may not see come back as null.
 */

const primaryChannel = (column: unknown) =>
  sql<string | null>`(SELECT e->>'value' FROM jsonb_array_elements(${column}) AS e
    ORDER BY (e->>'primary') = 'true' DESC LIMIT 1)`;

const labelsOf = sql<{ id: string; name: string; color: string }[]>`(
  SELECT coalesce(json_agg(json_build_object('id', ll.id, 'name', ll.name, 'color', ll.color)
    ORDER BY ll.add_time, ll.name), '[]'::json)
  FROM ${leadLabels} AS ll
  WHERE ll.company_id = ${leads.companyId} AND ll.id = ANY(${leads.labelIds}))`;

/** ORDER BY of a sort; empty values last whatever the direction, then newest first. */
function orderOf(sortBy: InboxSort | undefined, direction: 'asc' | 'desc' | undefined): SQL[] {
  const dir = sql.raw(direction === 'desc' ? 'DESC' : 'ASC');
  const tail = [sql`${leads.addTime} DESC`, sql`${leads.id} DESC`];
  switch (sortBy) {
    case 'title':
      return [sql`lower(${leads.title}) ${dir}`, ...tail];
    case 'value':
      return [sql`${leads.valueAmount} ${dir} NULLS LAST`, ...tail];
    case 'expected_close_date':
      return [sql`${leads.expectedCloseDate} ${dir} NULLS LAST`, ...tail];
    case 'owner':
      return [sql`lower(${users.name}) ${dir} NULLS LAST`, ...tail];
    case 'add_time':
      return [sql`${leads.addTime} ${dir}`, sql`${leads.id} ${dir}`];
    default:
      // next activity urgency (the default, like Pipedrive): leads with a next activity first, the
      // most urgent of them first; then the newest leads
      return [
        sql`(${activities.id} IS NULL) ASC`,
        sql`${activities.dueDate} ${dir} NULLS LAST`,
        sql`${activities.dueTime} ${dir} NULLS LAST`,
        ...tail,
      ];
  }
}

function termFilter(term: string | undefined): SQL | undefined {
  if (!term) return undefined;
  const pattern = sql`'%' || f_unaccent(lower(${escapeLike(term)}::text)) || '%'`;
  return sql`(${folded(leads.title)} ILIKE ${pattern}
    OR (${persons.id} IS NOT NULL AND ${folded(persons.name)} ILIKE ${pattern})
    OR (${organizations.id} IS NOT NULL AND ${folded(organizations.name)} ILIKE ${pattern}))`;
}

const personJoin = (ctx: Ctx) =>
  and(
    eq(persons.companyId, leads.companyId),
    eq(persons.id, leads.personId),
    liveRows(persons),
    visibleRows(ctx, persons),
  );

const organizationJoin = (ctx: Ctx) =>
  and(
    eq(organizations.companyId, leads.companyId),
    eq(organizations.id, leads.organizationId),
    liveRows(organizations),
    visibleRows(ctx, organizations),
  );

/** The caller's leads, not deleted, in the archived view asked for, with the filters asked for. */
const filters = (ctx: Ctx, q: InboxListInput) =>
  and(
    scoped(ctx, leads),
    eq(leads.isArchived, q.archived ?? false),
    q.owner_id !== undefined ? eq(leads.ownerId, q.owner_id) : undefined,
    q.label_id !== undefined ? sql`${leads.labelIds} @> ARRAY[${q.label_id}]::uuid[]` : undefined,
    q.source_name !== undefined ? eq(leads.sourceName, q.source_name) : undefined,
    termFilter(q.term),
    q.custom_contains ? sql`${leads.customFields} @> ${JSON.stringify(q.custom_contains)}::jsonb` : undefined,
  );

export async function inboxRows(ctx: Ctx, q: InboxListInput) {
  const page = v1Page(q);
  const total = q.include_total ? sql<number>`(count(*) OVER ())::int` : sql<null>`NULL::int`;
  const rows = await ctx.db
    .select({
      id: leads.id,
      title: leads.title,
      ownerId: leads.ownerId,
      ownerName: users.name,
      personId: persons.id,
      personName: persons.name,
      personEmail: primaryChannel(persons.emails),
      personPhone: primaryChannel(persons.phones),
      organizationId: organizations.id,
      organizationName: organizations.name,
      labels: labelsOf,
      activityId: activities.id,
      activitySubject: activities.subject,
      activityType: activities.type,
      activityDueDate: activities.dueDate,
      activityDueTime: activities.dueTime,
      valueAmount: leads.valueAmount,
      valueCurrency: leads.valueCurrency,
      expectedCloseDate: leads.expectedCloseDate,
      sourceName: leads.sourceName,
      wasSeen: leads.wasSeen,
      isArchived: leads.isArchived,
      visibleTo: leads.visibleTo,
      addTime: leads.addTime,
      updateTime: leads.updateTime,
      customFields: leads.customFields,
      total,
    })
    .from(leads)
    .leftJoin(users, and(eq(users.companyId, leads.companyId), eq(users.id, leads.ownerId)))
    .leftJoin(persons, personJoin(ctx))
    .leftJoin(organizations, organizationJoin(ctx))
    .leftJoin(
      activities,
      and(
        eq(activities.companyId, leads.companyId),
        eq(activities.id, leads.nextActivityId),
        liveRows(activities),
      ),
    )
    .where(filters(ctx, q))
    .orderBy(...orderOf(q.sort_by, q.sort_direction))
    .limit(page.limit + 1)
    .offset(page.start);
  const more = rows.length > page.limit;
  return { rows: more ? rows.slice(0, page.limit) : rows, more, page };
}

export type InboxDbRow = Awaited<ReturnType<typeof inboxRows>>['rows'][number];

/** How many leads the filters match (include_total when the page came back empty). */
export async function inboxCount(ctx: Ctx, q: InboxListInput): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .leftJoin(persons, personJoin(ctx))
    .leftJoin(organizations, organizationJoin(ctx))
    .where(filters(ctx, q));
  return Number(row?.n ?? 0);
}
