import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { fieldRows, v2Add } from '../../../test/helpers/fields.ts';

describe('formula fields', () => {
  it('stores the canonical expression, shows it with names, and refuses what is not a formula', async () => {
    const t = await newTenant();
    const cost = await v2Add(t, 'deal', { field_name: 'Cost', field_type: 'monetary' });
    const margin = await v2Add(t, 'deal', { field_name: 'Margin', field_type: 'monetary' });
    const label = await v2Add(t, 'deal', { field_name: 'Label', field_type: 'varchar' });
    const url = `/api/ext/dealFields/${margin.field_code}/formula`;
    expect((await t.get(url)).body.data).toEqual({
      field_code: margin.field_code,
      expression: null,
      readable: null,
    });

    const set = await t.put(url, { expression: `( {value}-{${cost.field_code}} )` });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.data).toEqual({
      field_code: margin.field_code,
      expression: `{value} - {${cost.field_code}}`,
      readable: '{Value} - {Cost}',
    });
    expect((await t.get(url)).body.data).toEqual(set.body.data);

    const refusals: [string, unknown, string][] = [
      [url, { expression: '{value} +' }, 'expression'],
      [url, { expression: `{${label.field_code}} * 2` }, 'expression'],
      [url, { expression: `{${margin.field_code}} * 2` }, 'expression'],
      [url, { expression: '{nope} * 2' }, 'expression'],
      [url, { expression: 42 }, 'expression'],
      [`/api/ext/dealFields/${label.field_code}/formula`, { expression: '{value} * 2' }, 'field_code'],
      [`/api/ext/dealFields/title/formula`, { expression: '{value} * 2' }, 'field_code'],
      // the cost field is read by a formula: it cannot become one
      [`/api/ext/dealFields/${cost.field_code}/formula`, { expression: '{value} * 2' }, 'field_code'],
    ];
    for (const [path, body, field] of refusals) {
      const res = await t.put(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toContain(field);
    }
    const syntax = await t.put(url, { expression: '{value} +' });
    expect(syntax.body.error).toMatch(/position 9/);
    expect((await t.get(url)).body.data.expression).toBe(`{value} - {${cost.field_code}}`);

    // a field a formula reads is not deleted, unless with its formula field
    const del = await t.del(`/api/v2/dealFields/${cost.field_code}`);
    expect(del.status).toBe(400);
    expect(del.body.error).toContain('Margin');
    const costId = (await fieldRows(t)).find((r) => r.key === cost.field_code)?.id;
    const marginId = (await fieldRows(t)).find((r) => r.key === margin.field_code)?.id;
    expect((await t.del(`/api/v1/dealFields?ids=${costId}`)).status).toBe(400);
    expect((await fieldRows(t)).filter((r) => r.isDeleted)).toEqual([]);

    const { as: user } = await t.addUser();
    expect((await user.put(url, { expression: '{value}' })).status).toBe(403);
    expect((await t.put(url, { expression: null })).body.data.expression).toBeNull();
    await t.put(url, { expression: `{${cost.field_code}} * 2` });
    expect((await t.del(`/api/v1/dealFields?ids=${costId},${marginId}`)).status).toBe(200);
  });
});

describe('GET /api/ext/dealFields/formulas', () => {
  it('lists the deal fields that have a formula, in one answer, and nothing else', async () => {
    const t = await newTenant();
    expect((await t.get('/api/ext/dealFields/formulas')).body).toMatchObject({ success: true, data: [] });
    const cost = await v2Add(t, 'deal', { field_name: 'Cost', field_type: 'monetary' });
    const margin = await v2Add(t, 'deal', { field_name: 'Margin', field_type: 'monetary' });
    const twice = await v2Add(t, 'deal', { field_name: 'Twice', field_type: 'double' });
    await v2Add(t, 'deal', { field_name: 'Plain', field_type: 'double' });
    await t.put(`/api/ext/dealFields/${margin.field_code}/formula`, {
      expression: `{value} - {${cost.field_code}}`,
    });
    await t.put(`/api/ext/dealFields/${twice.field_code}/formula`, { expression: '{value} * 2' });
    const list = await t.get('/api/ext/dealFields/formulas');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.data).toEqual([
      {
        field_code: margin.field_code,
        expression: `{value} - {${cost.field_code}}`,
        readable: '{Value} - {Cost}',
      },
      { field_code: twice.field_code, expression: '{value} * 2', readable: '{Value} * 2' },
    ]);
    // a formula taken away and a deleted field leave the list; another company sees none of them
    await t.put(`/api/ext/dealFields/${twice.field_code}/formula`, { expression: null });
    const other = await newTenant();
    expect((await other.get('/api/ext/dealFields/formulas')).body.data).toEqual([]);
    await t.del(`/api/v2/dealFields/${margin.field_code}`);
    expect((await t.get('/api/ext/dealFields/formulas')).body.data).toEqual([]);
    // the v2 field objects stay as the client knows them
    const fields = await t.get('/api/v2/dealFields', { limit: 500 });
    for (const f of fields.body.data) expect(Object.keys(f)).not.toContain('formula');
  });
});
