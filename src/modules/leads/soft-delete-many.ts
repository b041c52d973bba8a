import { sql } from 'drizzle-orm';
import { eventsFrom } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { visibleRows } from '../scope.ts';
import { leads } from './tables.ts';

export interface SoftDeleteLeadsOptions {
  /** the audit action written for each lead: 'delete', or 'convert' when a conversion replaces it */
  action?: 'delete' | 'convert';
  /** the deal each lead became (a conversion): its event names it as `deal_id` */
  dealOf?: ReadonlyMap<string, number>;
  isBulk?: boolean;
}

/**
 * Soft-deletes many leads in ONE statement (restorable for 30 days, behaviour spec §1.10): only the
 * caller's company's leads it may see that are not deleted yet, each with its audit event written by
 * the same statement. Returns the ids deleted.
 */
export async function softDeleteLeads(
  ctx: Ctx,
  ids: readonly string[],
  opts: SoftDeleteLeadsOptions = {},
): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  const now = new Date().toISOString();
  const deals = unique.map((id) => opts.dealOf?.get(id) ?? null);
  const visible = visibleRows(ctx, leads);
  const result = await ctx.db.execute(sql`
    WITH x AS (
      SELECT * FROM unnest(${sql.param(unique)}::uuid[], ${sql.param(deals)}::bigint[]) WITH ORDINALITY
        AS x(id, deal_id, ord)
    ), gone AS (
      UPDATE ${leads} SET is_deleted = true, delete_time = ${now}::timestamptz, update_time = ${now}::timestamptz
      WHERE ${leads.companyId} = ${ctx.companyId} AND ${leads.id} = ANY(${sql.param(unique)}::uuid[])
        AND ${leads.isDeleted} = false AND ${visible}
      RETURNING ${leads.id}
    ), events AS (${eventsFrom(ctx, {
      itemType: 'lead',
      action: opts.action ?? 'delete',
      isBulk: opts.isBulk ?? false,
      itemId: sql`gone.id`,
      changes: sql`jsonb_build_array(jsonb_build_object('field_key', 'is_deleted', 'old_value', false, 'new_value', true))
        || CASE WHEN x.deal_id IS NULL THEN '[]'::jsonb
                ELSE jsonb_build_array(jsonb_build_object('field_key', 'deal_id', 'old_value', NULL, 'new_value', x.deal_id)) END`,
      from: sql`gone JOIN x ON x.id = gone.id ORDER BY x.ord`,
    })})
    SELECT id FROM gone`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}
