import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dealRow, makeDeal, makeLead, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { dealProducts } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

async function product(t: Tenant, body: Record<string, unknown> = {}) {
  return (await t.post('/api/v2/products', { name: 'Widget', ...body })).body.data as {
    id: number;
    name: string;
  };
}

async function dealEvents(t: Tenant, dealId: number) {
  return t.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, t.companyId),
        eq(auditEvents.itemType, 'deal'),
        eq(auditEvents.itemId, String(dealId)),
      ),
    )
    .orderBy(auditEvents.id);
}

describe('products on a deal', () => {
  it('adds, lists, updates and deletes lines; the deal value follows its one-time lines', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t, { value: 999, currency: 'EUR' });
    const add = await t.post(`/api/v2/deals/${deal.id}/products`, {
      product_id: p.id,
      item_price: 0.1,
      quantity: 3,
      comments: 'first',
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.data).toMatchObject({
      deal_id: deal.id,
      product_id: p.id,
      product_variation_id: null,
      name: 'Widget',
      order_nr: 1,
      item_price: 0.1,
      quantity: 3,
      sum: 0.3,
      currency: 'EUR',
      discount: 0,
      discount_type: 'percentage',
      tax: 0,
      tax_method: 'none',
      is_enabled: true,
      comments: 'first',
      billing_frequency: 'one-time',
      billing_frequency_cycles: null,
      billing_start_date: null,
    });
    expect((await dealRow(t, deal.id)).value).toBe('0.30');
    const bulk = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: [
        { product_id: p.id, item_price: 100, quantity: 2, discount: 10 },
        {
          product_id: p.id,
          item_price: 50,
          quantity: 1,
          discount: 5,
          discount_type: 'amount',
          is_enabled: false,
        },
      ],
    });
    expect(bulk.body.data.map((l: { order_nr: number; sum: number }) => [l.order_nr, l.sum])).toEqual([
      [2, 180],
      [3, 45],
    ]);
    expect((await t.get(`/api/v2/deals/${deal.id}`)).body.data.value).toBe(180.3);

    const list = await t.get(`/api/v2/deals/${deal.id}/products`, {
      limit: 2,
      sort_by: 'order_nr',
      sort_direction: 'desc',
    });
    expect(list.body.data.map((l: { order_nr: number }) => l.order_nr)).toEqual([3, 2]);
    const rest = await t.get(`/api/v2/deals/${deal.id}/products`, {
      limit: 2,
      sort_by: 'order_nr',
      sort_direction: 'desc',
      cursor: list.body.additional_data.next_cursor,
    });
    expect(rest.body.data.map((l: { order_nr: number }) => l.order_nr)).toEqual([1]);

    const disabled = bulk.body.data[1].id;
    const upd = await t.patch(`/api/v2/deals/${deal.id}/products/${disabled}`, {
      is_enabled: true,
      quantity: 2,
    });
    expect(upd.body.data).toMatchObject({ is_enabled: true, sum: 95 });
    expect((await dealRow(t, deal.id)).value).toBe('275.30');

    const del = await t.del(`/api/v2/deals/${deal.id}/products/${add.body.data.id}`);
    expect(del.body).toEqual({ success: true, data: { id: add.body.data.id } });
    expect((await dealRow(t, deal.id)).value).toBe('275.00');
    // the deal's changelog records the value each write derived
    const values = (await dealEvents(t, deal.id)).flatMap((e) =>
      e.changes.filter((c) => c.field_key === 'value').map((c) => c.new_value),
    );
    expect(values).toEqual([999, 0.3, 180.3, 275.3, 275]);
    const lineEvents = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'deal_product')));
    expect(lineEvents.map((e) => e.action).sort()).toEqual([
      'change',
      'create',
      'create',
      'create',
      'delete',
    ]);
  });

  it('lists lines of many deals, CSV or repeated ids, skipping deals the caller cannot see', async () => {
    const t = await newTenant();
    const p = await product(t);
    const a = await makeDeal(t);
    const b = await makeDeal(t);
    const other = await t.addUser();
    const hidden = await makeDeal(t, { visible_to: 1 });
    for (const d of [a, b, hidden]) {
      await t.post(`/api/v2/deals/${d.id}/products`, { product_id: p.id, item_price: 1, quantity: 1 });
    }
    const csv = await t.get('/api/v2/deals/products', {
      deal_ids: `${a.id},${b.id},${hidden.id}`,
      sort_by: 'deal_id',
    });
    expect(csv.body.data.map((l: { deal_id: number }) => l.deal_id)).toEqual([a.id, b.id, hidden.id]);
    const seen = await other.as.get('/api/v2/deals/products', { deal_ids: `${a.id},${hidden.id}` });
    expect(seen.body.data.map((l: { deal_id: number }) => l.deal_id)).toEqual([a.id]);
    const repeated = await t.app.inject({
      method: 'GET',
      url: `/api/v2/deals/products?deal_ids=${a.id}&deal_ids=${b.id}`,
      headers: { 'x-api-token': t.token },
    });
    expect(repeated.json().data).toHaveLength(2);
    expect((await t.get('/api/v2/deals/products')).status).toBe(400);
  });

  it('keeps one tax method per deal: changing it on one line changes every line and its sum', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t);
    const one = (
      await t.post(`/api/v2/deals/${deal.id}/products`, {
        product_id: p.id,
        item_price: 100,
        quantity: 1,
        tax: 25,
      })
    ).body.data;
    const two = (
      await t.post(`/api/v2/deals/${deal.id}/products`, {
        product_id: p.id,
        item_price: 10,
        quantity: 1,
        tax: 10,
        tax_method: 'exclusive',
      })
    ).body.data;
    expect(two).toMatchObject({ tax_method: 'exclusive', sum: 11 });
    const lines = (await t.get(`/api/v2/deals/${deal.id}/products`)).body.data;
    expect(lines.map((l: { tax_method: string; sum: number }) => [l.tax_method, l.sum])).toEqual([
      ['exclusive', 125],
      ['exclusive', 11],
    ]);
    await t.patch(`/api/v2/deals/${deal.id}/products/${one.id}`, { tax_method: 'inclusive' });
    const after = (await t.get(`/api/v2/deals/${deal.id}/products`)).body.data;
    expect(after.map((l: { tax_method: string; sum: number }) => [l.tax_method, l.sum])).toEqual([
      ['inclusive', 100],
      ['inclusive', 10],
    ]);
    expect((await dealRow(t, deal.id)).value).toBe('110.00');
  });

  it('refuses every rule breach with a 4xx naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const p = await product(t);
    const unlinkable = await product(t, { is_linkable: false });
    const deal = await makeDeal(t, { value: 5 });
    const base = { product_id: p.id, item_price: 10, quantity: 1 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, product_id: 999_999 }, 'product_id'],
      [{ ...base, product_id: unlinkable.id }, 'product_id'],
      [{ ...base, product_variation_id: 999_999 }, 'product_variation_id'],
      [{ ...base, discount: 11, discount_type: 'amount' }, 'discount'],
      [{ ...base, discount: 101 }, 'discount'],
      [{ ...base, tax_method: 'sometimes' }, 'tax_method'],
      [{ ...base, billing_frequency: 'weekly' }, 'billing_frequency_cycles'],
      [{ ...base, billing_frequency: 'monthly', billing_frequency_cycles: 209 }, 'billing_frequency_cycles'],
      [{ ...base, billing_frequency_cycles: 3 }, 'billing_frequency_cycles'],
      [{ ...base, billing_frequency: 'monthly', billing_start_date: '2001-01-01' }, 'billing_start_date'],
      [{ ...base, quantity: -1 }, 'quantity'],
      [{ product_id: p.id, quantity: 1 }, 'item_price'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post(`/api/v2/deals/${deal.id}/products`, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    const tooMany = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: Array.from({ length: 101 }, () => base),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toContain('data');
    // one bad line in a bulk add: none is written
    const mixed = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: [base, { ...base, product_id: 999_999 }],
    });
    expect(mixed.status).toBe(404);
    const rows = await t.db.select().from(dealProducts).where(eq(dealProducts.dealId, deal.id));
    expect(rows).toEqual([]);
    expect((await dealRow(t, deal.id)).value).toBe('5');
  });

  it('allows at most 20 recurring lines per deal', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t);
    const monthly = { product_id: p.id, item_price: 1, quantity: 1, billing_frequency: 'monthly' };
    const ok = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
      data: Array.from({ length: 20 }, () => monthly),
    });
    expect(ok.status).toBe(200);
    const more = await t.post(`/api/v2/deals/${deal.id}/products`, monthly);
    expect(more.status).toBe(400);
    expect(more.body.error).toContain('billing_frequency');
    const oneTime = await t.post(`/api/v2/deals/${deal.id}/products`, {
      ...monthly,
      billing_frequency: 'one-time',
    });
    expect(oneTime.status).toBe(200);
    const toRecurring = await t.patch(`/api/v2/deals/${deal.id}/products/${oneTime.body.data.id}`, {
      billing_frequency: 'annually',
    });
    expect(toRecurring.status).toBe(400);
    expect(toRecurring.body.error).toContain('billing_frequency');
  });

  it('bulk deletes by ids or the first 100, and says when more remain', async () => {
    const t = await newTenant();
    const p = await product(t);
    const deal = await makeDeal(t);
    const line = { product_id: p.id, item_price: 1, quantity: 1 };
    await t.post(`/api/v2/deals/${deal.id}/products/bulk`, { data: Array.from({ length: 100 }, () => line) });
    const last = (await t.post(`/api/v2/deals/${deal.id}/products`, line)).body.data.id;
    const first = await t.del(`/api/v2/deals/${deal.id}/products`);
    expect(first.body.data.ids).toHaveLength(100);
    expect(first.body.additional_data).toEqual({ more_items_in_collection: true });
    const unknown = await t.del(`/api/v2/deals/${deal.id}/products?ids=${last},999999`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('999999');
    const rest = await t.del(`/api/v2/deals/${deal.id}/products?ids=${last}`);
    expect(rest.body).toEqual({ success: true, data: { ids: [last] }, additional_data: null });
    expect((await t.get(`/api/v2/deals/${deal.id}/products`)).body.data).toEqual([]);
  });

  it("holds no products on a lead, and keeps a deal's lines with the deal when it becomes a lead", async () => {
    const t = await newTenant();
    const p = await product(t);
    const lead = await makeLead(t);
    const onLead = await t.post(`/api/v2/deals/${lead.id}/products`, {
      product_id: p.id,
      item_price: 1,
      quantity: 1,
    });
    expect(onLead.status).toBe(400);
    expect(onLead.body.error).toContain('id');

    const person = await makePerson(t);
    const deal = await makeDeal(t, { person_id: person.id });
    const line = (
      await t.post(`/api/v2/deals/${deal.id}/products`, { product_id: p.id, item_price: 7, quantity: 1 })
    ).body.data;
    const converted = await t.app.inject({
      method: 'POST',
      url: `/api/v2/deals/${deal.id}/convert/lead`,
      headers: { 'x-api-token': t.token, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const [kept] = await t.db.select().from(dealProducts).where(eq(dealProducts.id, line.id));
    expect(kept?.dealId).toBe(deal.id);
    expect((await dealRow(t, deal.id)).isDeleted).toBe(true);
    expect((await t.get(`/api/v2/deals/${deal.id}/products`)).status).toBe(404);
  });

  it('refuses lines on an archived deal and on a deal the caller cannot see', async () => {
    const t = await newTenant();
    const p = await product(t);
    const archived = await makeDeal(t, { is_archived: true });
    const body = { product_id: p.id, item_price: 1, quantity: 1 };
    const res = await t.post(`/api/v2/deals/${archived.id}/products`, body);
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('archived');
    const other = await t.addUser();
    const hidden = await makeDeal(t, { visible_to: 1 });
    expect((await other.as.post(`/api/v2/deals/${hidden.id}/products`, body)).status).toBe(404);
  });
});
