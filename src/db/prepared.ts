import { sql } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Ctx, StatementCtx } from '../modules/context.ts';
import type { Db } from './client.ts';

/**
 * Prepared statements of the hot paths (one deal by id, the default leads list, adding a lead): Drizzle
 * builds each
 * statement's SQL once per database handle instead of on every request, and on PostgreSQL the server
 * parses it once per connection (named statements need session pooling; see README). Statements take
 * their values as placeholders (`sql.placeholder('…')`; the caller's from placeholderCtx), so one name
 * always means one SQL text; a variant of a statement (admin or not, …) gets its own name. Open
 * transactions are handles of their own: a statement prepared on one runs on that transaction's
 * connection.
 */
const statements = new WeakMap<Db, Map<string, unknown>>();

export function prepared<Q extends PgPreparedQuery<PreparedQueryConfig>>(
  db: Db,
  name: string,
  build: (db: Db) => { prepare(name: string): Q },
): Q {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map();
    statements.set(db, byName);
  }
  let statement = byName.get(name) as Q | undefined;
  if (!statement) {
    statement = build(db).prepare(name);
    byName.set(name, statement);
  }
  return statement;
}

/** The ctx a prepared statement is built from: placeholders, but for isAdmin, which picks the variant. */
export function placeholderCtx(db: Db, isAdmin: boolean): StatementCtx {
  return {
    db,
    companyId: sql.placeholder('companyId'),
    user: { id: sql.placeholder('userId'), isAdmin },
    actor: {
      type: sql.placeholder('actorType'),
      userId: sql.placeholder('actorUserId'),
      source: sql.placeholder('actorSource'),
      userAgent: sql.placeholder('actorUserAgent'),
    },
  };
}

/**
 * The values a prepared statement runs with: those of placeholderCtx's placeholders, from the
 * request's ctx, and the statement's own. (Object.assign: spreading wide objects is slow on V8.)
 */
export function statementValues<V extends object>(ctx: Ctx, values: V) {
  const fromCtx = {
    companyId: ctx.companyId,
    userId: ctx.user.id,
    actorType: ctx.actor.type,
    actorUserId: ctx.actor.userId,
    actorSource: ctx.actor.source,
    actorUserAgent: ctx.actor.userAgent ?? null,
  };
  return Object.assign(fromCtx, values);
}
