import { describe, expect, it } from 'vitest';
import { makeField, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { AppError } from '../errors.ts';
import { customFieldDefs } from './defs.ts';
import { presentV1, presentV2 } from './present-values.ts';
import type { CustomFieldType, FieldDef } from './types.ts';
import { applyValues, parseCustomValues, readCustomValues } from './values.ts';

let next = 0;
const hex = () => (++next).toString(16).padStart(40, 'a');
const def = (fieldType: CustomFieldType, more: Partial<FieldDef> = {}): FieldDef => ({
  id: 10_000 + next,
  entity: 'deal',
  key: hex(),
  name: `F ${fieldType}`,
  fieldType,
  formula: null,
  isDeleted: false,
  requiredStageIds: [],
  options: [],
  ...more,
});
const opt = (id: number, label: string) => ({
  id,
  label,
  color: null,
  orderNr: id,
  addTime: new Date(),
  updateTime: new Date(),
});

const v2 = (d: FieldDef, value: unknown) =>
  parseCustomValues([d], { [d.key]: value }, 'v2', { currency: 'EUR' });
const v1 = (d: FieldDef, body: Record<string, unknown>, before?: Record<string, unknown>) =>
  parseCustomValues([d], body, 'v1', { currency: 'EUR', before });

/** The field an error names, and its message. */
function refusal(fn: () => unknown): { field: string | undefined; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('parseCustomValues, per type', () => {
  it('texts: strings within their length, numbers as text', () => {
    for (const t of ['varchar', 'varchar_auto', 'phone'] as const) {
      const d = def(t);
      expect(v2(d, 'hello').change).toEqual({ [d.key]: 'hello' });
      expect(refusal(() => v2(d, 'x'.repeat(256))).field).toBe(`custom_fields.${d.key}`);
      expect(refusal(() => v2(d, { a: 1 })).message).toContain('expected a string');
    }
    const text = def('text');
    expect(v2(text, 'x'.repeat(1000)).change[text.key]).toHaveLength(1000);
    expect(refusal(() => v2(text, 'a\u0000b')).message).toContain('NUL');
  });

  it('double: a number; v1 also a numeric string', () => {
    const d = def('double');
    expect(v2(d, 1.5).change).toEqual({ [d.key]: 1.5 });
    expect(refusal(() => v2(d, '1.5')).message).toContain('expected a number');
    expect(v1(d, { [d.key]: '2.25' }).change).toEqual({ [d.key]: 2.25 });
    expect(refusal(() => v1(d, { [d.key]: 'lots' })).field).toBe(d.key);
  });

  it('monetary: {value, currency}; currency defaults, v1 takes <key>_currency', () => {
    const d = def('monetary');
    expect(v2(d, { value: 5, currency: 'USD' }).change).toEqual({ [d.key]: { value: 5, currency: 'USD' } });
    expect(v2(d, { value: 5 }).change).toEqual({ [d.key]: { value: 5, currency: 'EUR' } });
    expect(refusal(() => v2(d, { value: 5, currency: 'usd' })).message).toContain('ISO 4217');
    expect(refusal(() => v2(d, 5)).message).toContain('expected an object');
    expect(refusal(() => v2(d, { value: 5, rate: 1 })).message).toContain('unknown part rate');
    expect(v1(d, { [d.key]: 7, [`${d.key}_currency`]: 'SEK' }).change).toEqual({
      [d.key]: { value: 7, currency: 'SEK' },
    });
    // only the currency: the stored amount stays
    const before = { [d.key]: { value: 9, currency: 'USD' } };
    expect(v1(d, { [`${d.key}_currency`]: 'GBP' }, before).change).toEqual({
      [d.key]: { value: 9, currency: 'GBP' },
    });
    expect(refusal(() => v1(d, { [`${d.key}_currency`]: 'GBP' })).field).toBe(`${d.key}_currency`);
    expect(refusal(() => v1(d, { [`${d.key}_until`]: 'x' })).field).toBe(`${d.key}_until`);
  });

  it('date and daterange', () => {
    const d = def('date');
    expect(v2(d, '2024-02-29').change).toEqual({ [d.key]: '2024-02-29' });
    expect(refusal(() => v2(d, '2023-02-29')).message).toContain('YYYY-MM-DD');
    const r = def('daterange');
    expect(v2(r, { value: '2024-01-01', until: '2024-02-01' }).change).toEqual({
      [r.key]: { value: '2024-01-01', until: '2024-02-01' },
    });
    expect(refusal(() => v2(r, { value: '2024-03-01', until: '2024-02-01' })).message).toContain('before');
    expect(v1(r, { [r.key]: '2024-01-01', [`${r.key}_until`]: '2024-01-05' }).change).toEqual({
      [r.key]: { value: '2024-01-01', until: '2024-01-05' },
    });
  });

  it('time and timerange with their zone', () => {
    const d = def('time');
    expect(v2(d, { value: '09:30', timezone_name: 'Europe/Stockholm' }).change).toEqual({
      [d.key]: { value: '09:30:00', timezone_id: null, timezone_name: 'Europe/Stockholm' },
    });
    expect(refusal(() => v2(d, { value: '25:00' })).message).toContain('HH:MM');
    expect(refusal(() => v2(d, { value: '09:00', timezone_name: 'Mars/Base' })).message).toContain('IANA');
    const r = def('timerange');
    expect(
      v1(r, { [r.key]: '08:00:00', [`${r.key}_until`]: '17:00:00', [`${r.key}_timezone_id`]: 5 }).change,
    ).toEqual({
      [r.key]: { value: '08:00:00', until: '17:00:00', timezone_id: 5, timezone_name: null },
    });
  });

  it('enum: an option id of the field (v1: as a string)', () => {
    const d = def('enum', { options: [opt(1, 'A'), opt(2, 'B')] });
    expect(v2(d, 2).change).toEqual({ [d.key]: 2 });
    expect(v1(d, { [d.key]: '1' }).change).toEqual({ [d.key]: 1 });
    expect(refusal(() => v2(d, 3))).toMatchObject({ field: `custom_fields.${d.key}` });
    expect(refusal(() => v2(d, 3)).message).toContain('option 3 does not exist');
    expect(refusal(() => v2(d, 'A')).message).toContain('expected an id');
  });

  it('set: a list of option ids, never []; v1 CSV', () => {
    const d = def('set', { options: [opt(1, 'A'), opt(2, 'B')] });
    expect(v2(d, [2, 1, 2]).change).toEqual({ [d.key]: [2, 1] });
    expect(refusal(() => v2(d, [])).message).toContain('not []');
    expect(refusal(() => v2(d, [1, 9])).message).toContain('option 9');
    expect(v1(d, { [d.key]: '1,2' }).change).toEqual({ [d.key]: [1, 2] });
    expect(v1(d, { [d.key]: 2 }).change).toEqual({ [d.key]: [2] });
    expect(v2(d, null).change).toEqual({ [d.key]: null });
  });

  it('user, org, people: ids, collected for one check per kind', () => {
    for (const t of ['user', 'org', 'people'] as const) {
      const d = def(t);
      const { change, refs } = v2(d, 12);
      expect(change).toEqual({ [d.key]: 12 });
      expect([...refs[t].entries()]).toEqual([[12, `custom_fields.${d.key}`]]);
      expect(refusal(() => v2(d, -1)).message).toContain('expected an id');
      expect(v1(d, { [d.key]: '7' }).change).toEqual({ [d.key]: 7 });
    }
  });

  it('address: value required, omitted parts empty; v1 parts at the root', () => {
    const d = def('address');
    const out = v2(d, { value: 'Main St 1', locality: 'Lund' }).change[d.key] as Record<string, unknown>;
    expect(out).toMatchObject({
      value: 'Main St 1',
      locality: 'Lund',
      country: null,
      formatted_address: null,
    });
    expect(Object.keys(out)).toHaveLength(11);
    expect((v2(d, 'Main St 2').change[d.key] as Record<string, unknown>).value).toBe('Main St 2');
    expect(refusal(() => v2(d, { locality: 'Lund' })).message).toContain('expected a string');
    const viaV1 = v1(d, { [d.key]: 'Kungsgatan 1', [`${d.key}_country`]: 'Sweden' }).change[d.key];
    expect(viaV1).toMatchObject({ value: 'Kungsgatan 1', country: 'Sweden', route: null });
  });
});

describe('parseCustomValues, the fields', () => {
  it('refuses a key of no field, and a formula field; ignores a deleted field', () => {
    const live = def('double');
    const formula = def('monetary', { formula: '{value} * 2' });
    const gone = def('varchar', { isDeleted: true });
    const defs = [live, formula, gone];
    const unknown = 'f'.repeat(40);
    expect(refusal(() => parseCustomValues(defs, { [unknown]: 1 }, 'v2'))).toMatchObject({
      field: `custom_fields.${unknown}`,
    });
    expect(refusal(() => parseCustomValues(defs, { [unknown]: 1 }, 'v1')).field).toBe(unknown);
    expect(refusal(() => parseCustomValues(defs, { [formula.key]: null }, 'v2')).message).toContain(
      'formula',
    );
    expect(parseCustomValues(defs, { [gone.key]: 'x', [live.key]: 3 }, 'v2').change).toEqual({
      [live.key]: 3,
    });
  });

  it('applies a change: null removes the key', () => {
    expect(applyValues({ a: 1, b: 2 }, { a: null, c: 3 })).toEqual({ b: 2, c: 3 });
  });
});

describe('presentV1 / presentV2', () => {
  const money = def('monetary');
  const choice = def('enum', { options: [opt(1, 'A'), opt(2, 'B')] });
  const many = def('set', { options: [opt(3, 'C'), opt(4, 'D')] });
  const where = def('address');
  const gone = def('varchar', { isDeleted: true });
  const defs = [money, choice, many, where, gone];
  const stored = {
    [money.key]: { value: 5, currency: 'USD' },
    [choice.key]: 2,
    [many.key]: [3, 9],
    [where.key]: { value: 'Main St', locality: 'Lund', country: null },
    [gone.key]: 'old',
  };

  it('v1: root keys with parts, enum as a string, set as CSV; deleted options and fields disappear', () => {
    expect(presentV1(defs, stored)).toEqual({
      [money.key]: 5,
      [`${money.key}_currency`]: 'USD',
      [choice.key]: '2',
      [many.key]: '3',
      [where.key]: 'Main St',
      [`${where.key}_locality`]: 'Lund',
      [`${where.key}_country`]: null,
    });
    expect(presentV1(defs, { [choice.key]: 9 })).toEqual({});
  });

  it('v2: the stored shape, chosen keys, option labels on request', () => {
    expect(presentV2(defs, stored)).toEqual({
      [money.key]: { value: 5, currency: 'USD' },
      [choice.key]: 2,
      [many.key]: [3],
      [where.key]: stored[where.key],
    });
    expect(presentV2(defs, stored, { keys: [choice.key, gone.key] })).toEqual({ [choice.key]: 2 });
    expect(presentV2(defs, stored, { keys: [choice.key, many.key], optionLabels: true })).toEqual({
      [choice.key]: { id: 2, label: 'B' },
      [many.key]: [{ id: 3, label: 'C' }],
    });
  });
});

describe('readCustomValues on the database', () => {
  it('checks users, persons and organizations of the company, naming the field', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const owner = await makeField(t, 'deal', { name: 'Owner', field_type: 'user' });
    const contact = await makeField(t, 'deal', { name: 'Contact', field_type: 'people' });
    const company = await makeField(t, 'deal', { name: 'Company', field_type: 'org' });
    const defs = await customFieldDefs(t.ctx, 'deal');
    const person = await makePerson(t, { name: 'Ann' });
    const org = await makeOrganization(t, { name: 'Acme' });
    const foreign = await makePerson(other, { name: 'Bob' });
    const good = { [owner.key]: t.userId, [contact.key]: person.id, [company.key]: org.id };
    expect(await readCustomValues(t.ctx, defs, good, 'v2')).toEqual(good);
    const refused = async (input: Record<string, unknown>) => {
      try {
        await readCustomValues(t.ctx, defs, input, 'v2');
      } catch (e) {
        return e as AppError;
      }
      throw new Error('not refused');
    };
    expect((await refused({ ...good, [contact.key]: foreign.id })).field).toBe(
      `custom_fields.${contact.key}`,
    );
    expect((await refused({ ...good, [owner.key]: other.userId })).field).toBe(`custom_fields.${owner.key}`);
    expect((await refused({ [company.key]: 999_999 })).message).toContain('organization 999999 not found');
  });
});
