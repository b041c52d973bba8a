import { beforeAll, describe, expect, it } from 'vitest';
import { dealRow, makeDeal } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';

/** Deal discounts, installments, revenue metrics and order (moved out of deal-products.test.ts). */

beforeAll(async () => {
  await testApp();
});

async function product(t: Tenant, body: Record<string, unknown> = {}) {
  return (await t.post('/api/v2/products', { name: 'Widget', ...body })).body.data as {
    id: number;
    name: string;
  };
}

describe('deal discounts, installments and revenue', () => {
  it('applies deal discounts to the value only when the deal has one-time lines', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t, { value: 50 });
    const d = await t.post(`/api/v2/deals/${deal.id}/discounts`, {
      description: 'Loyal',
      amount: 10,
      type: 'percentage',
    });
    expect(d.status).toBe(200);
    expect(d.body.data).toMatchObject({
      description: 'Loyal',
      amount: 10,
      type: 'percentage',
      deal_id: deal.id,
      created_by: t.userId,
    });
    expect((await dealRow(t, deal.id)).value).toBe('50');
    await t.post(`/api/v2/deals/${deal.id}/products`, { product_id: p.id, item_price: 200, quantity: 1 });
    expect((await dealRow(t, deal.id)).value).toBe('180.00');
    const amount = (
      await t.post(`/api/v2/deals/${deal.id}/discounts`, { description: 'Promo', amount: 30, type: 'amount' })
    ).body.data;
    expect((await dealRow(t, deal.id)).value).toBe('150.00');
    const upd = await t.patch(`/api/v2/deals/${deal.id}/discounts/${amount.id}`, { amount: 20.5 });
    expect(upd.body.data.amount).toBe(20.5);
    expect((await dealRow(t, deal.id)).value).toBe('159.50');
    expect(
      (await t.get(`/api/v2/deals/${deal.id}/discounts`)).body.data.map(
        (x: { description: string }) => x.description,
      ),
    ).toEqual(['Loyal', 'Promo']);
    expect((await t.del(`/api/v2/deals/${deal.id}/discounts/${d.body.data.id}`)).body.data).toEqual({
      id: d.body.data.id,
    });
    expect((await dealRow(t, deal.id)).value).toBe('179.50');
    const bad = await t.post(`/api/v2/deals/${deal.id}/discounts`, {
      description: 'x',
      amount: 101,
      type: 'percentage',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('amount');
    const zero = await t.post(`/api/v2/deals/${deal.id}/discounts`, {
      description: 'x',
      amount: 0,
      type: 'amount',
    });
    expect(zero.body.error).toContain('amount');
  });

  it('keeps installments only beside one-time lines, and the last enabled line while they exist', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t);
    const inst = { description: 'First half', amount: 50, billing_date: '2030-01-15' };
    const none = await t.post(`/api/v2/deals/${deal.id}/installments`, inst);
    expect(none.status).toBe(400);
    const line = (
      await t.post(`/api/v2/deals/${deal.id}/products`, { product_id: p.id, item_price: 100, quantity: 1 })
    ).body.data;
    const made = await t.post(`/api/v2/deals/${deal.id}/installments`, inst);
    expect(made.status).toBe(200);
    expect(made.body.data).toMatchObject({ ...inst, deal_id: deal.id });
    const recurring = await t.post(`/api/v2/deals/${deal.id}/products`, {
      product_id: p.id,
      item_price: 1,
      quantity: 1,
      billing_frequency: 'monthly',
    });
    expect(recurring.status).toBe(400);
    expect(recurring.body.error).toContain('billing_frequency');
    const disable = await t.patch(`/api/v2/deals/${deal.id}/products/${line.id}`, { is_enabled: false });
    expect(disable.status).toBe(400);
    expect(disable.body.error).toContain('is_enabled');
    const remove = await t.del(`/api/v2/deals/${deal.id}/products/${line.id}`);
    expect(remove.status).toBe(400);
    expect(remove.body.error).toContain('product_attachment_id');
    expect((await t.get(`/api/v2/deals/${deal.id}/products`)).body.data[0].is_enabled).toBe(true);

    const upd = await t.patch(`/api/v2/deals/${deal.id}/installments/${made.body.data.id}`, { amount: 60 });
    expect(upd.body.data.amount).toBe(60);
    const second = await t.post(`/api/v2/deals/${deal.id}/installments`, {
      ...inst,
      billing_date: '2030-02-15',
    });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v2/deals/installments?deal_ids=${deal.id}&sort_by=billing_date&sort_direction=desc`,
      headers: { 'x-api-token': t.token },
    });
    expect(list.json().data.map((i: { id: number }) => i.id)).toEqual([
      second.body.data.id,
      made.body.data.id,
    ]);
    const bad = await t.post(`/api/v2/deals/${deal.id}/installments`, {
      ...inst,
      billing_date: '2030-02-30',
    });
    expect(bad.body.error).toContain('billing_date');
    for (const i of [made.body.data.id, second.body.data.id]) {
      expect((await t.del(`/api/v2/deals/${deal.id}/installments/${i}`)).body.data).toEqual({ id: i });
    }
    expect(
      (await t.patch(`/api/v2/deals/${deal.id}/products/${line.id}`, { is_enabled: false })).status,
    ).toBe(200);
  });

  it('answers the deal revenue: value, MRR, ARR, ACV, TCV', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t, { value: 12, currency: 'SEK' });
    expect((await t.get(`/api/ext/deals/${deal.id}/revenue`)).body.data).toEqual({
      deal_id: deal.id,
      currency: 'SEK',
      products_count: 0,
      value: 12,
      mrr: null,
      arr: null,
      acv: null,
      tcv: null,
    });
    await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: [
        { product_id: p.id, item_price: 500, quantity: 1 },
        {
          product_id: p.id,
          item_price: 100,
          quantity: 1,
          billing_frequency: 'monthly',
          billing_frequency_cycles: 24,
        },
        { product_id: p.id, item_price: 1000, quantity: 1, billing_frequency: 'annually' },
      ],
    });
    expect((await t.get(`/api/ext/deals/${deal.id}/revenue`)).body.data).toEqual({
      deal_id: deal.id,
      currency: 'SEK',
      products_count: 3,
      value: 500,
      mrr: 183.33,
      arr: 2200,
      acv: 2700,
      tcv: 3900,
    });
  });

  it("refuses a PATCH of a deal's value or currency while it has products, and writes nothing", async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t, { value: 50, currency: 'EUR' });
    // no products yet: the value is the deal's own
    expect((await t.patch(`/api/v2/deals/${deal.id}`, { value: 70 })).status).toBe(200);
    await t.post(`/api/v2/deals/${deal.id}/products`, { product_id: p.id, item_price: 20, quantity: 2 });

    const value = await t.patch(`/api/v2/deals/${deal.id}`, { value: 10, title: 'Renamed' });
    expect(value.status).toBe(400);
    expect(value.body).toMatchObject({ success: false });
    expect(JSON.stringify(value.body)).toContain('value');
    const currency = await t.patch(`/api/v2/deals/${deal.id}`, { currency: 'SEK' });
    expect(currency.status).toBe(400);
    expect(JSON.stringify(currency.body)).toContain('currency');
    const after = (await t.get(`/api/v2/deals/${deal.id}`)).body.data;
    expect(after).toMatchObject({ title: deal.title, value: 40, currency: 'EUR' });

    // the deal sent back whole (its own value and currency) passes
    const same = await t.patch(`/api/v2/deals/${deal.id}`, { value: 40, currency: 'EUR', title: 'Kept' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body.data).toMatchObject({ title: 'Kept', value: 40 });
  });

  it('shows arr, mrr and acv on v2 deals with products, null on deals without', async () => {
    const t = await newTenant();
    const p = await product(t);
    const plain = await makeDeal(t, { value: 5, currency: 'SEK' });
    const deal = await makeDeal(t, { value: 0, currency: 'SEK' });
    await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: [
        { product_id: p.id, item_price: 500, quantity: 1 },
        { product_id: p.id, item_price: 100, quantity: 1, billing_frequency: 'monthly' },
      ],
    });
    expect((await t.get(`/api/v2/deals/${deal.id}`)).body.data).toMatchObject({
      value: 500,
      mrr: 100,
      arr: 1200,
      acv: 1700,
    });
    const list = (await t.get('/api/v2/deals')).body.data as { id: number; mrr: number | null }[];
    expect(list.find((d) => d.id === deal.id)?.mrr).toBe(100);
    expect(list.find((d) => d.id === plain.id)).toMatchObject({ mrr: null, arr: null, acv: null });
  });

  it("reorders a deal's lines when every line is named once, and refuses anything else", async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t, { value: 0, currency: 'EUR' });
    const added = (
      await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
        data: [1, 2, 3].map((n) => ({ product_id: p.id, item_price: n, quantity: 1 })),
      })
    ).body.data as { id: number }[];
    const [a, b, c] = added.map((l) => l.id) as [number, number, number];
    const res = await t.put(`/api/ext/deals/${deal.id}/products/order`, { ids: [c, a, b] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.data as { id: number; order_nr: number }[]).map((l) => [l.id, l.order_nr])).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    const listed = (await t.get(`/api/v2/deals/${deal.id}/products?sort_by=order_nr`)).body.data as {
      id: number;
    }[];
    expect(listed.map((l) => l.id)).toEqual([c, a, b]);

    for (const ids of [
      [a, b],
      [a, a, b],
      [c, a, b, 999_999],
    ]) {
      const bad = await t.put(`/api/ext/deals/${deal.id}/products/order`, { ids });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(JSON.stringify(bad.body)).toContain('ids');
    }
    const again = (await t.get(`/api/v2/deals/${deal.id}/products?sort_by=order_nr`)).body.data as {
      id: number;
    }[];
    expect(again.map((l) => l.id)).toEqual([c, a, b]);
  });
});
