import { type SQL, sql } from 'drizzle-orm';
import { sqlTime } from '../../http/formats.ts';
import { auditEvents } from '../audit/tables.ts';
import type { Ctx } from '../context.ts';

/** The record kinds that have a changelog. */
export type ChangelogItem = 'deal' | 'person' | 'organization';

/** `YYYY-MM-DD HH:MM:SS` in UTC, computed by the database. */
export const v1Time = (ts: SQL | typeof auditEvents.time) =>
  sql`to_char(${ts} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

/**
 * The changed fields of one record's audit events, one row per field (the `changes` jsonb unnested
 * with its ordinality). A `create` event starts with a synthetic `add_time` entry whose new value is
 * the creation time, so that the creation shows in the changelog even when no field was set.
 *
 * Columns: event_id, ord, ts (timestamptz), field_key, old_value / new_value (jsonb text or NULL),
 * actor_user_id, change_source, user_agent, is_bulk. Uses index audit_events_item_idx.
 */
export function changeEntries(ctx: Ctx, item: ChangelogItem, itemId: number): SQL {
  const e = auditEvents;
  const created = sql`jsonb_build_array(jsonb_build_object('field_key', 'add_time', 'old_value', NULL,
    'new_value', ${v1Time(e.time)}))`;
  const fields = sql`CASE WHEN ${e.action} = 'create' THEN ${created} ELSE '[]'::jsonb END
    || CASE WHEN jsonb_typeof(${e.changes}) = 'array' THEN ${e.changes} ELSE '[]'::jsonb END`;
  return sql`SELECT ${e.id} AS event_id, c.ord AS ord, ${e.time} AS ts,
      c.elem ->> 'field_key' AS field_key,
      (c.elem -> 'old_value')::text AS old_value,
      (c.elem -> 'new_value')::text AS new_value,
      ${e.actorUserId} AS actor_user_id, ${e.changeSource} AS change_source,
      ${e.userAgent} AS user_agent, ${e.isBulk} AS is_bulk
    FROM ${e} CROSS JOIN LATERAL jsonb_array_elements(${fields}) WITH ORDINALITY AS c(elem, ord)
    WHERE ${e.companyId} = ${ctx.companyId} AND ${e.itemType} = ${item} AND ${e.itemId} = ${String(itemId)}
      AND jsonb_typeof(c.elem) = 'object' AND c.elem ->> 'field_key' IS NOT NULL`;
}

/** A row of `changeEntries` as the drivers return it (bigints may be strings). */
export interface RawChangeRow {
  event_id: number | string;
  ord: number | string;
  time_text: string;
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number | string | null;
  change_source: string | null;
  user_agent: string | null;
  is_bulk: boolean;
}

/** The rows of a raw query: both drivers answer `{ rows }`. */
export async function rowsOf<R>(ctx: Ctx, query: SQL): Promise<R[]> {
  const res = (await ctx.db.execute(query)) as unknown as { rows: R[] };
  return res.rows;
}

export const toId = (v: number | string | null): number | null => (v === null ? null : Number(v));

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * A changed value as Pipedrive shows it: a string, or null. Strings stay as they are (times of
 * `*_time` fields in v1's `YYYY-MM-DD HH:MM:SS`), numbers keep their stored digits, booleans are
 * `"true"`/`"false"`, objects and arrays are compact JSON.
 */
export function changeValue(fieldKey: string, jsonText: string | null): string | null {
  if (jsonText === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(jsonText);
  } catch {
    return jsonText;
  }
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    if (fieldKey.endsWith('_time') && RFC3339.test(v)) return sqlTime(new Date(v));
    return v;
  }
  if (typeof v === 'number') return jsonText.trim();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/** One changelog entry (spec §6.8). */
export function presentChange(r: RawChangeRow) {
  return {
    field_key: r.field_key,
    old_value: changeValue(r.field_key, r.old_value),
    new_value: changeValue(r.field_key, r.new_value),
    actor_user_id: toId(r.actor_user_id),
    time: r.time_text,
    change_source: r.change_source,
    change_source_user_agent: r.user_agent,
    is_bulk_update_flag: r.is_bulk === true,
  };
}
