import { and, asc, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context.ts';
import { anyMatch, type Match, SCAN_CAP } from './match.ts';

/** The rows of a ranked result a query asks for: `count` rows from `offset`. */
export interface Window {
  offset: number;
  count: number;
}

export interface Scored<T> {
  score: number;
  item: T;
}

/** Whether a window can have rows at all (results end at SCAN_CAP). */
export function windowOpen(w: Window): boolean {
  return w.count > 0 && w.offset < SCAN_CAP;
}

/**
 * The ids of the records that match (at most SCAN_CAP, the best by `rank` first), as a subquery
 * `hits(id, rank)` for the query that scores and presents them. `scope` carries the company, the
 * soft delete, the visibility and the request's filters.
 */
export function candidates(
  ctx: Ctx,
  table: PgTable,
  id: PgColumn,
  scope: SQL | undefined,
  matches: Match[],
  rank: SQL,
) {
  return ctx.db
    .select({ id, hit_rank: sql<number>`${rank}`.as('hit_rank') })
    .from(table)
    .where(and(scope, anyMatch(matches)))
    .orderBy(sql`hit_rank DESC`, asc(id))
    .limit(SCAN_CAP)
    .as('hits');
}
