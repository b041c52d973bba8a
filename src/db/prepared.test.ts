import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makePerson } from '../../test/factories/index.ts';
import { newTenant, testApp } from '../../test/helpers/app.ts';
import { leads } from '../modules/leads/tables.ts';
import { prepared } from './prepared.ts';

beforeAll(async () => {
  await testApp();
}, 60_000);

describe('prepared statements', () => {
  it('map rows with their compiled mapper exactly as Drizzle maps them', async () => {
    const t = await newTenant();
    const personId = (await makePerson(t)).id;
    const orgId = (await makeOrganization(t)).id;
    const full = await t.post('/api/v1/leads', {
      title: 'Full',
      person_id: personId,
      organization_id: orgId,
      value: { amount: 1234.5, currency: 'EUR' },
      expected_close_date: '2030-02-03',
      channel_id: 'c-1',
    });
    expect(full.status).toBe(201);
    const bare = await t.post('/api/v1/leads', { title: 'Bare', organization_id: orgId });
    expect(bare.status).toBe(201);
    await t.db
      .update(leads)
      .set({ customFields: { a1b2c3d4e5f60718293a4b5c6d7e8f9012345678: 'x', nested: { n: 1 } } })
      .where(eq(leads.id, full.body.data.id));

    const statement = prepared(t.db, 'test_compiled_mapper', (db) =>
      db
        .select()
        .from(leads)
        .where(eq(leads.companyId, sql.placeholder('companyId')))
        .orderBy(leads.title),
    );
    expect((statement as unknown as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf(
      'function',
    );
    const compiled = await statement.execute({ companyId: t.companyId });
    const drizzle = await t.db
      .select()
      .from(leads)
      .where(and(eq(leads.companyId, t.companyId)))
      .orderBy(leads.title);
    expect(compiled.map((r) => r.title)).toEqual(['Bare', 'Full']);
    expect(compiled).toEqual(drizzle);
    // same keys in the same order (the presented JSON follows them)
    expect(compiled.map((r) => Object.keys(r))).toEqual(drizzle.map((r) => Object.keys(r)));
    expect(compiled[1]?.addTime).toBeInstanceOf(Date);
    expect(compiled[1]?.customFields).toEqual({
      a1b2c3d4e5f60718293a4b5c6d7e8f9012345678: 'x',
      nested: { n: 1 },
    });
  });

  it('keep Drizzle mapping for selects of another shape', async () => {
    const t = await newTenant();
    const statement = prepared(t.db, 'test_nested_select', (db) =>
      db
        .select({ lead: { id: leads.id }, n: sql<number>`1`.as('n') })
        .from(leads)
        .where(eq(leads.companyId, sql.placeholder('companyId'))),
    );
    expect((statement as unknown as { customResultMapper?: unknown }).customResultMapper).toBeUndefined();
  });
});
