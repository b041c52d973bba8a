import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { liveRows, scoped, visibleRows } from '../scope.ts';
import { organizations, persons } from './tables.ts';

export interface OrganizationPeopleCount {
  org_id: number;
  people_count: number;
}

/**
 * How many not-deleted people the caller may see belong to each of the given organizations, in one
 * query (the contacts list shows it per row). Organizations that are unknown, deleted, of another
 * company or not visible to the caller are left out, as an `ids` filter of a list would leave them out.
 */
export async function organizationPeopleCounts(
  ctx: Ctx,
  orgIds: number[],
): Promise<OrganizationPeopleCount[]> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({ id: organizations.id, n: sql<number>`count(${persons.id})::int` })
    .from(organizations)
    .leftJoin(
      persons,
      and(
        eq(persons.companyId, organizations.companyId),
        eq(persons.orgId, organizations.id),
        liveRows(persons),
        visibleRows(ctx, persons),
      ),
    )
    .where(and(scoped(ctx, organizations), sql`${organizations.id} = ANY(${sql.param(ids)}::bigint[])`))
    .groupBy(organizations.id)
    .orderBy(organizations.id);
  return rows.map((r) => ({ org_id: Number(r.id), people_count: Number(r.n) }));
}
