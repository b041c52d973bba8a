import { getTableColumns, is, type Placeholder, SQL, type SQLChunk, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `INSERT INTO table (columns) SELECT values` followed by `rest` (` WHERE …`, ` FROM a_cte`): a write
 * that happens only when a condition holds, or once per row of another CTE, inside one statement.
 * Only the columns given are written (the others take their defaults). Values and placeholders go in
 * as parameters encoded and typed by their column (`$1::bigint`), SQL values as they are.
 */
export function insertSelect<T extends PgTable>(
  table: T,
  values: { [K in keyof T['$inferInsert']]?: T['$inferInsert'][K] | SQL | Placeholder },
  rest: SQL,
): SQL {
  const columns = getTableColumns(table);
  const names: SQLChunk[] = [];
  const selected: SQL[] = [];
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (value === undefined || !column) continue;
    names.push(sql.identifier(column.name));
    if (is(value, SQL)) {
      selected.push(value);
      continue;
    }
    // a placeholder's value is encoded when the statement runs, where null must stay null
    const encoder = { mapToDriverValue: (v: unknown) => (v === null ? null : column.mapToDriverValue(v)) };
    selected.push(sql`${sql.param(value, encoder)}::${sql.raw(column.getSQLType())}`);
  }
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(selected, sql`, `)}${rest}`;
}
