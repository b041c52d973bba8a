import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeField, makeLead, makeOrganization } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { deals } from '../deals/tables.ts';
import { runJobs } from '../jobs/runner.ts';
import { getJob } from '../jobs/service.ts';
import { jobs } from '../jobs/tables.ts';
import { leads } from '../leads/tables.ts';
import { setFormula } from './formula-field.ts';
import { recalculateFormulaField } from './recalc.ts';

describe('formula fields on deals', () => {
  it('stores the result on create and recomputes it when an input changes', async () => {
    const t = await newTenant();
    const extra = await makeField(t, 'deal', { name: 'Extra', field_type: 'double' });
    const net = await makeField(t, 'deal', { name: 'Net', field_type: 'monetary', formula: '{value} - 10%' });
    const sum = await makeField(t, 'deal', {
      name: 'Sum',
      field_type: 'double',
      formula: `{value} + {${extra.key}}`,
    });
    const made = await t.post('/api/v2/deals', { title: 'F', value: 1000, currency: 'EUR' });
    expect(made.body.data.custom_fields).toEqual({ [net.key]: { value: 900, currency: 'EUR' } });
    const id = made.body.data.id;
    const upd = await t.patch(`/api/v2/deals/${id}`, { custom_fields: { [extra.key]: 5 } });
    expect(upd.body.data.custom_fields).toMatchObject({ [sum.key]: 1005, [extra.key]: 5 });
    const cur = await t.patch(`/api/v2/deals/${id}`, { value: 200, currency: 'SEK' });
    expect(cur.body.data.custom_fields).toEqual({
      [extra.key]: 5,
      [net.key]: { value: 180, currency: 'SEK' },
      [sum.key]: 205,
    });
    // an emptied input empties the result
    const cleared = await t.patch(`/api/v2/deals/${id}`, { custom_fields: { [extra.key]: null } });
    expect(cleared.body.data.custom_fields).not.toHaveProperty(sum.key);
    // a formula field is not written
    const refused = await t.patch(`/api/v2/deals/${id}`, { custom_fields: { [net.key]: { value: 1 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain(`custom_fields.${net.key}`);
  });

  it('computes formulas on deals made from leads, and leaves them behind on the way back', async () => {
    const t = await newTenant();
    const twice = await makeField(t, 'deal', { name: 'Twice', field_type: 'double', formula: '{value} * 2' });
    const org = await makeOrganization(t);
    const lead = await makeLead(t, { organization_id: org.id, value: { amount: 21, currency: 'EUR' } });
    const conv = await t.post(`/api/v2/leads/${lead.id}/convert/deal`, {});
    expect(conv.status, JSON.stringify(conv.body)).toBe(200);
    const [deal] = await t.db.select().from(deals).where(eq(deals.sourceLeadId, lead.id));
    expect(deal?.customFields).toEqual({ [twice.key]: 42 });
    const back = await t.post(`/api/v2/deals/${deal?.id}/convert/lead`, {});
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const [again] = await t.db
      .select()
      .from(leads)
      .where(eq(leads.sourceDealId, deal?.id as number));
    expect(again?.customFields).toEqual({});
  });

  it('recalculates every deal in a background job when the formula changes', async () => {
    const t = await newTenant();
    const f = await makeField(t, 'deal', { name: 'Twice', field_type: 'double', formula: '{value} * 2' });
    // the new formula's own recalculation, over no deal yet
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const ids: number[] = [];
    for (const value of [1, 2, 3])
      ids.push((await t.post('/api/v2/deals', { title: 'x', value })).body.data.id);
    await setFormula(t.ctx, f.key, '{value} * 3');
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.companyId, t.companyId), eq(jobs.status, 'queued')));
    expect([job?.kind, job?.total]).toEqual(['recalculate_formula', 3]);
    if (!job) return;
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const done = await getJob(t.ctx, job.id);
    expect([done.status, done.progress]).toEqual(['completed', 3]);
    const rows = await t.db.select().from(deals).where(eq(deals.companyId, t.companyId)).orderBy(deals.id);
    expect(rows.map((r) => r.customFields[f.key])).toEqual([3, 6, 9]);
    await expect(recalculateFormulaField(t.ctx, 'e'.repeat(40))).rejects.toThrow(/not found/);
  });
});
