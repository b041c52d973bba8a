import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeDeal } from '../../../test/factories/deals.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';

async function add(t: Tenant, entity: string, body: Record<string, unknown>) {
  const res = await t.post(`/api/v2/${entity}Fields`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { field_code: string; options: { id: number; label: string }[] | null };
}

const customCodes = async (t: Tenant, entity: string) =>
  ((await t.get(`/api/v2/${entity}Fields`)).body.data as { field_code: string; is_custom_field: boolean }[])
    .filter((f) => f.is_custom_field)
    .map((f) => f.field_code);

describe('PUT /api/ext/{entity}Fields/order', () => {
  it('reorders custom fields, a part among its own slots, with an event per field moved', async () => {
    const t = await newTenant();
    const [a, b, c] = [
      await add(t, 'person', { field_name: 'A', field_type: 'varchar' }),
      await add(t, 'person', { field_name: 'B', field_type: 'varchar' }),
      await add(t, 'person', { field_name: 'C', field_type: 'varchar' }),
    ].map((f) => f.field_code) as [string, string, string];
    const res = await t.put('/api/ext/personFields/order', { field_codes: [c, a, b] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((f: { field_code: string }) => f.field_code)).toEqual([c, a, b]);
    expect(await customCodes(t, 'person')).toEqual([c, a, b]);
    // a part: a and b swap in the slots they hold; c stays first
    await t.put('/api/ext/personFields/order', { field_codes: [b, a] });
    expect(await customCodes(t, 'person')).toEqual([c, b, a]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'field')));
    const moves = events.filter((e) => e.changes.some((ch) => ch.field_key === 'order_nr'));
    expect(moves).toHaveLength(5);
    // the other entities' lists are untouched
    expect(await customCodes(t, 'deal')).toEqual([]);
  });

  it('refuses unknown, built-in, repeated and foreign codes, naming the entry; writes nothing', async () => {
    const t = await newTenant();
    const a = (await add(t, 'deal', { field_name: 'A', field_type: 'varchar' })).field_code;
    const b = (await add(t, 'deal', { field_name: 'B', field_type: 'varchar' })).field_code;
    const org = (await add(t, 'organization', { field_name: 'O', field_type: 'varchar' })).field_code;
    const cases: [unknown, number, string][] = [
      [{ field_codes: [b, 'f'.repeat(40)] }, 404, 'field_codes.1'],
      [{ field_codes: [b, org] }, 404, 'field_codes.1'],
      [{ field_codes: ['title', a] }, 400, 'field_codes.0'],
      [{ field_codes: [b, a, b] }, 400, 'field_codes.2'],
      [{ field_codes: [] }, 400, 'field_codes'],
      [{ field_codes: ['a b'] }, 400, 'field_codes'],
      [{}, 400, 'field_codes'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.put('/api/ext/dealFields/order', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    expect(await customCodes(t, 'deal')).toEqual([a, b]);
    const { as: user } = await t.addUser();
    expect((await user.put('/api/ext/dealFields/order', { field_codes: [b, a] })).status).toBe(403);
    expect(await customCodes(t, 'deal')).toEqual([a, b]);
  });
});

describe('PUT /api/ext/{entity}Fields/{code}/options/order', () => {
  it('reorders options; refuses foreign ids and fields without options', async () => {
    const t = await newTenant();
    const tier = await add(t, 'deal', {
      field_name: 'Tier',
      field_type: 'enum',
      options: [{ label: 'Gold' }, { label: 'Silver' }, { label: 'Bronze' }],
    });
    const other = await add(t, 'deal', { field_name: 'Other', field_type: 'set', options: [{ label: 'X' }] });
    const [gold, silver, bronze] = (tier.options ?? []).map((o) => o.id) as [number, number, number];
    const url = `/api/ext/dealFields/${tier.field_code}/options/order`;
    const res = await t.put(url, { option_ids: [bronze, gold, silver] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((o: { label: string }) => o.label)).toEqual(['Bronze', 'Gold', 'Silver']);
    const read = await t.get(`/api/v2/dealFields/${tier.field_code}`);
    expect(read.body.data.options.map((o: { label: string }) => o.label)).toEqual([
      'Bronze',
      'Gold',
      'Silver',
    ]);

    const foreign = (other.options ?? [])[0]?.id;
    const bad = await t.put(url, { option_ids: [gold, foreign] });
    expect(bad.status).toBe(404);
    expect(bad.body.error).toContain('option_ids.1');
    const twice = await t.put(url, { option_ids: [gold, gold] });
    expect(twice.status).toBe(400);
    const plain = await add(t, 'deal', { field_name: 'Plain', field_type: 'varchar' });
    const noOptions = await t.put(`/api/ext/dealFields/${plain.field_code}/options/order`, {
      option_ids: [gold],
    });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error).toContain('field_code');
    const again = await t.get(`/api/v2/dealFields/${tier.field_code}`);
    expect(again.body.data.options.map((o: { label: string }) => o.label)).toEqual([
      'Bronze',
      'Gold',
      'Silver',
    ]);
  });
});

describe('POST /api/ext/dealFields/formula/preview', () => {
  it('checks an expression, shows it by name, and computes it on a deal without storing', async () => {
    const t = await newTenant();
    const cost = await add(t, 'deal', { field_name: 'Cost', field_type: 'monetary' });
    const label = await add(t, 'deal', { field_name: 'Label', field_type: 'varchar' });
    const deal = await makeDeal(t, {
      value: 1000,
      currency: 'EUR',
      custom_fields: { [cost.field_code]: { value: 300, currency: 'EUR' } },
    } as never);
    const url = '/api/ext/dealFields/formula/preview';

    const ok = await t.post(url, { expression: `{value} - {${cost.field_code}}`, deal_id: deal.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toEqual({ valid: true, readable: '{Value} - {Cost}', value: 700, currency: 'EUR' });
    expect((await t.post(url, { expression: '{value} * 10%' })).body.data).toEqual({
      valid: true,
      readable: '{Value} * 10%',
    });

    const syntax = await t.post(url, { expression: '{value} +', deal_id: deal.id });
    expect(syntax.status).toBe(200);
    expect(syntax.body.data).toEqual({
      valid: false,
      readable: null,
      error: { code: 'syntax', message: expect.any(String), position: 9 },
    });
    const notNumeric = await t.post(url, { expression: `2 * {${label.field_code}}` });
    expect(notNumeric.body.data.error).toMatchObject({ code: 'not_numeric', position: 4 });
    // a field's own formula cannot read itself
    const self = await t.post(url, { expression: `{${cost.field_code}} * 2`, field_code: cost.field_code });
    expect(self.body.data.error).toMatchObject({ code: 'formula_field' });

    // the empty input: null
    const empty = await makeDeal(t, { title: 'No cost', value: 5 });
    const none = await t.post(url, { expression: `{${cost.field_code}} * 2`, deal_id: empty.id });
    expect(none.body.data).toMatchObject({ valid: true, value: null });

    const missing = await t.post(url, { expression: '{value}', deal_id: 999_999_999 });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBeTruthy();
    const bad = await t.post(url, { expression: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('expression');
    // a deal of another company is not seen
    const other = await newTenant();
    const foreign = await other.post(url, { expression: '{value}', deal_id: deal.id });
    expect(foreign.status).toBe(404);
  });
});
