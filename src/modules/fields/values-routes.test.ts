import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  makeField,
  makeOrganization,
  makePerson,
  removeField,
  removeOption,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from '../deals/tables.ts';

async function dealFields(t: Tenant) {
  return {
    stage: await makeField(t, 'deal', {
      name: 'Stage of talks',
      field_type: 'enum',
      options: ['Cold', 'Warm'],
    }),
    tags: await makeField(t, 'deal', { name: 'Tags', field_type: 'set', options: ['A', 'B', 'C'] }),
    budget: await makeField(t, 'deal', { name: 'Budget', field_type: 'monetary' }),
    contact: await makeField(t, 'deal', { name: 'Contact', field_type: 'people' }),
    where: await makeField(t, 'deal', { name: 'Site', field_type: 'address' }),
  };
}

const idsOf = (f: { options: { id: number }[] }) => f.options.map((o) => o.id);

describe('custom values on v2 deals', () => {
  it('stores, answers and narrows every kind; labels on request', async () => {
    const t = await newTenant();
    const f = await dealFields(t);
    const person = await makePerson(t);
    const [cold, warm] = idsOf(f.stage);
    const [a, , c] = idsOf(f.tags);
    const res = await t.post('/api/v2/deals', {
      title: 'Custom',
      custom_fields: {
        [f.stage.key]: warm,
        [f.tags.key]: [c, a],
        [f.budget.key]: { value: 100 },
        [f.contact.key]: person.id,
        [f.where.key]: { value: 'Storgatan 1', locality: 'Lund' },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const cf = res.body.data.custom_fields;
    expect(cf).toMatchObject({
      [f.stage.key]: warm,
      [f.tags.key]: [c, a],
      [f.budget.key]: { value: 100, currency: 'USD' },
      [f.contact.key]: person.id,
      [f.where.key]: { value: 'Storgatan 1', locality: 'Lund', country: null },
    });
    const id = res.body.data.id;
    const labelled = await t.get(`/api/v2/deals/${id}`, {
      include_option_labels: true,
      custom_fields: `${f.stage.key},${f.tags.key}`,
    });
    expect(labelled.body.data.custom_fields).toEqual({
      [f.stage.key]: { id: warm, label: 'Warm' },
      [f.tags.key]: [
        { id: c, label: 'C' },
        { id: a, label: 'A' },
      ],
    });
    // a change of one key leaves the others; null clears
    const upd = await t.patch(`/api/v2/deals/${id}`, {
      custom_fields: { [f.stage.key]: cold, [f.tags.key]: null },
    });
    expect(upd.body.data.custom_fields[f.stage.key]).toBe(cold);
    expect(upd.body.data.custom_fields).not.toHaveProperty(f.tags.key);
    expect(upd.body.data.custom_fields[f.budget.key]).toEqual({ value: 100, currency: 'USD' });
  });

  it('refuses bad values with a 400 naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const f = await dealFields(t);
    const formula = await makeField(t, 'deal', {
      name: 'Twice',
      field_type: 'double',
      formula: '{value} * 2',
    });
    const foreign = await makePerson(other);
    const id = (await t.post('/api/v2/deals', { title: 'Kept' })).body.data.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ ['e'.repeat(40)]: 1 }, 'e'.repeat(40)],
      [{ [f.stage.key]: 1 }, f.stage.key],
      [{ [f.tags.key]: [] }, f.tags.key],
      [{ [f.budget.key]: 'lots' }, f.budget.key],
      [{ [f.contact.key]: foreign.id }, f.contact.key],
      [{ [formula.key]: 3 }, formula.key],
      [{ [f.where.key]: { locality: 'Lund' } }, f.where.key],
    ];
    for (const [custom_fields, key] of cases) {
      for (const res of [
        await t.post('/api/v2/deals', { title: 'No', custom_fields }),
        await t.patch(`/api/v2/deals/${id}`, { title: 'Changed', custom_fields }),
      ]) {
        expect(res.status, JSON.stringify(custom_fields)).toBe(400);
        expect(res.body.error).toContain(`custom_fields.${key}`);
      }
    }
    const rows = await t.db.select().from(deals).where(eq(deals.companyId, t.companyId));
    // only the formula's result, computed from the deal's value (0), nothing that was refused
    expect(rows.map((r) => [r.title, r.customFields])).toEqual([['Kept', { [formula.key]: 0 }]]);
  });

  it('ignores writes to a deleted field; deleted options and fields leave the answers', async () => {
    const t = await newTenant();
    const f = await dealFields(t);
    const [a, b] = idsOf(f.tags);
    const id = (
      await t.post('/api/v2/deals', {
        title: 'D',
        custom_fields: { [f.tags.key]: [a, b], [f.stage.key]: idsOf(f.stage)[0] },
      })
    ).body.data.id;
    await removeOption(t, 'deal', f.tags, a as number);
    await removeField(t, 'deal', f.stage);
    const got = (await t.get(`/api/v2/deals/${id}`)).body.data.custom_fields;
    expect(got).toEqual({ [f.tags.key]: [b] });
    const res = await t.patch(`/api/v2/deals/${id}`, { custom_fields: { [f.stage.key]: 1 } });
    expect(res.status).toBe(200);
    // the value stays stored for history
    const [row] = await t.db.select().from(deals).where(eq(deals.id, id));
    expect(row?.customFields[f.stage.key]).toBe(idsOf(f.stage)[0]);
  });
});

describe('custom-field history', () => {
  it('records changes by field name and option label, readable after the field is deleted', async () => {
    const t = await newTenant();
    const f = await dealFields(t);
    const [cold, warm] = idsOf(f.stage);
    const id = (await t.post('/api/v2/deals', { title: 'H', custom_fields: { [f.stage.key]: cold } })).body
      .data.id;
    await t.patch(`/api/v2/deals/${id}`, { custom_fields: { [f.stage.key]: warm } });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, String(id))))
      .orderBy(auditEvents.id);
    expect(events[1]?.changes).toContainEqual({
      field_key: f.stage.key,
      field_name: 'Stage of talks',
      old_value: 'Cold',
      new_value: 'Warm',
    });
    await removeField(t, 'deal', f.stage);
    const flow = await t.get(`/api/v1/deals/${id}/flow`, { items: 'dealChange', all_changes: 1 });
    const mine = flow.body.data.filter((i: any) => i.data.field_key === f.stage.key).map((i: any) => i.data);
    expect(mine.map((d: any) => [d.old_value, d.new_value])).toEqual([
      ['Cold', 'Warm'],
      [null, 'Cold'],
    ]);
    const plain = await t.get(`/api/v1/deals/${id}/flow`, { items: 'dealChange' });
    expect(plain.body.data.some((i: any) => i.data.field_key === f.stage.key)).toBe(false);
  });
});

describe('custom values on v1 leads, v2 persons and organizations', () => {
  it('leads take and show v1 root keys: parts, enum ids as strings, sets as CSV', async () => {
    const t = await newTenant();
    const f = await dealFields(t);
    const org = await makeOrganization(t);
    const [a, b] = idsOf(f.tags);
    const res = await t.post('/api/v1/leads', {
      title: 'L',
      organization_id: org.id,
      [f.stage.key]: String(idsOf(f.stage)[1]),
      [f.tags.key]: `${a},${b}`,
      [f.budget.key]: 50,
      [`${f.budget.key}_currency`]: 'SEK',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      [f.stage.key]: String(idsOf(f.stage)[1]),
      [f.tags.key]: `${a},${b}`,
      [f.budget.key]: 50,
      [`${f.budget.key}_currency`]: 'SEK',
    });
    const upd = await t.patch(`/api/v1/leads/${res.body.data.id}`, { [`${f.budget.key}_currency`]: 'USD' });
    expect(upd.body.data).toMatchObject({ [f.budget.key]: 50, [`${f.budget.key}_currency`]: 'USD' });
    const bad = await t.patch(`/api/v1/leads/${res.body.data.id}`, { [f.stage.key]: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain(f.stage.key);
  });

  it('persons and organizations check their own fields', async () => {
    const t = await newTenant();
    const size = await makeField(t, 'organization', { name: 'Size', field_type: 'double' });
    const boss = await makeField(t, 'person', { name: 'Manager', field_type: 'user' });
    const org = await t.post('/api/v2/organizations', { name: 'O', custom_fields: { [size.key]: 12 } });
    expect(org.body.data.custom_fields).toEqual({ [size.key]: 12 });
    // a person field is no organization field
    const wrong = await t.post('/api/v2/organizations', {
      name: 'O',
      custom_fields: { [boss.key]: t.userId },
    });
    expect(wrong.status).toBe(400);
    const person = await t.post('/api/v2/persons', { name: 'P', custom_fields: { [boss.key]: t.userId } });
    expect(person.body.data.custom_fields).toEqual({ [boss.key]: t.userId });
    const ghost = await t.patch(`/api/v2/persons/${person.body.data.id}`, {
      custom_fields: { [boss.key]: 999_999 },
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error).toContain(`custom_fields.${boss.key}`);
  });
});
