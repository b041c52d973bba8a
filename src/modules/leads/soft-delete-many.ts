import { and, eq, sql } from 'drizzle-orm';
import { recordEvents } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import type { Ctx } from '../context.ts';
import { visibleToCaller } from '../users/visibility.ts';
import { leads } from './tables.ts';

export interface SoftDeleteLeadsOptions {
  /** the audit action written for each lead: 'delete', or 'convert' when a conversion replaces it */
  action?: 'delete' | 'convert';
  /** extra changes of a lead's event (e.g. the deal it became) */
  changes?: (leadId: string) => FieldChange[];
  isBulk?: boolean;
}

/**
 * Soft-deletes many leads in one statement (restorable for 30 days, behaviour spec §1.10): only the
 * caller's company's leads it may see that are not deleted yet. Writes one audit event per lead
 * deleted. Returns the ids deleted.
 */
export async function softDeleteLeads(
  ctx: Ctx,
  ids: readonly string[],
  opts: SoftDeleteLeadsOptions = {},
): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  const now = new Date();
  const rows = await ctx.db
    .update(leads)
    .set({ isDeleted: true, deleteTime: now, updateTime: now })
    .where(
      and(
        eq(leads.companyId, ctx.companyId),
        sql`${leads.id} = ANY(${sql.param(unique)}::uuid[])`,
        eq(leads.isDeleted, false),
        visibleToCaller(ctx, leads),
      ),
    )
    .returning({ id: leads.id });
  const deleted = rows.map((r) => r.id);
  await recordEvents(
    ctx,
    deleted.map((id) => ({
      itemType: 'lead',
      itemId: id,
      action: opts.action ?? 'delete',
      changes: [
        { field_key: 'is_deleted', old_value: false, new_value: true },
        ...(opts.changes?.(id) ?? []),
      ],
      isBulk: opts.isBulk ?? false,
    })),
  );
  return deleted;
}
