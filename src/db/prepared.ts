import { Column, is, sql } from 'drizzle-orm';
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
    compileRowMapper(statement);
    byName.set(name, statement);
  }
  return statement;
}

/** What node-postgres's prepared query keeps of a select (drizzle-orm/node-postgres/session.js). */
interface StatementInternals {
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: (rows: unknown[][]) => unknown;
}

type Decode = (value: unknown) => unknown;
const identity = Column.prototype.mapFromDriverValue;

/**
 * Rows of a flat select (one table's columns, no joins) mapped by one function compiled for the
 * statement, instead of Drizzle's generic mapResultRow, which walks each column's path and checks its
 * kind on every row of every request (a tenth of the leads list's CPU in a profile) and builds each
 * object key by key. The compiled function makes every row one object literal of one shape and calls
 * only the decoders that do something (timestamps, jsonb, numeric); the result is the same objects.
 * Statements of another shape keep Drizzle's mapping.
 */
function compileRowMapper(statement: unknown): void {
  const q = statement as StatementInternals;
  const fields = q.fields;
  if (!fields?.length || q.customResultMapper) return;
  // Flat paths only: joinsNotNullableMap (set on every select) only acts on nested ones (`{ lead: … }`).
  if (!fields.every((f) => f.path.length === 1 && is(f.field, Column))) return;
  const keys = fields.map((f) => f.path[0] as string);
  if (new Set(keys).size !== keys.length) return;
  const decoders: (Decode | null)[] = fields.map(({ field }) => {
    const column = field as Column;
    return column.mapFromDriverValue === identity ? null : (v) => column.mapFromDriverValue(v);
  });
  const props = keys.map((key, i) => {
    const value = decoders[i] ? `r[${i}] === null ? null : d[${i}](r[${i}])` : `r[${i}]`;
    return `${JSON.stringify(key)}: ${value}`;
  });
  // Generated once per statement from the schema's column names (JSON-quoted): no input reaches the code.
  const make = new Function(
    'd',
    `return function mapRows(rows) {
       const out = new Array(rows.length);
       for (let i = 0; i < rows.length; i++) { const r = rows[i]; out[i] = { ${props.join(', ')} }; }
       return out;
     };`,
  ) as (d: (Decode | null)[]) => (rows: unknown[][]) => unknown[];
  q.customResultMapper = make(decoders);
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
