import { type AnyColumn, asc, desc, type SQL, sql } from 'drizzle-orm';
import { AppError } from '../modules/errors.ts';

/** v2 cursor pagination: keyset over (sort column, id), cursor = base64url JSON of the last row's keys. */
export interface Keyset {
  column: AnyColumn;
  id: AnyColumn;
  direction: 'asc' | 'desc';
  /** how the sort value travels in the cursor */
  kind: 'number' | 'date' | 'text';
}

interface CursorData {
  v: string | number | null;
  id: string | number;
}

export function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const badCursor = () =>
  new AppError('validation_failed', 'Validation failed: cursor: invalid cursor', 'cursor');

export function decodeCursor(cursor: string): CursorData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!parsed || typeof parsed !== 'object' || !('id' in parsed) || !('v' in parsed)) throw badCursor();
  const c = parsed as CursorData;
  const idOk =
    (typeof c.id === 'number' && Number.isSafeInteger(c.id)) || (typeof c.id === 'string' && UUID.test(c.id));
  const vOk = c.v === null || typeof c.v === 'string' || (typeof c.v === 'number' && Number.isFinite(c.v));
  if (!idOk || !vOk) throw badCursor();
  return c;
}

function sortValue(k: Keyset, v: string | number | null): unknown {
  if (k.kind === 'date') {
    if (typeof v !== 'string') throw badCursor();
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw badCursor();
    return d.toISOString();
  }
  if (k.kind === 'number' && typeof v !== 'number') throw badCursor();
  if (k.kind === 'text' && typeof v !== 'string') throw badCursor();
  return v;
}

export function keysetAfter(k: Keyset, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  const v = sortValue(k, c.v);
  const op = k.direction === 'asc' ? sql`>` : sql`<`;
  if (k.column === k.id) return sql`${k.id} ${op} ${c.id}`;
  const cast = k.kind === 'date' ? sql`::timestamptz` : sql``;
  return sql`(${k.column}, ${k.id}) ${op} (${v}${cast}, ${c.id})`;
}

export function keysetOrder(k: Keyset): SQL[] {
  const dir = k.direction === 'asc' ? asc : desc;
  return k.column === k.id ? [dir(k.id)] : [dir(k.column), dir(k.id)];
}

/** Cuts the `limit + 1` rows a query fetched down to the page and makes the next cursor. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  keys: (row: R) => { v: Date | string | number | null; id: string | number },
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = keys(page[page.length - 1] as R);
  const v = last.v instanceof Date ? last.v.toISOString() : last.v;
  return { rows: page, nextCursor: encodeCursor({ v, id: last.id }) };
}
