import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant, type Res } from '../../../test/helpers/app.ts';

const names = (res: Res) => res.body.data.map((r: { name: string }) => r.name);

describe.each([
  ['persons', 'person'],
  ['organizations', 'organization'],
] as const)('GET /api/v2/%s filtered by one custom field', (path, entity) => {
  it('lists only the records whose field holds the value, by type', async () => {
    const t = await newTenant();
    const tier = await makeField(t, entity, { name: 'Tier', field_type: 'enum', options: ['Gold', 'Tin'] });
    const tags = await makeField(t, entity, { name: 'Tags', field_type: 'set', options: ['A', 'B'] });
    const size = await makeField(t, entity, { name: 'Size', field_type: 'double' });
    const note = await makeField(t, entity, { name: 'Note', field_type: 'varchar' });
    const [gold, tin] = tier.options.map((o) => o.id) as [number, number];
    const [a, b] = tags.options.map((o) => o.id) as [number, number];
    const add = async (name: string, custom_fields: Record<string, unknown>) => {
      const res = await t.post(`/api/v2/${path}`, { name, custom_fields });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await add('One', { [tier.key]: gold, [tags.key]: [a, b], [size.key]: 3, [note.key]: 'red' });
    await add('Two', { [tier.key]: tin, [tags.key]: [b], [size.key]: 4 });
    await add('Three', {});
    const list = async (code: string, value: string) => {
      const res = await t.get(`/api/v2/${path}`, { custom_field_code: code, custom_field_value: value });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return names(res);
    };
    expect(await list(tier.key, String(gold))).toEqual(['One']);
    expect(await list(tier.key, String(tin))).toEqual(['Two']);
    expect(await list(tags.key, String(a))).toEqual(['One']);
    expect(await list(tags.key, String(b))).toEqual(['One', 'Two']);
    expect(await list(size.key, '4')).toEqual(['Two']);
    expect(await list(note.key, 'red')).toEqual(['One']);
    expect(await list(note.key, 'Red')).toEqual([]);
    expect(names(await t.get(`/api/v2/${path}`))).toEqual(['One', 'Two', 'Three']);
    // the filter pages like the plain list
    const first = await t.get(`/api/v2/${path}`, {
      custom_field_code: tags.key,
      custom_field_value: String(b),
      limit: 1,
    });
    expect(names(first)).toEqual(['One']);
    const next = await t.get(`/api/v2/${path}`, {
      custom_field_code: tags.key,
      custom_field_value: String(b),
      limit: 1,
      cursor: first.body.additional_data.next_cursor,
    });
    expect(names(next)).toEqual(['Two']);
  });

  it('refuses a half filter, an unknown or foreign key and a value of the wrong type', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const size = await makeField(t, entity, { name: 'Size', field_type: 'double' });
    const foreign = await makeField(other, entity, { name: 'Theirs', field_type: 'varchar' });
    const dealField = await makeField(t, 'deal', { name: 'Deal only', field_type: 'varchar' });
    for (const [query, field] of [
      [{ custom_field_code: size.key }, 'custom_field_value'],
      [{ custom_field_value: '1' }, 'custom_field_code'],
      [{ custom_field_code: 'a'.repeat(40), custom_field_value: '1' }, 'custom_field_code'],
      [{ custom_field_code: foreign.key, custom_field_value: 'x' }, 'custom_field_code'],
      [{ custom_field_code: dealField.key, custom_field_value: 'x' }, 'custom_field_code'],
      [{ custom_field_code: 'name', custom_field_value: 'x' }, 'custom_field_code'],
      [{ custom_field_code: size.key, custom_field_value: 'big' }, 'custom_field_value'],
    ] as const) {
      const res = await t.get(`/api/v2/${path}`, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
  });

  it(`is served by ${path}_custom_fields_gin`, async () => {
    const t = await newTenant();
    const def = await t.db.execute(
      sql`select indexdef from pg_indexes where indexname = ${`${path}_custom_fields_gin`}`,
    );
    expect((def as unknown as { rows: { indexdef: string }[] }).rows[0]?.indexdef).toMatch(
      /USING gin \(custom_fields jsonb_path_ops\)/,
    );
    // on a handful of rows the planner scans the table; with that path closed, the GIN index is what
    // serves the containment the list sends
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const res = await tx.execute(
        sql`EXPLAIN SELECT id FROM ${sql.identifier(path)} WHERE custom_fields @> ${'{"k": 1}'}::jsonb`,
      );
      return (res as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']);
    });
    expect(plan.join('\n')).toContain(`${path}_custom_fields_gin`);
  });
});
