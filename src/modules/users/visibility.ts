import { type AnyColumn, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { StatementCtx } from '../context.ts';
import { dealFollowers, organizationFollowers, personFollowers } from '../followers/tables.ts';
import { productFollowers } from '../products/tables.ts';

/** The followers table of each owned table that has followers, and its column naming the item. */
const FOLLOWERS: Record<string, { table: PgTable; item: AnyColumn; user: AnyColumn; companyId: AnyColumn }> =
  {
    deals: {
      table: dealFollowers,
      item: dealFollowers.dealId,
      user: dealFollowers.userId,
      companyId: dealFollowers.companyId,
    },
    persons: {
      table: personFollowers,
      item: personFollowers.personId,
      user: personFollowers.userId,
      companyId: personFollowers.companyId,
    },
    organizations: {
      table: organizationFollowers,
      item: organizationFollowers.orgId,
      user: organizationFollowers.userId,
      companyId: organizationFollowers.companyId,
    },
    products: {
      table: productFollowers,
      item: productFollowers.productId,
      user: productFollowers.userId,
      companyId: productFollowers.companyId,
    },
  };

/**
 * The visibility rule of records with an owner and `visible_to` (spec §7.4): admins see everything;
 * other users see items visible to the company (3, 5, 7), the items they own, and the items they follow
 * (behaviour §3.8: following grants visibility whatever the item's visible_to). The follow look-up is
 * an EXISTS on the followers table's unique index (company, item, user). Use it in every list, get
 * and search (in prepared statements too: the user id may be a placeholder; isAdmin picks the
 * statement).
 */
export function visibleToCaller(
  ctx: Pick<StatementCtx, 'user'>,
  t: { visibleTo: AnyColumn; ownerId: AnyColumn },
): SQL | undefined {
  if (ctx.user.isAdmin) return undefined;
  const own = sql`${t.visibleTo} <> 1 OR ${t.ownerId} = ${ctx.user.id}`;
  const f = FOLLOWERS[getTableName(t.visibleTo.table)];
  const id = (t as { id?: AnyColumn }).id;
  const companyId = (t as { companyId?: AnyColumn }).companyId;
  if (!f || !id || !companyId) return sql`(${own})`;
  return sql`(${own} OR EXISTS (SELECT 1 FROM ${f.table} WHERE ${f.companyId} = ${companyId} AND ${f.item} = ${id} AND ${f.user} = ${ctx.user.id}))`;
}

/** The visibility a new record gets when the request names none. */
export const DEFAULT_VISIBLE_TO = 3;
