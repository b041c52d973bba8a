import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { diffFields, recordEvent, recordEvents } from '../audit/service.ts';
import { type Bindable, type Ctx, inTx, type StatementCtx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import type { UserLocale } from '../users/service.ts';
import { type LEAD_LABEL_COLORS, leadLabels, leads } from './tables.ts';

export type LeadLabelRow = typeof leadLabels.$inferSelect;
export type LeadLabelColor = (typeof LEAD_LABEL_COLORS)[number];

/** A new company's lead labels, in the language of the one who sets it up. */
export const DEFAULT_LEAD_LABELS: Record<UserLocale, { name: string; color: LeadLabelColor }[]> = {
  en_US: [
    { name: 'Hot', color: 'red' },
    { name: 'Warm', color: 'yellow' },
    { name: 'Cold', color: 'blue' },
  ],
  sv_SE: [
    { name: 'Het', color: 'red' },
    { name: 'Varm', color: 'yellow' },
    { name: 'Kall', color: 'blue' },
  ],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

export async function createDefaultLabels(ctx: Ctx, locale: UserLocale = 'en_US'): Promise<void> {
  await ctx.db
    .insert(leadLabels)
    .values(DEFAULT_LEAD_LABELS[locale].map((l) => ({ ...l, companyId: ctx.companyId })));
}

export async function listLeadLabels(ctx: Ctx): Promise<LeadLabelRow[]> {
  return ctx.db
    .select()
    .from(leadLabels)
    .where(eq(leadLabels.companyId, ctx.companyId))
    .orderBy(asc(leadLabels.addTime), asc(leadLabels.name));
}

export async function getLeadLabel(ctx: Ctx, id: string): Promise<LeadLabelRow> {
  if (!isUuid(id)) throw notFound('Lead label');
  const [row] = await ctx.db
    .select()
    .from(leadLabels)
    .where(and(eq(leadLabels.companyId, ctx.companyId), eq(leadLabels.id, id)));
  if (!row) throw notFound('Lead label');
  return row;
}

/** Throws a 404 naming the field unless every id is a lead label of the company. */
export async function assertLabelsExist(ctx: Ctx, ids: string[], field = 'label_ids'): Promise<void> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return;
  const missing = () => new AppError('not_found', `Lead label not found (${field})`, field);
  if (!unique.every(isUuid)) throw missing();
  const rows = await ctx.db.select({ id: leadLabels.id }).from(leadLabels).where(labelsIn(ctx, unique));
  if (rows.length !== unique.length) throw missing();
}

/**
 * What assertLabelsExist checks, as a condition of a one-statement write: `ids` lower-case UUIDs
 * without repeats (assertLabelsExist refuses other ids without asking the database).
 */
export function labelsExistSql(ctx: StatementCtx, ids: Bindable<string[]>): SQL {
  return sql`(select count(*) from ${leadLabels} where ${labelsIn(ctx, ids)}) = cardinality(${sql.param(ids)}::uuid[])`;
}

function labelsIn(ctx: StatementCtx, ids: Bindable<string[]>) {
  return and(eq(leadLabels.companyId, ctx.companyId), sql`${leadLabels.id} = ANY(${sql.param(ids)}::uuid[])`);
}

const LABEL_DIFF_KEYS = ['name', 'color'] as const;

export async function addLeadLabel(
  ctx: Ctx,
  input: { name: string; color: LeadLabelColor },
): Promise<LeadLabelRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'lead labels');
    const [row] = await ctx.db
      .insert(leadLabels)
      .values({ companyId: ctx.companyId, name: input.name, color: input.color })
      .returning();
    if (!row) throw new AppError('internal', 'lead label not created');
    await recordEvent(ctx, { itemType: 'lead_label', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updateLeadLabel(
  ctx: Ctx,
  id: string,
  input: { name?: string | undefined; color?: LeadLabelColor | undefined },
): Promise<LeadLabelRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'lead labels');
    const before = await getLeadLabel(ctx, id);
    const changes = diffFields(
      { name: before.name, color: before.color },
      { name: input.name ?? before.name, color: input.color ?? before.color },
      LABEL_DIFF_KEYS,
    );
    if (changes.length === 0) return before;
    const [row] = await ctx.db
      .update(leadLabels)
      .set({ name: input.name ?? before.name, color: input.color ?? before.color, updateTime: new Date() })
      .where(and(eq(leadLabels.companyId, ctx.companyId), eq(leadLabels.id, id)))
      .returning();
    if (!row) throw notFound('Lead label');
    await recordEvent(ctx, { itemType: 'lead_label', itemId: id, action: 'change', changes });
    return row;
  });
}

/**
 * Deletes a label and takes it off every lead of the company that carries it (one statement), with a
 * change event per lead. Call inside the use case's transaction.
 */
export async function deleteLeadLabel(ctx: Ctx, id: string): Promise<string> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'lead labels');
    const label = await getLeadLabel(ctx, id);
    // every lead that carries it, deleted ones too (a restored lead must not carry a deleted label)
    const carries = and(
      scoped(ctx, leads, { deleted: 'too', visibility: 'any' }),
      sql`${label.id}::uuid = ANY(${leads.labelIds})`,
    );
    const carrying = await ctx.db
      .select({ id: leads.id, labelIds: leads.labelIds })
      .from(leads)
      .where(carries);
    if (carrying.length > 0) {
      await ctx.db
        .update(leads)
        .set({ labelIds: sql`array_remove(${leads.labelIds}, ${label.id}::uuid)`, updateTime: new Date() })
        .where(carries);
    }
    await ctx.db
      .delete(leadLabels)
      .where(and(eq(leadLabels.companyId, ctx.companyId), eq(leadLabels.id, id)));
    await recordEvent(ctx, { itemType: 'lead_label', itemId: id, action: 'delete' });
    await recordEvents(
      ctx,
      carrying.map((lead) => ({
        itemType: 'lead',
        itemId: lead.id,
        action: 'change' as const,
        isBulk: true,
        changes: [
          {
            field_key: 'label_ids',
            old_value: lead.labelIds,
            new_value: lead.labelIds.filter((l) => l !== label.id),
          },
        ],
      })),
    );
    return label.id;
  });
}
