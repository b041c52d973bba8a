import { Decimal } from 'decimal.js';
import type { BillingFrequency } from '../products/tables.ts';
import type { DiscountType, TaxMethod } from './tables.ts';

/**
 * Money arithmetic of deal lines, discounts and revenue metrics, in exact decimals (decimal.js, never
 * binary floating point): amounts arrive as numeric strings and leave as strings for numeric columns.
 *
 * Rounding rule: every amount is computed exactly and rounded once, when it is stored or answered, to
 * 2 decimal places, half away from zero (1.005 → 1.01, -1.005 → -1.01). A line's sum is rounded when
 * stored; the deal's value and its metrics are computed from the stored (rounded) line sums, so they
 * agree with the lines a user sees, and rounded once at the end.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

export const PLACES = 2;
const round = (d: Dec): string => d.toDecimalPlaces(PLACES, D.ROUND_HALF_UP).toFixed(PLACES);
const dec = (v: string | number): Dec => new D(typeof v === 'number' ? String(v) : v);

export interface LineAmounts {
  itemPrice: string;
  quantity: string;
  discount: string;
  discountType: DiscountType;
  tax: string;
  taxMethod: TaxMethod;
}

/**
 * A line's sum: item_price × quantity, less its discount (a percentage of that, or an amount), plus
 * tax when the deal's tax method is exclusive (inclusive prices already hold the tax; none adds none).
 */
export function lineSumExact(l: LineAmounts): Dec {
  const base = dec(l.itemPrice).times(dec(l.quantity));
  const discounted =
    l.discountType === 'percentage'
      ? base.times(new D(100).minus(dec(l.discount))).dividedBy(100)
      : base.minus(dec(l.discount));
  return l.taxMethod === 'exclusive'
    ? discounted.times(new D(100).plus(dec(l.tax))).dividedBy(100)
    : discounted;
}

export const lineSum = (l: LineAmounts): string => round(lineSumExact(l));

/** A line's sum would be negative: its amount discount is larger than its price × quantity. */
export const isNegative = (l: LineAmounts): boolean =>
  lineSumExact(l).isNegative() && !lineSumExact(l).isZero();

/** Billing periods in a year. */
const PERIODS_PER_YEAR: Record<Exclude<BillingFrequency, 'one-time'>, number> = {
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  'semi-annually': 2,
  annually: 1,
};

export interface MetricLine {
  sum: string;
  isEnabled: boolean;
  billingFrequency: BillingFrequency;
  billingFrequencyCycles: number | null;
}

export interface MetricDiscount {
  type: DiscountType;
  amount: string;
}

export interface DealTotals {
  /** the deal's value: enabled one-time lines less the deal's discounts, never below 0 */
  value: string;
  /** recurring revenue: null when the deal has no enabled recurring line */
  mrr: string | null;
  arr: string | null;
  /** the first 12 months' value and the whole term's: null when the deal has no enabled line */
  acv: string | null;
  tcv: string | null;
}

/**
 * What a deal's lines add up to (behaviour §3.9). Disabled lines count for nothing.
 * - value = Σ one-time sums, less each percentage discount (of that total) and each amount discount;
 *   discounts act only when the deal has one-time lines; floored at 0.
 * - MRR = Σ recurring sum × periods a year ÷ 12; ARR = Σ recurring sum × periods a year.
 * - TCV = value + Σ recurring sum × cycles, an indefinite line (cycles null) counted over a 12-month
 *   term; ACV = value + Σ recurring sum × the cycles that fall in the first 12 months.
 *   Installments split the one-time value and do not change these.
 */
export function dealTotals(lines: readonly MetricLine[], discounts: readonly MetricDiscount[]): DealTotals {
  const enabled = lines.filter((l) => l.isEnabled);
  const oneTime = enabled.filter((l) => l.billingFrequency === 'one-time');
  const recurring = enabled.filter((l) => l.billingFrequency !== 'one-time');
  let value = oneTime.reduce((s, l) => s.plus(dec(l.sum)), new D(0));
  if (oneTime.length > 0) {
    const total = value;
    for (const d of discounts) {
      value = value.minus(
        d.type === 'percentage' ? total.times(dec(d.amount)).dividedBy(100) : dec(d.amount),
      );
    }
    if (value.isNegative()) value = new D(0);
  }
  let arr = new D(0);
  let tcv = value;
  let acv = value;
  for (const l of recurring) {
    const perYear = PERIODS_PER_YEAR[l.billingFrequency as keyof typeof PERIODS_PER_YEAR];
    const sum = dec(l.sum);
    const cycles = l.billingFrequencyCycles ?? perYear;
    arr = arr.plus(sum.times(perYear));
    tcv = tcv.plus(sum.times(cycles));
    acv = acv.plus(sum.times(Math.min(cycles, perYear)));
  }
  const hasRecurring = recurring.length > 0;
  return {
    value: round(value),
    mrr: hasRecurring ? round(arr.dividedBy(12)) : null,
    arr: hasRecurring ? round(arr) : null,
    acv: enabled.length > 0 ? round(acv) : null,
    tcv: enabled.length > 0 ? round(tcv) : null,
  };
}

/** Two decimal amounts are equal (numeric columns' text may differ in trailing zeros). */
export const sameAmount = (a: string, b: string): boolean => dec(a).equals(dec(b));
