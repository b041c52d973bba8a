import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { deriveDealValue, discountsOf } from './derive.ts';
import { type DiscountRow, presentDiscount } from './present.ts';
import type { UpdateDiscountBodyT } from './schema.ts';
import { changeableDeal } from './service.ts';
import { dealDiscounts } from './tables.ts';

type DiscountInput = Required<Pick<UpdateDiscountBodyT, 'description' | 'amount' | 'type'>>;

/** A percentage discount is at most 100 %. */
function assertAmount(type: 'percentage' | 'amount', amount: number): void {
  if (type === 'percentage' && amount > 100) {
    throw new AppError(
      'validation_failed',
      'Validation failed: amount: a percentage is at most 100',
      'amount',
    );
  }
}

const changesOf = (before: DiscountRow | null, after: DiscountRow | null) => {
  const b = before ? presentDiscount(before) : null;
  const a = after ? presentDiscount(after) : null;
  return (['description', 'amount', 'type'] as const)
    .filter((k) => b?.[k] !== a?.[k])
    .map((k) => ({ field_key: k, old_value: b?.[k] ?? null, new_value: a?.[k] ?? null }));
};

/** GET /deals/{id}/discounts: oldest first, no paging (API-2 §3.2). */
export async function listDiscounts(ctx: Ctx, dealId: number): Promise<DiscountRow[]> {
  await getDeal(ctx, dealId);
  return discountsOf(ctx, dealId);
}

export async function addDiscount(ctx: Ctx, dealId: number, input: DiscountInput): Promise<DiscountRow> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    assertAmount(input.type, input.amount);
    const now = new Date();
    const [row] = await ctx.db
      .insert(dealDiscounts)
      .values({
        companyId: ctx.companyId,
        dealId,
        description: input.description,
        amount: String(input.amount),
        type: input.type,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
        updatedBy: ctx.actor.userId,
      })
      .returning();
    if (!row) throw new AppError('internal', 'discount not created');
    await recordEvent(ctx, {
      itemType: 'deal_discount',
      itemId: row.id,
      action: 'create',
      changes: changesOf(null, row),
    });
    await deriveDealValue(ctx, deal);
    return row;
  });
}

async function discountRow(ctx: Ctx, dealId: number, id: string): Promise<DiscountRow> {
  const [row] = await ctx.db
    .select()
    .from(dealDiscounts)
    .where(and(scoped(ctx, dealDiscounts), eq(dealDiscounts.dealId, dealId), eq(dealDiscounts.id, id)));
  if (!row) throw new AppError('not_found', 'Discount not found', 'discount_id');
  return row;
}

export async function updateDiscount(
  ctx: Ctx,
  dealId: number,
  id: string,
  input: UpdateDiscountBodyT,
): Promise<DiscountRow> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    const before = await discountRow(ctx, dealId, id);
    const type = input.type ?? before.type;
    assertAmount(type, input.amount ?? Number(before.amount));
    const [row] = await ctx.db
      .update(dealDiscounts)
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.amount !== undefined ? { amount: String(input.amount) } : {}),
        type,
        updatedAt: new Date(),
        updatedBy: ctx.actor.userId,
      })
      .where(and(eq(dealDiscounts.companyId, ctx.companyId), eq(dealDiscounts.id, id)))
      .returning();
    if (!row) throw new AppError('not_found', 'Discount not found', 'discount_id');
    await recordEvent(ctx, {
      itemType: 'deal_discount',
      itemId: id,
      action: 'change',
      changes: changesOf(before, row),
    });
    await deriveDealValue(ctx, deal);
    return row;
  });
}

export async function deleteDiscount(ctx: Ctx, dealId: number, id: string): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    const before = await discountRow(ctx, dealId, id);
    await ctx.db
      .delete(dealDiscounts)
      .where(and(eq(dealDiscounts.companyId, ctx.companyId), eq(dealDiscounts.id, id)));
    await recordEvent(ctx, {
      itemType: 'deal_discount',
      itemId: id,
      action: 'delete',
      changes: changesOf(before, null),
    });
    await deriveDealValue(ctx, deal);
  });
}
