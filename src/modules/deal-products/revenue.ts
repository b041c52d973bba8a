import { and, asc, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { type DealRow, getDeal } from '../deals/service.ts';
import { scoped } from '../scope.ts';
import { discountsOf, linesOf, totalsOf } from './derive.ts';
import { dealDiscounts, dealProducts } from './tables.ts';

/**
 * A deal's revenue from its lines, in its currency (sums.ts has the rules and the rounding): value,
 * MRR, ARR, ACV, TCV. With no lines, the value is the deal's own and the metrics are null.
 */
export async function dealRevenue(ctx: Ctx, dealId: number) {
  const deal = await getDeal(ctx, dealId);
  const lines = await linesOf(ctx, dealId);
  const amount = (v: string | null) => (v === null ? null : Number(v));
  if (lines.length === 0) {
    return {
      deal_id: deal.id,
      currency: deal.currency,
      products_count: 0,
      value: Number(deal.value),
      mrr: null,
      arr: null,
      acv: null,
      tcv: null,
    };
  }
  const t = totalsOf(deal, lines, await discountsOf(ctx, dealId));
  return {
    deal_id: deal.id,
    currency: deal.currency,
    products_count: lines.length,
    value: Number(t.value),
    mrr: amount(t.mrr),
    arr: amount(t.arr),
    acv: amount(t.acv),
    tcv: amount(t.tcv),
  };
}

export interface DealMetrics {
  arr: number | null;
  mrr: number | null;
  acv: number | null;
}

/**
 * The v2 deal's `arr`, `mrr` and `acv` for many deals in two statements (null when a deal has no
 * products, as Pipedrive answers): deals without lines are left out of the map.
 */
export async function metricsOfDeals(
  ctx: Ctx,
  rows: readonly DealRow[],
): Promise<ReadonlyMap<number, DealMetrics>> {
  const out = new Map<number, DealMetrics>();
  if (rows.length === 0) return out;
  const ids = rows.map((d) => d.id);
  const lines = await ctx.db
    .select()
    .from(dealProducts)
    .where(and(scoped(ctx, dealProducts), inArray(dealProducts.dealId, ids)))
    .orderBy(asc(dealProducts.orderNr), asc(dealProducts.id));
  if (lines.length === 0) return out;
  const withLines = new Set(lines.map((l) => l.dealId));
  const discounts = await ctx.db
    .select()
    .from(dealDiscounts)
    .where(and(scoped(ctx, dealDiscounts), inArray(dealDiscounts.dealId, [...withLines])));
  const amount = (v: string | null) => (v === null ? null : Number(v));
  for (const deal of rows) {
    if (!withLines.has(deal.id)) continue;
    const t = totalsOf(
      deal,
      lines.filter((l) => l.dealId === deal.id),
      discounts.filter((d) => d.dealId === deal.id),
    );
    out.set(deal.id, { arr: amount(t.arr), mrr: amount(t.mrr), acv: amount(t.acv) });
  }
  return out;
}
