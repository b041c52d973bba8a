import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { productPrices } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

const PRODUCT_KEYS = [
  'add_time',
  'billing_frequency',
  'billing_frequency_cycles',
  'category',
  'code',
  'custom_fields',
  'description',
  'id',
  'is_deleted',
  'is_linkable',
  'name',
  'owner_id',
  'prices',
  'tax',
  'unit',
  'update_time',
  'visible_to',
];

describe('v2 products: catalog', () => {
  it('adds a product with the defaults: one price of 0 in the company currency', async () => {
    const t = await newTenant();
    const res = await t.post('/api/v2/products', { name: '  Widget  ' });
    expect(res.status).toBe(200);
    const p = res.body.data;
    expect(Object.keys(p).sort()).toEqual(PRODUCT_KEYS);
    expect(p).toMatchObject({
      name: 'Widget',
      code: '',
      tax: 0,
      category: null,
      is_deleted: false,
      is_linkable: true,
      visible_to: 3,
      owner_id: t.userId,
      billing_frequency: 'one-time',
      billing_frequency_cycles: null,
      prices: [{ product_id: p.id, currency: 'USD', price: 0, cost: 0, direct_cost: null, notes: '' }],
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'product')));
    expect(event).toMatchObject({ action: 'create', itemId: String(p.id) });
  });

  it('keeps every field, stores prices exactly and replaces them all on PATCH', async () => {
    const t = await newTenant();
    const made = await t.post('/api/v2/products', {
      name: 'Consulting',
      code: 'C-1',
      unit: 'hour',
      tax: 25,
      category: 262,
      prices: [
        { currency: 'EUR', price: 100.1, cost: 40.05, direct_cost: 10, notes: 'list' },
        { currency: 'SEK', price: 1000 },
      ],
      billing_frequency: 'monthly',
      billing_frequency_cycles: 12,
    });
    expect(made.status).toBe(200);
    const id = made.body.data.id;
    expect(made.body.data).toMatchObject({ category: '262', tax: 25, billing_frequency: 'monthly' });
    expect(made.body.data.prices.map((p: { currency: string }) => p.currency)).toEqual(['EUR', 'SEK']);
    const stored = await t.db.select().from(productPrices).where(eq(productPrices.productId, id));
    expect(stored.find((p) => p.currency === 'EUR')?.price).toBe('100.1');

    const patched = await t.patch(`/api/v2/products/${id}`, { prices: [{ currency: 'USD', price: 5 }] });
    expect(patched.status).toBe(200);
    expect(patched.body.data.prices).toEqual([
      { product_id: id, currency: 'USD', price: 5, cost: 0, direct_cost: null, notes: '' },
    ]);
    expect(patched.body.data.code).toBe('C-1');
    // back to one-time clears the cycles
    const once = await t.patch(`/api/v2/products/${id}`, { billing_frequency: 'one-time' });
    expect(once.body.data).toMatchObject({ billing_frequency: 'one-time', billing_frequency_cycles: null });
  });

  it('refuses what breaks a rule, naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', billing_frequency: 'weekly' }, 'billing_frequency_cycles'],
      [{ name: 'x', billing_frequency: 'one-time', billing_frequency_cycles: 3 }, 'billing_frequency_cycles'],
      [
        { name: 'x', billing_frequency: 'monthly', billing_frequency_cycles: 209 },
        'billing_frequency_cycles',
      ],
      [{ name: 'x', billing_frequency: 'daily' }, 'billing_frequency'],
      [{ name: 'x', prices: [{ currency: 'EUR' }, { currency: 'EUR', price: 2 }] }, 'prices'],
      [{ name: 'x', prices: [{ currency: 'EUR', price: -1 }] }, 'prices'],
      [{ name: 'x', owner_id: 999_999 }, 'owner_id'],
      [{ name: 'x', visible_to: 2 }, 'visible_to'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v2/products', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    const list = await t.get('/api/v2/products');
    expect(list.body.data).toEqual([]);
  });

  it('lists with cursor, ids, owner and sort; hides private products of others; deletes softly', async () => {
    const t = await newTenant();
    const names = ['Charlie', 'Alpha', 'Bravo'];
    const ids: number[] = [];
    for (const name of names) ids.push((await t.post('/api/v2/products', { name })).body.data.id);
    const first = await t.get('/api/v2/products', { limit: 2, sort_by: 'name' });
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'Bravo']);
    const second = await t.get('/api/v2/products', {
      limit: 2,
      sort_by: 'name',
      cursor: first.body.additional_data.next_cursor,
    });
    expect(second.body.data.map((p: { name: string }) => p.name)).toEqual(['Charlie']);
    expect(second.body.additional_data.next_cursor).toBeNull();
    const some = await t.get('/api/v2/products', { ids: `${ids[0]},${ids[2]}`, sort_direction: 'desc' });
    expect(some.body.data.map((p: { id: number }) => p.id)).toEqual([ids[2], ids[0]]);

    const other = await t.addUser();
    await t.patch(`/api/v2/products/${ids[0]}`, { visible_to: 1 });
    const seen = await other.as.get('/api/v2/products');
    expect(seen.body.data.map((p: { id: number }) => p.id)).toEqual([ids[1], ids[2]]);
    expect((await other.as.get(`/api/v2/products/${ids[0]}`)).status).toBe(404);

    expect((await t.del(`/api/v2/products/${ids[1]}`)).body).toEqual({ success: true, data: { id: ids[1] } });
    expect((await t.get(`/api/v2/products/${ids[1]}`)).status).toBe(404);
    expect((await t.get('/api/v2/products')).body.data).toHaveLength(2);
  });

  it('searches name and code', async () => {
    const t = await newTenant();
    const a = (await t.post('/api/v2/products', { name: 'Blue widget', code: 'BW-1' })).body.data;
    await t.post('/api/v2/products', { name: 'Red gadget', code: 'RG' });
    const res = await t.get('/api/v2/products/search', { term: 'widg', include_fields: 'product.price' });
    expect(res.status).toBe(200);
    expect(res.body.data.items).toEqual([
      {
        result_score: 0.5,
        item: {
          id: a.id,
          type: 'product',
          name: 'Blue widget',
          code: 'BW-1',
          visible_to: 3,
          owner: { id: t.userId },
          custom_fields: [],
          price: 0,
        },
      },
    ]);
    const exact = await t.get('/api/v2/products/search', { term: 'rg', exact_match: true, fields: 'code' });
    expect(exact.body.data.items.map((i: { result_score: number }) => i.result_score)).toEqual([1]);
    const short = await t.get('/api/v2/products/search', { term: 'r' });
    expect(short.status).toBe(400);
    expect(short.body.error).toContain('term');
  });
});

describe('v2 products: variations, duplicate, followers', () => {
  it('keeps variations with their prices and copies them on duplicate', async () => {
    const t = await newTenant();
    const p = (await t.post('/api/v2/products', { name: 'Shirt', prices: [{ currency: 'EUR', price: 20 }] }))
      .body.data;
    const v = await t.post(`/api/v2/products/${p.id}/variations`, {
      name: 'Large',
      prices: [{ currency: 'EUR', price: 25 }],
    });
    expect(v.body.data).toMatchObject({
      name: 'Large',
      product_id: p.id,
      prices: [{ product_variation_id: v.body.data.id, currency: 'EUR', price: 25, cost: 0 }],
    });
    const small = (await t.post(`/api/v2/products/${p.id}/variations`, { name: 'Small' })).body.data;
    expect(small.prices).toMatchObject([{ currency: 'USD', price: 0 }]);
    const renamed = await t.patch(`/api/v2/products/${p.id}/variations/${small.id}`, { name: 'S' });
    expect(renamed.body.data.name).toBe('S');
    // the product's own prices are not the variations'
    expect((await t.get(`/api/v2/products/${p.id}`)).body.data.prices).toHaveLength(1);

    const copy = await t.post(`/api/v2/products/${p.id}/duplicate`);
    expect(copy.status).toBe(200);
    expect(copy.body.data.id).not.toBe(p.id);
    expect(copy.body.data).toMatchObject({ name: 'Shirt', prices: [{ currency: 'EUR', price: 20 }] });
    const copied = await t.get(`/api/v2/products/${copy.body.data.id}/variations`);
    expect(
      copied.body.data.map((x: { name: string; prices: { price: number }[] }) => [
        x.name,
        x.prices[0]?.price,
      ]),
    ).toEqual([
      ['Large', 25],
      ['S', 0],
    ]);

    expect((await t.del(`/api/v2/products/${p.id}/variations/${small.id}`)).body.data).toEqual({
      id: small.id,
    });
    const left = await t.get(`/api/v2/products/${p.id}/variations`, { limit: 1 });
    expect(left.body.data.map((x: { name: string }) => x.name)).toEqual(['Large']);
    expect((await t.patch(`/api/v2/products/${p.id}/variations/${small.id}`, { name: 'x' })).status).toBe(
      404,
    );
  });

  it('adds and removes followers (v2 by user id, v1 by relation id) and lists their changelog', async () => {
    const t = await newTenant();
    const other = await t.addUser();
    const p = (await t.post('/api/v2/products', { name: 'Followed' })).body.data;
    const add = await t.post(`/api/v2/products/${p.id}/followers`, { user_id: other.id });
    expect(add.body.data).toMatchObject({ user_id: other.id });
    expect((await t.post(`/api/v2/products/${p.id}/followers`, { user_id: other.id })).status).toBe(409);
    expect((await t.post(`/api/v2/products/${p.id}/followers`, { user_id: 999_999 })).body.error).toContain(
      'user_id',
    );
    const v1 = await t.get(`/api/v1/products/${p.id}/followers`);
    expect(v1.body.data).toMatchObject([{ user_id: other.id, product_id: p.id }]);
    expect(v1.body.additional_data.more_items_in_collection).toBe(false);
    const mine = await t.post(`/api/v1/products/${p.id}/followers`, { user_id: t.userId });
    expect((await t.del(`/api/v1/products/${p.id}/followers/${mine.body.data.id}`)).body.data).toEqual({
      id: mine.body.data.id,
    });
    expect((await t.del(`/api/v2/products/${p.id}/followers/${other.id}`)).body.data).toEqual({
      user_id: other.id,
    });
    const log = await t.get(`/api/v2/products/${p.id}/followers/changelog`);
    expect(
      log.body.data.map((e: { action: string; follower_user_id: number }) => [e.action, e.follower_user_id]),
    ).toEqual([
      ['removed', other.id],
      ['removed', t.userId],
      ['added', t.userId],
      ['added', other.id],
    ]);
    expect((await t.get(`/api/v2/products/${p.id}/followers`)).body.data).toEqual([]);
  });
});
