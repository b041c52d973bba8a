import { describe, expect, it } from 'vitest';
import { dealTotals, type LineAmounts, lineSum, type MetricLine } from './sums.ts';

const line = (o: Partial<LineAmounts>): LineAmounts => ({
  itemPrice: '0',
  quantity: '1',
  discount: '0',
  discountType: 'percentage',
  tax: '0',
  taxMethod: 'none',
  ...o,
});
const m = (sum: string, o: Partial<MetricLine> = {}): MetricLine => ({
  sum,
  isEnabled: true,
  billingFrequency: 'one-time',
  billingFrequencyCycles: null,
  ...o,
});

describe('line sums in exact decimals', () => {
  it('adds without binary floating point error', () => {
    // 0.1 × 3 is 0.30000000000000004 in floating point
    expect(lineSum(line({ itemPrice: '0.1', quantity: '3' }))).toBe('0.30');
    expect(lineSum(line({ itemPrice: '19.99', quantity: '3' }))).toBe('59.97');
  });

  it('rounds half away from zero to 2 places, once', () => {
    // 1.005 is 1.00499999999999989… as a double, so toFixed(2) gives 1.00
    expect(lineSum(line({ itemPrice: '1.005' }))).toBe('1.01');
    expect(lineSum(line({ itemPrice: '-1.005' }))).toBe('-1.01');
    expect(lineSum(line({ itemPrice: '1.004999' }))).toBe('1.00');
    // 10 less 33.333 %: 6.6667 → 6.67
    expect(lineSum(line({ itemPrice: '10', discount: '33.333' }))).toBe('6.67');
  });

  it('applies discounts and tax by the tax method', () => {
    const base = { itemPrice: '100', quantity: '2', tax: '25' };
    expect(lineSum(line({ ...base, discount: '10', discountType: 'percentage', taxMethod: 'none' }))).toBe(
      '180.00',
    );
    expect(lineSum(line({ ...base, discount: '15', discountType: 'amount', taxMethod: 'none' }))).toBe(
      '185.00',
    );
    expect(lineSum(line({ ...base, taxMethod: 'exclusive' }))).toBe('250.00');
    expect(lineSum(line({ ...base, taxMethod: 'inclusive' }))).toBe('200.00');
  });
});

describe('deal totals and revenue metrics', () => {
  it('derives the value from enabled one-time lines less deal discounts, floored at 0', () => {
    const lines = [m('100.00'), m('50.50'), m('1000.00', { isEnabled: false })];
    expect(dealTotals(lines, [])).toMatchObject({ value: '150.50', mrr: null, arr: null, acv: '150.50' });
    expect(
      dealTotals(lines, [
        { type: 'percentage', amount: '10' },
        { type: 'amount', amount: '0.45' },
      ]).value,
    ).toBe('135.00');
    expect(dealTotals(lines, [{ type: 'amount', amount: '999' }]).value).toBe('0.00');
  });

  it('leaves discounts out when the deal has no one-time line', () => {
    const t = dealTotals(
      [m('10.00', { billingFrequency: 'monthly', billingFrequencyCycles: 24 })],
      [{ type: 'amount', amount: '5' }],
    );
    expect(t).toEqual({ value: '0.00', mrr: '10.00', arr: '120.00', acv: '120.00', tcv: '240.00' });
  });

  it('computes MRR, ARR, ACV and TCV per billing frequency', () => {
    const lines = [
      m('500.00'),
      m('10.00', { billingFrequency: 'weekly', billingFrequencyCycles: 10 }),
      m('300.00', { billingFrequency: 'quarterly', billingFrequencyCycles: null }),
      m('1200.00', { billingFrequency: 'annually', billingFrequencyCycles: 3 }),
    ];
    // ARR = 10×52 + 300×4 + 1200 = 2920; MRR = 243.333… → 243.33
    // ACV = 500 + 10×10 + 300×4 + 1200×1 = 3000; TCV = 500 + 100 + 300×4 (indefinite: 12 months) + 3600
    expect(dealTotals(lines, [])).toEqual({
      value: '500.00',
      mrr: '243.33',
      arr: '2920.00',
      acv: '3000.00',
      tcv: '5400.00',
    });
  });

  it('is all null but the value when the deal has no enabled line', () => {
    expect(dealTotals([], [])).toEqual({ value: '0.00', mrr: null, arr: null, acv: null, tcv: null });
  });
});
