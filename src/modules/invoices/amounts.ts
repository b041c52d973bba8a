import { Decimal } from 'decimal.js';
import { type LineAmounts, lineSumExact, PLACES } from '../deal-products/sums.ts';

/**
 * Invoice amounts in exact decimals, by the rule of deal-products/sums.ts: a line's amounts are
 * computed exactly from its price, quantity, discount and tax (lineSumExact) and rounded once, to 2
 * places half away from zero. A line's tax is its total less its net, so net + tax = total exactly on
 * every line; the invoice's totals are the sums of its lines' rounded amounts (what the PDF shows adds up).
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const round = (d: Dec): Dec => d.toDecimalPlaces(PLACES, D.ROUND_HALF_UP);
const fixed = (d: Dec): string => round(d).toFixed(PLACES);

export interface LineMoney {
  net: string;
  taxAmount: string;
  total: string;
}

/**
 * A deal line's net, tax and total. Exclusive: tax on top of the discounted price. Inclusive: the
 * discounted price holds the tax (net = price ÷ (1 + rate)). None: no tax.
 */
export function lineMoney(l: LineAmounts): LineMoney {
  const total = round(lineSumExact(l));
  const rate = new D(l.tax).dividedBy(100);
  const net =
    l.taxMethod === 'exclusive'
      ? round(lineSumExact({ ...l, taxMethod: 'none' }))
      : l.taxMethod === 'inclusive'
        ? round(lineSumExact(l).dividedBy(rate.plus(1)))
        : total;
  return {
    net: net.toFixed(PLACES),
    taxAmount: total.minus(net).toFixed(PLACES),
    total: total.toFixed(PLACES),
  };
}

/**
 * An installment's line: the installment is a part of the deal's (tax-holding) value, so its tax is
 * that part of the deal's tax: amount × Σ tax ÷ Σ total of the deal's lines.
 */
export function installmentMoney(amount: string, dealLines: readonly LineMoney[]): LineMoney {
  const total = round(new D(amount));
  const sumTotal = dealLines.reduce((s, l) => s.plus(l.total), new D(0));
  const sumTax = dealLines.reduce((s, l) => s.plus(l.taxAmount), new D(0));
  const tax = sumTotal.isZero() ? new D(0) : round(total.times(sumTax).dividedBy(sumTotal));
  return { net: fixed(total.minus(tax)), taxAmount: fixed(tax), total: fixed(total) };
}

/** The invoice's totals: the sums of its lines' rounded amounts. */
export function totalsOf(lines: readonly LineMoney[]): LineMoney {
  const add = (k: keyof LineMoney) => lines.reduce((s, l) => s.plus(l[k]), new D(0)).toFixed(PLACES);
  return { net: add('net'), taxAmount: add('taxAmount'), total: add('total') };
}

/** A credit note's amount: the same amount, negated. */
export const negate = (v: string): string => new D(v).negated().toFixed(PLACES);

/** A quantity negated as it is, unrounded. */
export const negateExact = (v: string): string => new D(v).negated().toString();

/** The tax rate an installment line shows: its tax over its net, in percent, 2 places. */
export function effectiveRate(m: LineMoney): string {
  const net = new D(m.net);
  return net.isZero() ? '0' : fixed(new D(m.taxAmount).dividedBy(net).times(100));
}

export interface DealDiscountAmount {
  description: string;
  type: 'percentage' | 'amount';
  amount: string;
}

export interface DiscountLineMoney extends LineMoney {
  description: string;
}

/**
 * The deal's own discounts on an invoice, as one negative line per discount (Pipedrive shows deal
 * discounts as rows of their own below the products), exact decimals throughout.
 *
 * Rounding rule: the deal's whole discount is what its value leaves off its one-time lines,
 * `D = T − value` (T = Σ enabled one-time line totals, value as deal-products/sums.ts rounds it), so an
 * invoice of every line comes to the deal's value to the cent. Chosen lines bear the share `C ÷ T` of it
 * (C = Σ of the chosen enabled one-time lines' totals; recurring and disabled lines bear none). That share
 * is split over the discounts by their exact sizes with cumulative rounding (each line is the rounded
 * running total less the previous one, 2 places, half away from zero), so the lines add up to the rounded
 * share exactly. A discount line's tax is its part of the chosen lines' tax (amount × Σ tax ÷ Σ total),
 * so net + tax = total on it as on every line.
 */
export function discountLines(
  discounts: readonly DealDiscountAmount[],
  oneTimeTotal: string,
  value: string,
  chosen: readonly LineMoney[],
): DiscountLineMoney[] {
  const whole = new D(oneTimeTotal);
  const off = whole.minus(value);
  if (discounts.length === 0 || whole.lte(0) || off.lte(0) || chosen.length === 0) return [];
  const sumTotal = chosen.reduce((s, l) => s.plus(l.total), new D(0));
  const sumTax = chosen.reduce((s, l) => s.plus(l.taxAmount), new D(0));
  const share = off.times(sumTotal).dividedBy(whole);
  const sizes = discounts.map((d) =>
    d.type === 'percentage' ? whole.times(d.amount).dividedBy(100) : new D(d.amount),
  );
  const sizeSum = sizes.reduce((s, x) => s.plus(x), new D(0));
  if (sizeSum.lte(0)) return [];
  const out: DiscountLineMoney[] = [];
  let running = new D(0);
  let before = new D(0);
  discounts.forEach((d, i) => {
    running = running.plus(share.times(sizes[i] as Dec).dividedBy(sizeSum));
    const amount = round(running).minus(before);
    before = round(running);
    if (amount.isZero()) return;
    const tax = sumTotal.isZero() ? new D(0) : round(amount.times(sumTax).dividedBy(sumTotal));
    out.push({
      description: d.description,
      net: fixed(amount.minus(tax).negated()),
      taxAmount: fixed(tax.negated()),
      total: fixed(amount.negated()),
    });
  });
  return out;
}
