import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  activityRows,
  dealsFromLead,
  leadRow,
  makeActivity,
  makeField,
  makeLead,
  makeNote,
  makeOrganization,
  makePerson,
  noteRows,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { convert, statusOf } from '../../../test/helpers/conversion.ts';
import { auditEvents } from '../audit/tables.ts';
import { conversions } from './tables.ts';

async function conversionCount(t: Tenant) {
  return (await t.db.select().from(conversions).where(eq(conversions.companyId, t.companyId))).length;
}

/** The fields of a new deal's 'create' event, in order (then its custom fields by key). */
const CREATED_KEYS = [
  'title',
  'value',
  'currency',
  'status',
  'stage_id',
  'pipeline_id',
  'person_id',
  'org_id',
  'owner_id',
  'expected_close_date',
  'visible_to',
  'origin',
  'origin_id',
  'channel',
  'channel_id',
  'source_lead_id',
];

async function stagesOf(t: Tenant) {
  const pipeline = (await t.get('/api/v2/pipelines')).body.data[0].id as number;
  const stages = (await t.get('/api/v2/stages', { pipeline_id: pipeline, sort_by: 'order_nr' })).body.data;
  return { pipeline, stages: stages.map((s: { id: number }) => s.id) as number[] };
}

describe('lead → deal: the single conversion', () => {
  it('makes a deal of the lead, moves its notes and activities, and deletes the lead', async () => {
    const t = await newTenant();
    const MONEY_FIELD = (await makeField(t, 'deal', { name: 'Budget', field_type: 'monetary' })).key;
    const TEXT_FIELD = (await makeField(t, 'deal', { name: 'Colour', field_type: 'varchar' })).key;
    const org = (await makeOrganization(t)).id;
    const leadId = (
      await makeLead(t, {
        title: 'Fleet renewal',
        organization_id: org,
        value: { amount: 1500.5, currency: 'EUR' },
        expected_close_date: '2030-05-01',
        visible_to: '1',
        origin_id: 'ext-42',
        channel: 3,
        channel_id: 'spring-campaign',
        [TEXT_FIELD]: 'blue',
        [MONEY_FIELD]: 250,
        [`${MONEY_FIELD}_currency`]: 'GBP',
      })
    ).id;
    const lead = (await t.get(`/api/v1/leads/${leadId}`)).body.data;
    const notes = [
      (await makeNote(t, { lead_id: leadId, pinned_to_lead_flag: 1, content: 'first' })).id,
      (await makeNote(t, { lead_id: leadId })).id,
    ];
    const acts = [
      (await makeActivity(t, { lead_id: leadId, due_date: '2030-01-02' })).id,
      (await makeActivity(t, { lead_id: leadId, due_date: '2030-01-01' })).id,
      // done, so never the next activity, but the deal's last one
      (await makeActivity(t, { lead_id: leadId, due_date: '2029-12-01', done: true })).id,
    ];
    const { pipeline, stages } = await stagesOf(t);

    const res = await t.post(`/api/v2/leads/${leadId}/convert/deal`, {});
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['additional_data', 'data', 'success']);
    expect(res.body.additional_data).toBeNull();
    const conversionId = res.body.data.conversion_id;
    expect(conversionId).toMatch(/^[0-9a-f-]{36}$/);

    const status = await t.get(`/api/v2/leads/${leadId}/convert/status/${conversionId}`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      success: true,
      data: { conversion_id: conversionId, status: 'completed', deal_id: expect.any(Number) },
      additional_data: null,
    });
    const dealId = status.body.data.deal_id;

    const deal = (
      await t.get(`/api/v2/deals/${dealId}`, {
        include_fields: 'source_lead_id,next_activity_id,last_activity_id',
      })
    ).body.data;
    expect(deal).toMatchObject({
      title: 'Fleet renewal',
      person_id: lead.person_id,
      org_id: org,
      value: 1500.5,
      currency: 'EUR',
      expected_close_date: '2030-05-01',
      owner_id: t.userId,
      visible_to: 1,
      origin: lead.origin,
      origin_id: 'ext-42',
      channel: 3,
      channel_id: 'spring-campaign',
      status: 'open',
      pipeline_id: pipeline,
      stage_id: stages[0],
      source_lead_id: leadId,
      next_activity_id: acts[1],
      last_activity_id: acts[2],
      custom_fields: { [TEXT_FIELD]: 'blue', [MONEY_FIELD]: { value: 250, currency: 'GBP' } },
    });
    expect(deal.stage_change_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // The notes and activities now hang on the deal, not on the lead.
    for (const n of await noteRows(t, notes)) expect([n.leadId, n.dealId]).toEqual([null, dealId]);
    // A note pinned on the lead is pinned on the deal.
    const pins = (await noteRows(t, notes)).map((n) => [n.id, n.pinnedToDealFlag, n.pinnedToLeadFlag]);
    expect(pins).toEqual(
      expect.arrayContaining([
        [notes[0], true, false],
        [notes[1], false, false],
      ]),
    );
    for (const a of await activityRows(t, acts)) expect([a.leadId, a.dealId]).toEqual([null, dealId]);
    const dealNotes = await t.get('/api/v1/notes', { deal_id: dealId });
    expect(dealNotes.body.data.map((n: { id: number }) => n.id).sort()).toEqual([...notes].sort());

    // The lead is soft-deleted (restorable), and answers 404.
    expect((await t.get(`/api/v1/leads/${leadId}`)).status).toBe(404);
    const row = await leadRow(t, leadId);
    expect(row?.isDeleted).toBe(true);
    expect(row?.deleteTime).toBeInstanceOf(Date);

    // Audit: 'convert' on the lead, 'create' on the deal naming its source.
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.companyId, t.companyId));
    const convertEvent = events.find((e) => e.itemType === 'lead' && e.action === 'convert');
    expect(convertEvent?.itemId).toBe(leadId);
    expect(convertEvent?.changes).toEqual([
      { field_key: 'is_deleted', old_value: false, new_value: true },
      { field_key: 'deal_id', old_value: null, new_value: dealId },
    ]);
    const created = events.find((e) => e.itemType === 'deal' && e.itemId === String(dealId));
    expect(created?.action).toBe('create');
    // Every field the deal was made with that has a value, as the API presents it, then its custom
    // fields by key (the event is built in SQL; this is the deal the API answers).
    const made = [
      ...CREATED_KEYS.filter((k) => deal[k] !== null && deal[k] !== undefined).map((k) => [k, deal[k]]),
      ...Object.keys(deal.custom_fields)
        .sort()
        .map((k) => [k, deal.custom_fields[k]]),
    ];
    expect(made.map(([k]) => k)).toEqual(expect.arrayContaining(['value', 'expected_close_date', 'channel']));
    expect(created?.changes).toEqual(
      made.map(([field_key, new_value]) => ({ field_key, old_value: null, new_value })),
    );

    // Converting it again: the lead is gone.
    expect((await t.post(`/api/v2/leads/${leadId}/convert/deal`, {})).status).toBe(404);
    expect(await dealsFromLead(t, leadId)).toHaveLength(1);
  });

  it('gives a lead without value 0 in the default currency, at the end of the stage', async () => {
    const t = await newTenant();
    const first = (await makeLead(t)).id;
    const second = (await makeLead(t)).id;
    const a = (await statusOf(t, first, await convert(t, first))).deal_id;
    // No body at all, as a client without options sends it.
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v2/leads/${second}/convert/deal`,
      headers: { 'x-api-token': t.token },
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = (await statusOf(t, second, res.json().data.conversion_id)).deal_id;
    const [da, db] = [
      (await t.get(`/api/v2/deals/${a}`)).body.data,
      (await t.get(`/api/v2/deals/${b}`)).body.data,
    ];
    expect(da).toMatchObject({ value: 0, currency: 'USD', stage_id: db.stage_id });
    const [ra] = await dealsFromLead(t, first);
    const [rb] = await dealsFromLead(t, second);
    expect(rb!.position).toBeGreaterThan(ra!.position);
  });

  it('places the deal by stage, pipeline, both (the stage wins) or neither', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const other = (await t.post('/api/v2/pipelines', { name: 'Partners' })).body.data.id;
    const s1 = (await t.post('/api/v2/stages', { name: 'Intro', pipeline_id: other })).body.data.id;
    const s2 = (await t.post('/api/v2/stages', { name: 'Deal', pipeline_id: other })).body.data.id;
    const cases: [Record<string, unknown>, number, number][] = [
      [{ stage_id: stages[2] }, pipeline, stages[2] as number],
      [{ pipeline_id: other }, other, s1],
      [{ stage_id: s2, pipeline_id: pipeline }, other, s2],
      [{ stage_id: null, pipeline_id: null }, pipeline, stages[0] as number],
      [{}, pipeline, stages[0] as number],
    ];
    for (const [body, p, s] of cases) {
      const lead = (await makeLead(t)).id;
      const dealId = (await statusOf(t, lead, await convert(t, lead, body))).deal_id;
      const deal = (await t.get(`/api/v2/deals/${dealId}`)).body.data;
      expect([deal.pipeline_id, deal.stage_id], JSON.stringify(body)).toEqual([p, s]);
    }
  });

  it('uses the person and organization chosen after the duplicate review', async () => {
    const t = await newTenant();
    const lead = (await makeLead(t)).id;
    const person = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;
    const dealId = (await statusOf(t, lead, await convert(t, lead, { person_id: person, org_id: org })))
      .deal_id;
    expect((await t.get(`/api/v2/deals/${dealId}`)).body.data).toMatchObject({
      person_id: person,
      org_id: org,
    });
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const hidden = (await makePerson(t, { visible_to: 1 })).id;
    const foreignOrg = (await makeOrganization(other)).id;
    const foreignStage = (await stagesOf(other)).stages[0];
    const lead = (await makeLead(t)).id;
    const cases: [Tenant, Record<string, unknown>, number, string][] = [
      [t, { stage_id: '1' }, 400, 'stage_id'],
      [t, { pipeline_id: 1.5 }, 400, 'pipeline_id'],
      [t, { stage_id: 1e20 }, 400, 'stage_id'],
      [t, { person_id: null }, 400, 'person_id'],
      [t, { org_id: 'x'.repeat(10_000) }, 400, 'org_id'],
      [t, { stage_id: 999_999_999 }, 404, 'stage_id'],
      [t, { stage_id: foreignStage }, 404, 'stage_id'],
      [t, { pipeline_id: 999_999_999 }, 404, 'pipeline_id'],
      [t, { person_id: 999_999_999 }, 404, 'person_id'],
      [t, { org_id: foreignOrg }, 404, 'org_id'],
      [user.as, { person_id: hidden }, 404, 'person_id'],
    ];
    for (const [who, body, code, field] of cases) {
      const res = await who.post(`/api/v2/leads/${lead}/convert/deal`, body);
      expect(res.status, JSON.stringify(body)).toBe(code);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/v2/leads/${lead}/convert/deal`,
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    expect(broken.statusCode).toBe(400);
    expect(await conversionCount(t)).toBe(0);
    expect((await leadRow(t, lead))?.isDeleted).toBe(false);
  });

  it('answers 404 for deleted, foreign, invisible and malformed leads, 403 for archived ones', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const deleted = (await makeLead(t)).id;
    expect((await t.del(`/api/v1/leads/${deleted}`)).status).toBe(200);
    const archived = (await makeLead(t)).id;
    expect((await t.patch(`/api/v1/leads/${archived}`, { is_archived: true })).status).toBe(200);
    const foreign = (await makeLead(other)).id;
    const privateLead = (await makeLead(t, { visible_to: '1' })).id;
    for (const [who, id, code] of [
      [t, deleted, 404],
      [t, foreign, 404],
      [user.as, privateLead, 404],
      [t, 'not-a-uuid', 404],
      [t, '00000000-0000-0000-0000-000000000000', 404],
      [t, archived, 403],
    ] as [Tenant, string, number][]) {
      const res = await who.post(`/api/v2/leads/${id}/convert/deal`, {});
      expect(res.status, id).toBe(code);
      expect(res.body).toMatchObject({ success: false, data: null });
    }
    expect((await t.post(`/api/v2/leads/${archived}/convert/deal`)).body.error).toMatch(/archived/i);
    expect(await conversionCount(t)).toBe(0);
    expect(await conversionCount(other)).toBe(0);
    expect((await leadRow(t, archived))?.isDeleted).toBe(false);
    expect((await leadRow(other, foreign))?.isDeleted).toBe(false);
  });

  it('answers the status of its own conversions only', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const lead = (await makeLead(t)).id;
    const otherLead = (await makeLead(t)).id;
    const id = await convert(t, lead);
    const unknown = '3f1c2b7e-0000-4000-8000-000000000000';
    for (const [who, path] of [
      [t, `/api/v2/leads/${lead}/convert/status/${unknown}`],
      [t, `/api/v2/leads/${lead}/convert/status/not-a-uuid`],
      [t, `/api/v2/leads/${otherLead}/convert/status/${id}`],
      [t, `/api/v2/leads/nope/convert/status/${id}`],
      [other, `/api/v2/leads/${lead}/convert/status/${id}`],
    ] as [Tenant, string][]) {
      const res = await who.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ success: false, data: null });
    }
    expect((await t.get(`/api/v2/leads/${lead}/convert/status/${id}`)).body.data.status).toBe('completed');
    const rows = await t.db
      .select()
      .from(conversions)
      .where(and(eq(conversions.companyId, t.companyId), eq(conversions.id, id)));
    expect(rows[0]).toMatchObject({ direction: 'lead_to_deal', leadId: lead, userId: t.userId });
  });
});
