import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { StatementCtx } from '../context.ts';

/**
 * The visibility rule of records with an owner and `visible_to` (spec §7.4): admins see everything;
 * other users see items visible to the company (3, 5, 7) and the items they own (1 = owner and
 * followers; followers arrive with their own table). Use it in every list, get and search (in prepared
 * statements too: the user id may be a placeholder; isAdmin picks the statement).
 */
export function visibleToCaller(
  ctx: Pick<StatementCtx, 'user'>,
  t: { visibleTo: AnyColumn; ownerId: AnyColumn },
): SQL | undefined {
  if (ctx.user.isAdmin) return undefined;
  return sql`(${t.visibleTo} <> 1 OR ${t.ownerId} = ${ctx.user.id})`;
}

/** The visibility a new record gets when the request names none. */
export const DEFAULT_VISIBLE_TO = 3;
