import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';

describe('GET /api/ext/deals/byCustomField', () => {
  it('lists the deals whose field holds the value, by type', async () => {
    const t = await newTenant();
    const tags = await makeField(t, 'deal', { name: 'Tags', field_type: 'set', options: ['A', 'B'] });
    const size = await makeField(t, 'deal', { name: 'Size', field_type: 'double' });
    const budget = await makeField(t, 'deal', { name: 'Budget', field_type: 'monetary' });
    const note = await makeField(t, 'deal', { name: 'Note', field_type: 'varchar' });
    const [a, b] = tags.options.map((o) => o.id) as [number, number];
    const add = async (custom_fields: Record<string, unknown>) =>
      (await t.post('/api/v2/deals', { title: 'x', custom_fields })).body.data.id as number;
    const d1 = await add({ [tags.key]: [a, b], [size.key]: 3, [note.key]: 'red' });
    const d2 = await add({ [tags.key]: [b], [budget.key]: { value: 10, currency: 'EUR' } });
    await add({ [size.key]: 4 });
    const ids = async (code: string, value: string) => {
      const res = await t.get('/api/ext/deals/byCustomField', {
        custom_field_code: code,
        custom_field_value: value,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data.map((d: { id: number }) => d.id);
    };
    expect(await ids(tags.key, String(a))).toEqual([d1]);
    expect(await ids(tags.key, String(b))).toEqual([d1, d2]);
    expect(await ids(size.key, '3')).toEqual([d1]);
    expect(await ids(budget.key, '10')).toEqual([d2]);
    expect(await ids(note.key, 'red')).toEqual([d1]);
    expect(await ids(note.key, 'Red')).toEqual([]);
    const bad = await t.get('/api/ext/deals/byCustomField', {
      custom_field_code: size.key,
      custom_field_value: 'big',
    });
    expect([bad.status, bad.body.error]).toEqual([400, expect.stringContaining('custom_field_value')]);
    const unknown = await t.get('/api/ext/deals/byCustomField', {
      custom_field_code: 'e'.repeat(40),
      custom_field_value: '1',
    });
    expect([unknown.status, unknown.body.error]).toEqual([400, expect.stringContaining('custom_field_code')]);
  });

  it('has a GIN index on deals.custom_fields', async () => {
    const t = await newTenant();
    const res = (await t.db.execute(
      sql`select indexdef from pg_indexes where indexname = 'deals_custom_fields_gin'`,
    )) as unknown as { rows: { indexdef: string }[] };
    expect(res.rows[0]?.indexdef).toMatch(/USING gin \(custom_fields jsonb_path_ops\)/);
  });
});
