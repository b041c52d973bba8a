import { type AnyColumn, and, gte, lt, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, type Keyset } from '../../http/pagination.ts';
import { invalid } from '../errors.ts';

/** The list parameters persons and organizations share (spec §6.1). */
export interface ListCommon {
  ids?: number[] | undefined;
  owner_id?: number | undefined;
  updated_since?: Date | undefined;
  updated_until?: Date | undefined;
  sort_by?: 'id' | 'update_time' | 'add_time' | undefined;
  sort_direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** records whose custom values contain this (`custom_fields @>`, from `customValueFilter`) */
  custom_contains?: Record<string, unknown> | undefined;
}

interface ContactColumns {
  id: AnyColumn;
  customFields: AnyColumn;
  ownerId: AnyColumn;
  updateTime: AnyColumn;
  addTime: AnyColumn;
}

export function commonFilters(t: ContactColumns, q: ListCommon): SQL | undefined {
  return and(
    q.ids ? sql`${t.id} = ANY(${sql.param(q.ids)}::bigint[])` : undefined,
    q.owner_id !== undefined ? sql`${t.ownerId} = ${q.owner_id}` : undefined,
    q.updated_since ? gte(t.updateTime, q.updated_since) : undefined,
    q.updated_until ? lt(t.updateTime, q.updated_until) : undefined,
    q.custom_contains ? sql`${t.customFields} @> ${JSON.stringify(q.custom_contains)}::jsonb` : undefined,
  );
}

/**
 * The keyset of the chosen sort. A cursor whose id is not an integer id (made by hand, or by another
 * list) is refused here, before it can reach the database.
 */
export function sortKeyset(t: ContactColumns, q: ListCommon): Keyset {
  const sortBy = q.sort_by ?? 'id';
  if (q.cursor !== undefined) {
    const { id } = decodeCursor(q.cursor);
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
      throw invalid('cursor', 'invalid cursor');
  }
  const column = sortBy === 'id' ? t.id : sortBy === 'add_time' ? t.addTime : t.updateTime;
  return {
    column,
    id: t.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'id' ? 'number' : 'date',
  };
}

/** The cursor keys of a row for the chosen sort. */
export function sortKeys(q: ListCommon) {
  const sortBy = q.sort_by ?? 'id';
  return (r: { id: number; addTime: Date; updateTime: Date }) => ({
    v: sortBy === 'id' ? r.id : sortBy === 'add_time' ? r.addTime : r.updateTime,
    id: r.id,
  });
}
