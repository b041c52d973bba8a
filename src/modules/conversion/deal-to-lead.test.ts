import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  activityRows,
  makeActivity,
  makeField,
  makeLead,
  makeNote,
  makeOrganization,
  makePerson,
  noteRows,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { convert, INTERNAL_ERROR, statusOf, withFailingNotes } from '../../../test/helpers/conversion.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { conversions } from './tables.ts';

/** POST /deals/{id}/convert/lead exactly as the official client sends it: an empty urlencoded body. */
async function convertDeal(t: Pick<Tenant, 'app' | 'token'>, dealId: number | string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v2/deals/${dealId}/convert/lead`,
    headers: { 'x-api-token': t.token, 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  return { status: res.statusCode, body: res.json() };
}

async function dealStatus(t: Tenant, dealId: number, conversionId: string) {
  return (await t.get(`/api/v2/deals/${dealId}/convert/status/${conversionId}`)).body.data;
}

async function leadsFromDeal(t: Tenant, dealId: number) {
  return (await t.db.select().from(leads).where(eq(leads.companyId, t.companyId))).filter(
    (l) => l.sourceDealId === dealId,
  );
}

async function addDeal(t: Tenant, body: Record<string, unknown> = {}) {
  const res = await t.post('/api/v2/deals', {
    title: 'A deal',
    person_id: (await makePerson(t)).id,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id as number;
}

describe('deal → lead', () => {
  it('round trip: lead → deal → lead keeps the fields, notes and activities', async () => {
    const t = await newTenant();
    const MONEY_FIELD = (await makeField(t, 'deal', { name: 'Budget', field_type: 'monetary' })).key;
    const TEXT_FIELD = (await makeField(t, 'deal', { name: 'Colour', field_type: 'varchar' })).key;
    const org = (await makeOrganization(t)).id;
    const person = (await makePerson(t)).id;
    const original = (
      await makeLead(t, {
        title: 'Round trip',
        person_id: person,
        organization_id: org,
        value: { amount: 99.5, currency: 'EUR' },
        expected_close_date: '2031-02-03',
        visible_to: '1',
        channel: 7,
        channel_id: 'ads',
        [MONEY_FIELD]: 12,
        [`${MONEY_FIELD}_currency`]: 'SEK',
        [TEXT_FIELD]: 'x',
      })
    ).id;
    const notes = [
      (await makeNote(t, { lead_id: original })).id,
      (await makeNote(t, { lead_id: original })).id,
    ];
    const acts = [
      (await makeActivity(t, { lead_id: original, due_date: '2031-01-01' })).id,
      (await makeActivity(t, { lead_id: original, done: true })).id,
    ];
    const dealId = (await statusOf(t, original, await convert(t, original))).deal_id as number;

    const res = await convertDeal(t, dealId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: { conversion_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      additional_data: null,
    });
    const status = await dealStatus(t, dealId, res.body.data.conversion_id);
    expect(status).toEqual({
      conversion_id: res.body.data.conversion_id,
      status: 'completed',
      lead_id: expect.any(String),
    });
    const lead = (await t.get(`/api/v1/leads/${status.lead_id}`)).body.data;
    expect(lead).toMatchObject({
      title: 'Round trip',
      person_id: person,
      organization_id: org,
      value: { amount: 99.5, currency: 'EUR' },
      expected_close_date: '2031-02-03',
      owner_id: t.userId,
      visible_to: '1',
      source_name: 'Deal',
      origin: 'API',
      source_deal_id: dealId,
      was_seen: false,
      channel: 7,
      channel_id: 'ads',
      next_activity_id: acts[0],
      [MONEY_FIELD]: 12,
      [`${MONEY_FIELD}_currency`]: 'SEK',
      [TEXT_FIELD]: 'x',
    });
    for (const n of await noteRows(t, notes)) expect([n.leadId, n.dealId]).toEqual([status.lead_id, null]);
    for (const a of await activityRows(t, acts)) expect([a.leadId, a.dealId]).toEqual([status.lead_id, null]);

    // The deal is soft-deleted; its history stays with it.
    expect((await t.get(`/api/v2/deals/${dealId}`)).status).toBe(404);
    const [row] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    expect(row).toMatchObject({ isDeleted: true, nextActivityId: null, lastActivityId: null });
    // in the order they were written (without ORDER BY the database may return them in any order)
    const dealEvents = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.companyId, t.companyId),
          eq(auditEvents.itemType, 'deal'),
          eq(auditEvents.itemId, String(dealId)),
        ),
      )
      .orderBy(auditEvents.id);
    expect(dealEvents.map((e) => e.action)).toEqual(['create', 'delete', 'convert']);
    expect((await convertDeal(t, dealId)).status).toBe(404);
    expect(await leadsFromDeal(t, dealId)).toHaveLength(1);
  });

  it('converts won and lost deals too; a deal without value makes a lead worth 0', async () => {
    const t = await newTenant();
    for (const status of ['won', 'lost'] as const) {
      const dealId = await addDeal(t, { status });
      const id = (await convertDeal(t, dealId)).body.data.conversion_id;
      const leadId = (await dealStatus(t, dealId, id)).lead_id;
      expect((await t.get(`/api/v1/leads/${leadId}`)).body.data.value).toEqual({
        amount: 0,
        currency: 'USD',
      });
    }
  });

  it('makes exactly one lead when a deal is converted ten times at once', async () => {
    const t = await newTenant();
    const dealId = await addDeal(t);
    const responses = await Promise.all(Array.from({ length: 10 }, () => convertDeal(t, dealId)));
    for (const r of responses) expect([200, 404]).toContain(r.status);
    const statuses = await Promise.all(
      responses.filter((r) => r.status === 200).map((r) => dealStatus(t, dealId, r.body.data.conversion_id)),
    );
    expect(statuses.filter((s) => s.status === 'completed')).toHaveLength(1);
    for (const s of statuses.filter((x) => x.status !== 'completed')) {
      expect(s).toMatchObject({ status: 'rejected', error: 'Deal already converted to a lead' });
    }
    expect(await leadsFromDeal(t, dealId)).toHaveLength(1);
  });

  it('rolls back when a step fails and reports it', async () => {
    const t = await newTenant();
    const dealId = await addDeal(t);
    const note = (await makeNote(t, { deal_id: dealId })).id;
    const [before] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    const res = await withFailingNotes(t, () => convertDeal(t, dealId));
    expect(res.status).toBe(200);
    expect(await dealStatus(t, dealId, res.body.data.conversion_id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(INTERNAL_ERROR),
    });
    const [after] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    expect(after).toEqual(before);
    expect((await noteRows(t, [note]))[0]).toMatchObject({ dealId, leadId: null });
    expect(await leadsFromDeal(t, dealId)).toHaveLength(0);
  });

  it('refuses archived, contactless, deleted, foreign and invisible deals, writing nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const archived = await addDeal(t, { is_archived: true });
    const contactless = await addDeal(t, { person_id: null });
    const deleted = await addDeal(t);
    await t.del(`/api/v2/deals/${deleted}`);
    const foreign = await addDeal(other);
    const hidden = await addDeal(t, { visible_to: 1 });
    const cases: [Tenant, number | string, number, string?][] = [
      [t, archived, 403, 'archived'],
      [t, contactless, 400, 'person_id'],
      [t, deleted, 404],
      [t, foreign, 404],
      [user.as, hidden, 404],
      [t, 999_999_999, 404],
      [t, 'abc', 400, 'id'],
      [t, '1'.repeat(30), 400, 'id'],
    ];
    for (const [who, id, code, text] of cases) {
      const res = await convertDeal(who, id);
      expect(res.status, String(id)).toBe(code);
      expect(res.body.success).toBe(false);
      if (text) expect(res.body.error.toLowerCase()).toContain(text);
    }
    const rows = await t.db.select().from(conversions).where(eq(conversions.companyId, t.companyId));
    expect(rows).toHaveLength(0);
  });

  it('answers 404 for unknown conversion ids and other deals or companies', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const dealId = await addDeal(t);
    const otherDeal = await addDeal(t);
    const id = (await convertDeal(t, dealId)).body.data.conversion_id;
    for (const [who, path] of [
      [t, `/api/v2/deals/${dealId}/convert/status/3f1c2b7e-0000-4000-8000-000000000000`],
      [t, `/api/v2/deals/${dealId}/convert/status/xyz`],
      [t, `/api/v2/deals/${otherDeal}/convert/status/${id}`],
      [other, `/api/v2/deals/${dealId}/convert/status/${id}`],
    ] as [Tenant, string][]) {
      const res = await who.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.success).toBe(false);
    }
    // A lead → deal status path does not answer a deal → lead conversion.
    const leadId = (await dealStatus(t, dealId, id)).lead_id;
    expect((await t.get(`/api/v2/leads/${leadId}/convert/status/${id}`)).status).toBe(404);
  });
});
