import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx, TxCtx } from '../context.ts';
import { type DealRow, writeDeal } from '../deals/service.ts';
import { invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import type { DealProductRow, DiscountRow } from './present.ts';
import { type DealTotals, dealTotals, sameAmount } from './sums.ts';
import { dealDiscounts, dealInstallments, dealProducts } from './tables.ts';

/** At most this many recurring lines on one deal (behaviour §3.9). */
export const MAX_RECURRING_LINES = 20;

export async function linesOf(ctx: Ctx, dealId: number): Promise<DealProductRow[]> {
  return ctx.db
    .select()
    .from(dealProducts)
    .where(and(scoped(ctx, dealProducts), eq(dealProducts.dealId, dealId)))
    .orderBy(asc(dealProducts.orderNr), asc(dealProducts.id));
}

export async function discountsOf(ctx: Ctx, dealId: number): Promise<DiscountRow[]> {
  return ctx.db
    .select()
    .from(dealDiscounts)
    .where(and(scoped(ctx, dealDiscounts), eq(dealDiscounts.dealId, dealId)))
    .orderBy(asc(dealDiscounts.createdAt), asc(dealDiscounts.id));
}

export async function installmentCount(ctx: Ctx, dealId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(dealInstallments)
    .where(and(scoped(ctx, dealInstallments), eq(dealInstallments.dealId, dealId)));
  return row?.n ?? 0;
}

/** The totals of a deal's lines in the deal's currency (lines never mix currencies into one sum). */
export function totalsOf(deal: DealRow, lines: readonly DealProductRow[], discounts: readonly DiscountRow[]) {
  return dealTotals(
    lines.filter((l) => l.currency === deal.currency),
    discounts,
  );
}

/**
 * The rules that hold between a deal's lines and its installments (behaviour §3.9), checked on the
 * state a write leaves, inside its transaction (a breach rolls it back): at most 20 recurring lines;
 * with installments, no recurring line and at least one enabled one-time line. `field` names what the
 * request changed when the last of those rules breaks.
 */
export async function assertLineRules(ctx: TxCtx, dealId: number, field: string): Promise<void> {
  const lines = await linesOf(ctx, dealId);
  const recurring = lines.filter((l) => l.billingFrequency !== 'one-time');
  if (recurring.length > MAX_RECURRING_LINES) {
    throw invalid('billing_frequency', `a deal can have at most ${MAX_RECURRING_LINES} recurring products`);
  }
  if ((await installmentCount(ctx, dealId)) === 0) return;
  if (recurring.length > 0) {
    throw invalid('billing_frequency', 'a deal with installments can have only one-time products');
  }
  if (!lines.some((l) => l.isEnabled)) {
    throw invalid(field, 'the deal has installments: its last enabled product cannot be disabled or removed');
  }
}

/**
 * While a deal has products its value follows them (behaviour §3.9), so a PATCH of the deal that
 * changes its value or its currency is refused with a 4xx naming the field; one that repeats the
 * deal's own value or currency (a client sending the whole deal back) passes.
 */
export async function assertValueFollowsLines(
  ctx: Ctx,
  deal: DealRow,
  input: { value?: number | undefined; currency?: string | undefined },
): Promise<void> {
  const value = input.value !== undefined && !sameAmount(deal.value, String(input.value));
  const currency = input.currency !== undefined && input.currency !== deal.currency;
  if (!value && !currency) return;
  const [line] = await ctx.db
    .select({ id: dealProducts.id })
    .from(dealProducts)
    .where(and(scoped(ctx, dealProducts), eq(dealProducts.dealId, deal.id)))
    .limit(1);
  if (!line) return;
  if (value) throw invalid('value', 'the deal has products: its value follows them');
  throw invalid('currency', 'the deal has products: its currency cannot change');
}

/**
 * While a deal has products its value follows them (sums.ts: enabled one-time lines less the deal's
 * discounts). The change goes through the deals module's writeDeal, so the deal's changelog records it.
 * A deal whose last line is removed keeps its last value and is edited by hand again.
 */
export async function deriveDealValue(ctx: TxCtx, deal: DealRow): Promise<DealTotals | null> {
  const lines = await linesOf(ctx, deal.id);
  if (lines.length === 0) return null;
  const totals = totalsOf(deal, lines, await discountsOf(ctx, deal.id));
  if (!sameAmount(deal.value, totals.value)) {
    await writeDeal(ctx, deal, { value: totals.value, updateTime: new Date() });
  }
  return totals;
}
