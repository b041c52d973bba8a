import { and, eq, sql } from 'drizzle-orm';
import { type AuditInput, recordEvents } from '../audit/service.ts';
import { auditEvents, type FieldChange } from '../audit/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped, visibleRows } from '../scope.ts';
import { isUuid } from './labels.ts';
import { leads } from './tables.ts';

/** Set-based lead changes for the Leads Inbox: archive many, unarchive many, restore a deleted one. */

/** How long a deleted lead stays restorable (behaviour spec §1.10). */
export const RESTORE_DAYS = 30;

export interface ArchiveOutcome {
  /** leads whose archived state changed */
  changed: string[];
  /** leads that were already in the state asked for */
  unchanged: string[];
}

/**
 * Archives (or unarchives) the caller's visible, not deleted leads among `ids`: one statement, one
 * audit event per lead changed. Ids that are none of those are in neither list.
 */
export async function setLeadsArchived(
  ctx: Ctx,
  ids: readonly string[],
  archived: boolean,
): Promise<ArchiveOutcome> {
  return inTx(ctx, async (ctx) => {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))].filter(isUuid);
    if (unique.length === 0) return { changed: [], unchanged: [] };
    const scope = and(scoped(ctx, leads), sql`${leads.id} = ANY(${sql.param(unique)}::uuid[])`);
    const now = new Date();
    const rows = await ctx.db
      .update(leads)
      .set({ isArchived: archived, archiveTime: archived ? now : null, updateTime: now })
      .where(and(scope, eq(leads.isArchived, !archived)))
      .returning({ id: leads.id });
    const changed = rows.map((r) => r.id);
    const same = await ctx.db
      .select({ id: leads.id })
      .from(leads)
      .where(
        and(
          scope,
          eq(leads.isArchived, archived),
          sql`NOT (${leads.id} = ANY(${sql.param(changed)}::uuid[]))`,
        ),
      );
    await recordEvents(
      ctx,
      changed.map(
        (id): AuditInput => ({
          itemType: 'lead',
          itemId: id,
          action: 'change',
          isBulk: true,
          changes: [{ field_key: 'is_archived', old_value: !archived, new_value: archived }],
        }),
      ),
    );
    return { changed, unchanged: same.map((r) => r.id) };
  });
}

/** The last 'delete' or 'convert' event of a lead: a converted lead is not restored, it became a deal. */
export const lastRemoval = sql<string | null>`(
  SELECT ae.action FROM ${auditEvents} AS ae
  WHERE ae.company_id = ${leads.companyId} AND ae.item_type = 'lead' AND ae.item_id = ${leads.id}::text
    AND ae.action IN ('delete', 'convert')
  ORDER BY ae.id DESC LIMIT 1)`;

/** Deleted less than RESTORE_DAYS ago, and deleted (not converted). */
export const restorable = () =>
  and(
    eq(leads.isDeleted, true),
    sql`${leads.deleteTime} > now() - make_interval(days => ${RESTORE_DAYS})`,
    sql`${lastRemoval} IS DISTINCT FROM 'convert'`,
  );

/**
 * Undeletes a lead deleted less than 30 days ago. A person or organization deleted since is unlinked;
 * when neither remains the lead cannot be restored (404).
 */
export async function restoreLead(ctx: Ctx, id: string): Promise<string> {
  return inTx(ctx, async (ctx) => {
    if (!isUuid(id)) throw notFound('Lead');
    const [row] = await ctx.db
      .select({
        id: leads.id,
        personId: leads.personId,
        organizationId: leads.organizationId,
        personAlive: sql<boolean>`EXISTS (SELECT 1 FROM ${persons} p WHERE p.company_id = ${leads.companyId}
        AND p.id = ${leads.personId} AND p.is_deleted = false AND ${visibleRows(ctx, persons, 'any')})`,
        organizationAlive: sql<boolean>`EXISTS (SELECT 1 FROM ${organizations} o
        WHERE o.company_id = ${leads.companyId} AND o.id = ${leads.organizationId} AND o.is_deleted = false
        AND ${visibleRows(ctx, organizations, 'any')})`,
      })
      .from(leads)
      .where(and(scoped(ctx, leads, { deleted: 'only' }), eq(leads.id, id), restorable()))
      .for('update');
    if (!row) throw notFound('Deleted lead');
    const personId = row.personAlive ? row.personId : null;
    const organizationId = row.organizationAlive ? row.organizationId : null;
    if (personId === null && organizationId === null) {
      throw new AppError('not_found', 'Lead cannot be restored: its person and organization no longer exist');
    }
    const now = new Date();
    await ctx.db
      .update(leads)
      .set({ isDeleted: false, deleteTime: null, personId, organizationId, updateTime: now })
      .where(and(eq(leads.companyId, ctx.companyId), eq(leads.id, row.id)));
    const changes: FieldChange[] = [{ field_key: 'is_deleted', old_value: true, new_value: false }];
    if (personId !== row.personId)
      changes.push({ field_key: 'person_id', old_value: row.personId, new_value: null });
    if (organizationId !== row.organizationId) {
      changes.push({ field_key: 'organization_id', old_value: row.organizationId, new_value: null });
    }
    await recordEvents(ctx, [{ itemType: 'lead', itemId: row.id, action: 'restore', changes }]);
    return row.id;
  });
}
