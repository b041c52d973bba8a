import type { Ctx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { discountsOf, linesOf, totalsOf } from './derive.ts';

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
