import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { invoices } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

describe('invoice numbering', () => {
  it('gives 20 concurrent issues the numbers 1..20: no gap, no duplicate', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { currency: 'EUR' });
    const product = (await t.post('/api/v2/products', { name: 'Widget' })).body.data as { id: number };
    await t.post(`/api/v2/deals/${deal.id}/products`, {
      product_id: product.id,
      item_price: 10,
      quantity: 1,
    });
    const res = await Promise.all(
      Array.from({ length: 20 }, () => t.post(`/api/ext/deals/${deal.id}/invoices`, { status: 'sent' })),
    );
    expect(res.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = res.map((r) => r.body.data.sequence_number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await t.db
      .select({ n: invoices.number })
      .from(invoices)
      .where(eq(invoices.companyId, t.companyId));
    expect(new Set(stored.map((s) => s.n)).size).toBe(20);
    expect((await t.get('/api/ext/invoice-settings')).body.data.next_number).toBe(21);
  });
});
