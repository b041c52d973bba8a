import { and, eq, sql } from 'drizzle-orm';
import type { OrganizationRow, PersonRow } from '../contacts/present.ts';
import { organizations } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';

/**
 * The records of the candidates with what the duplicate dialog shows beside them (owner, organization,
 * open deals), in one statement for all of them (persons: within the candidate query, persons.ts).
 */
export interface PersonWithInfo {
  row: PersonRow;
  ownerName: string | null;
  organizationName: string | null;
  openDealsCount: number;
}

export interface OrganizationWithInfo {
  row: OrganizationRow;
  ownerName: string | null;
  openDealsCount: number;
}

const idList = (ids: number[]) => sql.param(ids);

function openDeals(ctx: Ctx, ids: number[]) {
  return ctx.db
    .select({ ref: sql<number>`${deals.orgId}`.as('ref'), n: sql<number>`count(*)::int`.as('n') })
    .from(deals)
    .where(
      and(
        scoped(ctx, deals, { visibility: 'any' }),
        sql`${deals.orgId} = ANY(${idList(ids)}::bigint[])`,
        eq(deals.status, 'open'),
      ),
    )
    .groupBy(deals.orgId)
    .as('open_deals');
}

export async function organizationsWithInfo(
  ctx: Ctx,
  ids: number[],
): Promise<Map<number, OrganizationWithInfo>> {
  if (ids.length === 0) return new Map();
  const open = openDeals(ctx, ids);
  const rows = await ctx.db
    .select({ row: organizations, ownerName: users.name, openDealsCount: open.n })
    .from(organizations)
    .leftJoin(users, and(eq(users.id, organizations.ownerId), eq(users.companyId, ctx.companyId)))
    .leftJoin(open, eq(open.ref, organizations.id))
    .where(
      and(
        scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
        sql`${organizations.id} = ANY(${idList(ids)}::bigint[])`,
      ),
    );
  return new Map(rows.map((r) => [r.row.id, { ...r, openDealsCount: Number(r.openDealsCount ?? 0) }]));
}
