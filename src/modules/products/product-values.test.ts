import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField, makeProduct, removeField, removeOption } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { products } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

async function productFields(t: Tenant) {
  return {
    size: await makeField(t, 'product', { name: 'Size', field_type: 'enum', options: ['S', 'M', 'L'] }),
    tags: await makeField(t, 'product', { name: 'Tags', field_type: 'set', options: ['Eco', 'New'] }),
    weight: await makeField(t, 'product', { name: 'Weight', field_type: 'double' }),
    msrp: await makeField(t, 'product', { name: 'MSRP', field_type: 'monetary' }),
    launch: await makeField(t, 'product', { name: 'Launch', field_type: 'date' }),
    note: await makeField(t, 'product', { name: 'Note', field_type: 'varchar' }),
  };
}

const ids = (f: { options: { id: number }[] }) => f.options.map((o) => o.id);

async function storedValues(t: Tenant, id: number) {
  const [row] = await t.db.select().from(products).where(eq(products.id, id));
  return row?.customFields;
}

describe('custom values on v2 products', () => {
  it('stores and answers every kind on add, get, list and PATCH; labels and keys on request', async () => {
    const t = await newTenant();
    const f = await productFields(t);
    const [, m, l] = ids(f.size);
    const [eco, fresh] = ids(f.tags);
    const res = await t.post('/api/v2/products', {
      name: 'Chair',
      custom_fields: {
        [f.size.key]: m,
        [f.tags.key]: [fresh, eco],
        [f.weight.key]: 4.5,
        [f.msrp.key]: { value: 120 },
        [f.launch.key]: '2026-03-01',
        [f.note.key]: 'Oak',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.data.id;
    const expected = {
      [f.size.key]: m,
      [f.tags.key]: [fresh, eco],
      [f.weight.key]: 4.5,
      [f.msrp.key]: { value: 120, currency: 'USD' }, // the company's currency when none is sent
      [f.launch.key]: '2026-03-01',
      [f.note.key]: 'Oak',
    };
    expect(res.body.data.custom_fields).toEqual(expected);
    expect((await t.get(`/api/v2/products/${id}`)).body.data.custom_fields).toEqual(expected);
    const list = await t.get('/api/v2/products', { custom_fields: `${f.size.key},${f.weight.key}` });
    expect(list.body.data[0].custom_fields).toEqual({ [f.size.key]: m, [f.weight.key]: 4.5 });
    const labelled = await t.get(`/api/v2/products/${id}`, { include_option_labels: true });
    expect(labelled.body.data.custom_fields[f.size.key]).toEqual({ id: m, label: 'M' });

    // PATCH: only the named fields change; null clears one
    const patched = await t.patch(`/api/v2/products/${id}`, {
      custom_fields: { [f.size.key]: l, [f.note.key]: null },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.data.custom_fields).toEqual({
      ...expected,
      [f.size.key]: l,
      [f.note.key]: undefined,
    });
    expect(Object.hasOwn(patched.body.data.custom_fields, f.note.key)).toBe(false);
    // a PATCH of other fields keeps the values
    const renamed = await t.patch(`/api/v2/products/${id}`, { name: 'Armchair' });
    expect(renamed.body.data.custom_fields[f.size.key]).toBe(l);
  });

  it('refuses a wrong type, an unknown option, and a key of another entity or company, writing nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const f = await productFields(t);
    const dealField = await makeField(t, 'deal', { name: 'Deal note', field_type: 'varchar' });
    const foreign = await makeField(other, 'product', { name: 'Theirs', field_type: 'varchar' });
    const p = await makeProduct(t, { name: 'Lamp', custom_fields: { [f.weight.key]: 1 } });
    const cases: [Record<string, unknown>, string][] = [
      [{ [f.weight.key]: 'heavy' }, `custom_fields.${f.weight.key}`],
      [{ [f.size.key]: 999_999 }, `custom_fields.${f.size.key}`],
      [{ [f.tags.key]: [ids(f.tags)[0], 999_999] }, `custom_fields.${f.tags.key}`],
      [{ [f.launch.key]: '2026-13-01' }, `custom_fields.${f.launch.key}`],
      [{ [dealField.key]: 'x' }, `custom_fields.${dealField.key}`],
      [{ [foreign.key]: 'x' }, `custom_fields.${foreign.key}`],
      [{ 'not-a-key': 'x' }, 'custom_fields'],
    ];
    for (const [values, field] of cases) {
      const patch = await t.patch(`/api/v2/products/${p.id}`, { name: 'Changed', custom_fields: values });
      expect(patch.status, JSON.stringify(values)).toBe(400);
      expect(patch.body.success).toBe(false);
      expect(patch.body.error, JSON.stringify(patch.body)).toContain(field);
      const add = await t.post('/api/v2/products', { name: 'New', custom_fields: values });
      expect(add.status).toBe(400);
    }
    expect(await storedValues(t, p.id)).toEqual({ [f.weight.key]: 1 });
    const names = (await t.get('/api/v2/products')).body.data.map((x: { name: string }) => x.name);
    expect(names).toEqual(['Lamp']);
  });

  it('logs each custom change by name and keeps it readable after the field and option are deleted', async () => {
    const t = await newTenant();
    const f = await productFields(t);
    const [s, m = 0] = ids(f.size);
    const p = await makeProduct(t, { name: 'Desk', custom_fields: { [f.size.key]: s } });
    await t.patch(`/api/v2/products/${p.id}`, { custom_fields: { [f.size.key]: m, [f.weight.key]: 12 } });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.companyId, t.companyId),
          eq(auditEvents.itemType, 'product'),
          eq(auditEvents.itemId, String(p.id)),
        ),
      )
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toEqual(['create', 'change']);
    expect(events[0]?.changes).toContainEqual(
      expect.objectContaining({ field_key: f.size.key, field_name: 'Size', old_value: null, new_value: 'S' }),
    );
    const change = events[1]?.changes ?? [];
    expect(change).toContainEqual(
      expect.objectContaining({ field_key: f.size.key, field_name: 'Size', old_value: 'S', new_value: 'M' }),
    );
    expect(change).toContainEqual(
      expect.objectContaining({
        field_key: f.weight.key,
        field_name: 'Weight',
        old_value: null,
        new_value: 12,
      }),
    );

    // a deleted option disappears from the value; a deleted field from the answer, its value kept stored
    await removeOption(t, 'product', f.size, m);
    expect((await t.get(`/api/v2/products/${p.id}`)).body.data.custom_fields).toEqual({ [f.weight.key]: 12 });
    await removeField(t, 'product', f.weight);
    expect((await t.get(`/api/v2/products/${p.id}`)).body.data.custom_fields).toEqual({});
    expect(await storedValues(t, p.id)).toEqual({ [f.size.key]: m, [f.weight.key]: 12 });
    // the history written before still names them
    const [, stillNamed] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, String(p.id))))
      .orderBy(asc(auditEvents.id));
    expect(stillNamed?.changes).toContainEqual(expect.objectContaining({ field_name: 'Weight' }));
    // writing a deleted field's key is ignored, as Pipedrive does
    const ignored = await t.patch(`/api/v2/products/${p.id}`, { custom_fields: { [f.weight.key]: 99 } });
    expect(ignored.status).toBe(200);
    expect((await storedValues(t, p.id))?.[f.weight.key]).toBe(12);
  });

  it('copies custom values when a product is duplicated', async () => {
    const t = await newTenant();
    const f = await productFields(t);
    const p = await makeProduct(t, { custom_fields: { [f.note.key]: 'Copied' } });
    const dup = await t.post(`/api/v2/products/${p.id}/duplicate`);
    expect(dup.body.data.custom_fields).toEqual({ [f.note.key]: 'Copied' });
  });
});
