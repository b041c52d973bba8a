import { getTableColumns, type InferSelectModel, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Every column of a table for a raw statement's RETURNING (or SELECT), in database names, so that
 * `typedRows` can read them back as Drizzle's typed rows. For set-based statements written in SQL
 * (INSERT … SELECT … RETURNING) that must not cost a second round trip to re-select what they wrote.
 */
export function allColumns(table: PgTable) {
  return sql.raw(
    Object.values(getTableColumns(table))
      .map((c) => `"${c.name}"`)
      .join(', '),
  );
}

/** The rows of a raw statement (`db.execute`) mapped as Drizzle maps a select of the whole table. */
export function typedRows<T extends PgTable>(table: T, result: unknown): InferSelectModel<T>[] {
  const raw = (result as { rows: Record<string, unknown>[] }).rows;
  const columns = Object.entries(getTableColumns(table));
  return raw.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = r[column.name];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as InferSelectModel<T>;
  });
}
