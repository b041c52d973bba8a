import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { discountLines } from './amounts.ts';

beforeAll(async () => {
  await testApp();
});

interface Line {
  description: string;
  net: number;
  tax_amount: number;
  total: number;
  deal_product_id: number | null;
}

/**
 * A deal with 25 % VAT on top of 3 × 1 999,99 (7 499,96), a line at 12 % of 87,50 (98,00), a disabled
 * line and deal discounts of 10 % and 33,33: 7 597,96 less 793,126 is a value of 6 804,83.
 */
async function discountedDeal(t: Tenant) {
  const deal = await makeDeal(t, { title: 'Kontorsmöbler', currency: 'SEK' });
  const product = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data as { id: number };
  const add = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
    data: [
      { product_id: product.id, item_price: 1999.99, quantity: 3, tax: 25, tax_method: 'exclusive' },
      { product_id: product.id, item_price: 100, quantity: 1, discount: 12.5, tax: 12 },
      { product_id: product.id, item_price: 50, quantity: 1, is_enabled: false },
    ],
  });
  expect(add.status, JSON.stringify(add.body)).toBe(200);
  for (const d of [
    { description: 'Trogen kund', type: 'percentage', amount: 10 },
    { description: 'Goodwill', type: 'amount', amount: 33.33 },
  ]) {
    const res = await t.post(`/api/v2/deals/${deal.id}/discounts`, d);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const lines = (add.body.data as { id: number }[]).map((l) => l.id);
  return { deal, lines };
}

const cents = (n: number) => Math.round(n * 100);

describe("invoices carry the deal's discounts", () => {
  it('bills every line at exactly the deal’s value, the discounts as negative lines', async () => {
    const t = await newTenant();
    const { deal } = await discountedDeal(t);
    const value = (await t.get(`/api/v2/deals/${deal.id}`)).body.data.value;
    expect(value).toBe(6804.83);
    const res = await t.post(`/api/ext/deals/${deal.id}/invoices`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const inv = res.body.data as { total: number; net: number; tax_amount: number; lines: Line[] };
    expect(inv.total).toBe(value);
    const discounts = inv.lines.filter((l) => l.deal_product_id === null);
    expect(discounts.map((l) => [l.description, l.total])).toEqual([
      ['Trogen kund', -759.8],
      ['Goodwill', -33.33],
    ]);
    for (const l of inv.lines) expect(cents(l.net) + cents(l.tax_amount)).toBe(cents(l.total));
    // each discount takes its part of the tax, 1 510,49 of 7 597,96: 151,05 of 759,80 and 6,63 of 33,33
    expect(discounts.map((l) => l.tax_amount)).toEqual([-151.05, -6.63]);
    expect(cents(inv.net) + cents(inv.tax_amount)).toBe(cents(inv.total));
  });

  it('gives chosen lines their share of the discounts, none to a disabled line', async () => {
    const t = await newTenant();
    const { deal, lines } = await discountedDeal(t);
    const first = await t.post(`/api/ext/deals/${deal.id}/invoices`, { line_ids: [lines[0]] });
    // 793,13 × 7 499,96 ÷ 7 597,96 = 782,90, split 750,00 and 32,90
    expect(first.body.data.total).toBe(7499.96 - 782.9);
    expect((first.body.data.lines as Line[]).filter((l) => !l.deal_product_id).map((l) => l.total)).toEqual([
      -750, -32.9,
    ]);
    const second = await t.post(`/api/ext/deals/${deal.id}/invoices`, { line_ids: [lines[1]] });
    expect(second.body.data.total).toBe(98 - 10.23);
    const disabled = await t.post(`/api/ext/deals/${deal.id}/invoices`, { line_ids: [lines[2]] });
    expect(disabled.body.data.lines).toHaveLength(1);
    expect(disabled.body.data.total).toBe(50);
  });

  it('leaves recurring lines and installments undiscounted', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { title: 'Licens', currency: 'EUR' });
    const product = (await t.post('/api/v2/products', { name: 'Licens' })).body.data as { id: number };
    await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: [
        { product_id: product.id, item_price: 1000, quantity: 1 },
        { product_id: product.id, item_price: 99, quantity: 1, billing_frequency: 'monthly' },
      ],
    });
    await t.post(`/api/v2/deals/${deal.id}/discounts`, { description: 'Start', type: 'amount', amount: 100 });
    const all = await t.post(`/api/ext/deals/${deal.id}/invoices`, {});
    expect(all.body.data.total).toBe(900 + 99);

    const one = await makeDeal(t, { title: 'Delbetalt', currency: 'EUR' });
    await t.post(`/api/v2/deals/${one.id}/products`, {
      product_id: product.id,
      item_price: 1000,
      quantity: 1,
    });
    await t.post(`/api/v2/deals/${one.id}/discounts`, { description: 'Start', type: 'amount', amount: 100 });
    const inst = await t.post(`/api/v2/deals/${one.id}/installments`, {
      description: 'Halva',
      amount: 450,
      billing_date: '2026-12-15',
    });
    const byInst = await t.post(`/api/ext/deals/${one.id}/invoices`, { installment_id: inst.body.data.id });
    expect(byInst.body.data.lines).toHaveLength(1);
    expect(byInst.body.data.total).toBe(450);
  });
});

describe('discountLines', () => {
  const line = (total: string, taxAmount = '0.00') => ({
    total,
    taxAmount,
    net: (Number(total) - Number(taxAmount)).toFixed(2),
  });

  it('rounds the whole discount once: a half cent the value keeps is not billed off', () => {
    // 10,00 less 0,05 % is 9,995, a value of 10,00: nothing is left off
    expect(
      discountLines([{ description: 'x', type: 'percentage', amount: '0.05' }], '10.00', '10.00', [
        line('10.00'),
      ]),
    ).toEqual([]);
  });

  it('splits by cumulative rounding: three equal thirds add up to the cent', () => {
    const out = discountLines(
      ['a', 'b', 'c'].map((description) => ({ description, type: 'amount' as const, amount: '1' })),
      '10.00',
      '9.00',
      [line('10.00', '2.00')],
    );
    expect(out.map((l) => l.total)).toEqual(['-0.33', '-0.34', '-0.33']);
    expect(out.map((l) => l.taxAmount)).toEqual(['-0.07', '-0.07', '-0.07']);
    expect(out.map((l) => l.net)).toEqual(['-0.26', '-0.27', '-0.26']);
  });

  it('takes no more than the lines hold when the discounts exceed them', () => {
    const out = discountLines([{ description: 'all', type: 'amount', amount: '500' }], '120.00', '0.00', [
      line('120.00'),
    ]);
    expect(out.map((l) => l.total)).toEqual(['-120.00']);
  });
});
