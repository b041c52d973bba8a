import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { fieldRows, optionRows, v2Add } from '../../../test/helpers/fields.ts';
import { auditEvents } from '../audit/tables.ts';
import { jobs } from '../jobs/tables.ts';
import { RECALCULATE_FORMULA } from './recalc.ts';

/** PUT /api/ext/{entity}Fields/{field_code}: a field's whole edit in one transaction. */

const recalculations = async (t: Tenant) =>
  (
    await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.companyId, t.companyId), eq(jobs.kind, RECALCULATE_FORMULA)))
  ).length;

const fieldEvents = async (t: Tenant) =>
  (
    await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'field')))
  ).length;

describe('saving a field in one call', () => {
  it('renames, adds, renames, reorders and deletes options and sets the flags together', async () => {
    const t = await newTenant();
    const stage = (await t.get('/api/v2/stages')).body.data[0].id as number;
    const kind = await v2Add(t, 'deal', {
      field_name: 'Kind',
      field_type: 'enum',
      options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }],
    });
    const [a, b, c] = kind.options ?? [];
    const res = await t.put(`/api/ext/dealFields/${kind.field_code}`, {
      field_name: 'Kind of deal',
      options: [{ id: c?.id, label: 'C2' }, { label: 'D' }, { id: a?.id, label: 'A' }],
      important_fields: { enabled: true, stage_ids: [stage] },
      required_fields: { enabled: true, stage_ids: [stage] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { field, formula } = res.body.data;
    expect(formula).toEqual({ field_code: kind.field_code, expression: null, readable: null });
    expect(field.field_name).toBe('Kind of deal');
    expect(field.options.map((o: { label: string }) => o.label)).toEqual(['C2', 'D', 'A']);
    const row = (await fieldRows(t)).find((r) => r.key === kind.field_code);
    expect(row).toMatchObject({ importantFlag: true, mandatoryFlag: true });
    expect(row?.importantFields).toMatchObject({ enabled: true, stage_ids: [stage] });
    expect(row?.requiredFields).toMatchObject({ enabled: true, stage_ids: [stage] });
    const gone = (await optionRows(t)).find((o) => o.id === b?.id);
    expect(gone?.isDeleted).toBe(true);
    // as read back by the v2 API
    const read = (await t.get(`/api/v2/dealFields/${kind.field_code}`)).body.data;
    expect(read.field_name).toBe('Kind of deal');
    expect(read.options.map((o: { id: number }) => o.id)).toEqual([c?.id, expect.any(Number), a?.id]);
  });

  it('sets a formula with a rename, and queues its recalculation only when the formula changes', async () => {
    const t = await newTenant();
    const cost = await v2Add(t, 'deal', { field_name: 'Cost', field_type: 'monetary' });
    const margin = await v2Add(t, 'deal', { field_name: 'Margin', field_type: 'monetary' });
    const url = `/api/ext/dealFields/${margin.field_code}`;
    const body = { field_name: 'Gross margin', formula: `{value} - {${cost.field_code}}` };
    const res = await t.put(url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.field.field_name).toBe('Gross margin');
    expect(res.body.data.formula).toEqual({
      field_code: margin.field_code,
      expression: `{value} - {${cost.field_code}}`,
      readable: '{Value} - {Cost}',
    });
    expect(await recalculations(t)).toBe(1);
    // the same dialog saved again: nothing to recalculate
    expect((await t.put(url, body)).status).toBe(200);
    expect(await recalculations(t)).toBe(1);
    // removed
    const removed = await t.put(url, { formula: null });
    expect(removed.body.data.formula.expression).toBeNull();
    expect((await t.get(`${url}/formula`)).body.data.expression).toBeNull();
  });

  it('writes nothing when any part is refused: a bad formula with a rename, a foreign option id', async () => {
    const t = await newTenant();
    const margin = await v2Add(t, 'deal', { field_name: 'Margin', field_type: 'double' });
    const kind = await v2Add(t, 'deal', {
      field_name: 'Kind',
      field_type: 'set',
      options: [{ label: 'A' }, { label: 'B' }],
    });
    const other = await newTenant();
    const foreign = await v2Add(other, 'deal', {
      field_name: 'Theirs',
      field_type: 'enum',
      options: [{ label: 'X' }],
    });
    const label = await v2Add(t, 'person', { field_name: 'Label', field_type: 'varchar' });
    const text = await v2Add(t, 'deal', { field_name: 'Note', field_type: 'varchar' });
    const rowsBefore = await fieldRows(t);
    const optionsBefore = await optionRows(t);
    const eventsBefore = await fieldEvents(t);

    const cases: [path: string, body: unknown, status: number, field: string][] = [
      // the formula is refused after the rename was applied: the rename goes too
      [
        `/api/ext/dealFields/${margin.field_code}`,
        { field_name: 'Renamed', formula: '{value} +' },
        400,
        'formula',
      ],
      [
        `/api/ext/dealFields/${margin.field_code}`,
        { field_name: 'Renamed', formula: '{nope} * 2' },
        400,
        'formula',
      ],
      [
        `/api/ext/dealFields/${text.field_code}`,
        { field_name: 'Renamed', formula: '{value}' },
        400,
        'formula',
      ],
      [
        `/api/ext/dealFields/${kind.field_code}`,
        {
          field_name: 'Renamed',
          options: [
            { id: kind.options?.[0]?.id, label: 'A2' },
            { id: foreign.options?.[0]?.id, label: 'X' },
          ],
        },
        404,
        'options.1.id',
      ],
      [`/api/ext/dealFields/${kind.field_code}`, { field_name: 'Renamed', options: [] }, 400, 'options'],
      [
        `/api/ext/dealFields/${margin.field_code}`,
        { field_name: 'Renamed', options: [{ label: 'A' }] },
        400,
        'options',
      ],
      [
        `/api/ext/dealFields/${kind.field_code}`,
        { field_name: 'Renamed', important_fields: { enabled: true, stage_ids: [987654] } },
        400,
        'important_fields.stage_ids',
      ],
      [`/api/ext/dealFields/${kind.field_code}`, { field_name: '' }, 400, 'field_name'],
      [`/api/ext/dealFields/${kind.field_code}`, {}, 400, 'field_name'],
      [`/api/ext/dealFields/${kind.field_code}`, { field_type: 'varchar' }, 400, 'field_type'],
      [
        `/api/ext/personFields/${label.field_code}`,
        { field_name: 'Renamed', formula: '{value}' },
        400,
        'formula',
      ],
      [`/api/ext/dealFields/title`, { field_name: 'Renamed' }, 400, 'field_code'],
      [`/api/ext/dealFields/${foreign.field_code}`, { field_name: 'Renamed' }, 404, 'Field not found'],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await t.put(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    expect(
      (await t.put(`/api/ext/dealFields/${margin.field_code}`, { formula: '{value} +' })).body.error,
    ).toMatch(/position 9/);
    const { as: user } = await t.addUser();
    expect((await user.put(`/api/ext/dealFields/${kind.field_code}`, { field_name: 'Renamed' })).status).toBe(
      403,
    );

    expect(await fieldRows(t)).toEqual(rowsBefore);
    expect(await optionRows(t)).toEqual(optionsBefore);
    expect(await fieldEvents(t)).toBe(eventsBefore);
    expect(await recalculations(t)).toBe(0);
  });
});
