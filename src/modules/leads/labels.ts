import { and, asc, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { type LEAD_LABEL_COLORS, leadLabels } from './tables.ts';

export type LeadLabelRow = typeof leadLabels.$inferSelect;
export type LeadLabelColor = (typeof LEAD_LABEL_COLORS)[number];

export const DEFAULT_LEAD_LABELS: { name: string; color: LeadLabelColor }[] = [
  { name: 'Hot', color: 'red' },
  { name: 'Warm', color: 'yellow' },
  { name: 'Cold', color: 'blue' },
];

export async function createDefaultLabels(ctx: Ctx): Promise<void> {
  await ctx.db
    .insert(leadLabels)
    .values(DEFAULT_LEAD_LABELS.map((l) => ({ ...l, companyId: ctx.companyId })));
}

export async function listLeadLabels(ctx: Ctx): Promise<LeadLabelRow[]> {
  return ctx.db
    .select()
    .from(leadLabels)
    .where(eq(leadLabels.companyId, ctx.companyId))
    .orderBy(asc(leadLabels.addTime), asc(leadLabels.name));
}

export async function getLeadLabel(ctx: Ctx, id: string): Promise<LeadLabelRow> {
  const [row] = await ctx.db
    .select()
    .from(leadLabels)
    .where(and(eq(leadLabels.companyId, ctx.companyId), eq(leadLabels.id, id)));
  if (!row) throw notFound('Lead label');
  return row;
}

export async function addLeadLabel(
  ctx: Ctx,
  input: { name: string; color: LeadLabelColor },
): Promise<LeadLabelRow> {
  const [row] = await ctx.db
    .insert(leadLabels)
    .values({ companyId: ctx.companyId, name: input.name, color: input.color })
    .returning();
  if (!row) throw new AppError('internal', 'lead label not created');
  await recordEvent(ctx, { itemType: 'lead_label', itemId: row.id, action: 'create' });
  return row;
}

export async function updateLeadLabel(
  ctx: Ctx,
  id: string,
  input: { name?: string | undefined; color?: LeadLabelColor | undefined },
): Promise<LeadLabelRow> {
  const before = await getLeadLabel(ctx, id);
  const [row] = await ctx.db
    .update(leadLabels)
    .set({ name: input.name ?? before.name, color: input.color ?? before.color, updateTime: new Date() })
    .where(and(eq(leadLabels.companyId, ctx.companyId), eq(leadLabels.id, id)))
    .returning();
  if (!row) throw notFound('Lead label');
  await recordEvent(ctx, { itemType: 'lead_label', itemId: id, action: 'change' });
  return row;
}
