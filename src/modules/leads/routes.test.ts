import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Lead } from './schema.ts';

// Starting the app (and migrating the embedded database) is slow on a busy machine: not a test's time.
beforeAll(async () => {
  await testApp();
}, 60_000);

const HASH = 'd4de1c1518b4531717c676029a45911c340390a6';
const UNKNOWN_UUID = '7d0f6f0e-3c57-4d3c-9a0e-2a9c1e0c5b11';

async function addLead(t: Tenant, body: Record<string, unknown> = {}) {
  const personId = (await makePerson(t)).id;
  const res = await t.post('/api/v1/leads', { title: 'New lead', person_id: personId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

describe('v1 leads: add, get, update, delete', () => {
  it('adds a lead with every key of the v1 lead object, and gets it on /v1 and /api/v1', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: HASH, name: 'Note', field_type: 'varchar' });
    await makeField(t, 'deal', { key: `${HASH.slice(0, 39)}b`, name: 'Other', field_type: 'varchar' });
    const personId = (await makePerson(t)).id;
    const orgId = (await makeOrganization(t)).id;
    const labels = (await t.get('/api/v1/leadLabels')).body.data;
    const res = await t.post('/api/v1/leads', {
      title: '  Big opportunity ',
      person_id: personId,
      organization_id: orgId,
      label_ids: [labels[0].id, labels[1].id, labels[0].id],
      value: { amount: 1234.5, currency: 'EUR' },
      expected_close_date: '2026-03-31',
      visible_to: '1',
      was_seen: true,
      origin_id: 'crm-42',
      channel: 3,
      channel_id: 'spring-campaign',
      [HASH]: 'custom text',
      [`${HASH.slice(0, 39)}b`]: null,
    });
    expect(res.status).toBe(201);
    const lead = Lead.parse(res.body.data);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      title: 'Big opportunity',
      owner_id: t.userId,
      creator_id: t.userId,
      label_ids: [labels[0].id, labels[1].id],
      person_id: personId,
      organization_id: orgId,
      source_name: 'API',
      origin: 'API',
      origin_id: 'crm-42',
      channel: 3,
      channel_id: 'spring-campaign',
      source_deal_id: null,
      is_archived: false,
      was_seen: true,
      value: { amount: 1234.5, currency: 'EUR' },
      expected_close_date: '2026-03-31',
      next_activity_id: null,
      add_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      update_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      visible_to: '1',
      cc_email: `${t.companyId}+lead+${lead.id.slice(0, 8)}@pipewright.local`,
      [HASH]: 'custom text',
    });
    for (const prefix of ['/api/v1', '/v1']) {
      const got = await t.get(`${prefix}/leads/${lead.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({ success: true, data: res.body.data });
    }
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, lead.id)));
    expect(event).toMatchObject({ itemType: 'lead', action: 'create', changeSource: 'api' });
  });

  it('defaults: owner is the caller, visible_to "3", no value, numbers accepted for visible_to', async () => {
    const t = await newTenant();
    const orgId = (await makeOrganization(t)).id;
    const other = await t.addUser();
    const lead = (await t.post('/api/v1/leads', { title: 'Org only', organization_id: orgId })).body.data;
    expect(lead).toMatchObject({
      owner_id: t.userId,
      person_id: null,
      organization_id: orgId,
      visible_to: '3',
      value: null,
      label_ids: [],
      was_seen: false,
      expected_close_date: null,
    });
    const owned = await t.post('/api/v1/leads', {
      title: 'Owned',
      organization_id: orgId,
      owner_id: other.id,
      visible_to: 7,
    });
    expect(owned.body.data).toMatchObject({ owner_id: other.id, creator_id: t.userId, visible_to: '7' });
  });

  it('updates only the keys sent, unsets with null, and writes field diffs', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: HASH, name: 'Note', field_type: 'varchar' });
    const orgId = (await makeOrganization(t)).id;
    const lead = await addLead(t, { value: { amount: 10, currency: 'USD' }, [HASH]: 5 });
    const res = await t.patch(`/api/v1/leads/${lead.id}`, {
      title: 'Renamed',
      organization_id: orgId,
      value: null,
      expected_close_date: '2026-01-02',
      [HASH]: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      title: 'Renamed',
      person_id: lead.person_id,
      organization_id: orgId,
      value: null,
      expected_close_date: '2026-01-02',
    });
    expect(res.body.data).not.toHaveProperty(HASH);
    expect(res.body.data.add_time).toBe(lead.add_time);
    const again = await t.patch(`/api/v1/leads/${lead.id}`, { person_id: null, expected_close_date: null });
    expect(again.body.data).toMatchObject({
      person_id: null,
      organization_id: orgId,
      expected_close_date: null,
    });

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, lead.id)))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'change']);
    const keys = events[1]?.changes.map((c) => c.field_key).sort();
    expect(keys).toEqual(['expected_close_date', HASH, 'organization_id', 'title', 'value'].sort());
    expect(events[1]?.changes.find((c) => c.field_key === 'value')).toEqual({
      field_key: 'value',
      old_value: { amount: 10, currency: 'USD' },
      new_value: null,
    });
  });

  it('soft-deletes a lead: 404 afterwards, and the row stays', async () => {
    const t = await newTenant();
    const lead = await addLead(t);
    const res = await t.del(`/api/v1/leads/${lead.id}`);
    expect(res.body).toEqual({ success: true, data: { id: lead.id } });
    const gone = await t.get(`/api/v1/leads/${lead.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ success: false, error: 'Lead not found', data: null });
    expect((await t.patch(`/api/v1/leads/${lead.id}`, { title: 'x' })).status).toBe(404);
    expect((await t.del(`/api/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await t.get('/api/v1/leads')).body.data).toEqual([]);
  });

  it('answers 400 naming id for a malformed uuid and 404 for an unknown one', async () => {
    const t = await newTenant();
    for (const path of ['/api/v1/leads/123', '/api/v1/leads/not-a-uuid/permittedUsers']) {
      const res = await t.get(path);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain('id');
    }
    expect((await t.patch('/api/v1/leads/abc', { title: 'x' })).status).toBe(400);
    expect((await t.del('/api/v1/leads/abc')).status).toBe(400);
    const unknown = await t.get(`/api/v1/leads/${UNKNOWN_UUID}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('Lead not found');
  });
});

describe('v1 leads: refusals', () => {
  it('refuses bad add bodies with a 4xx naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const personId = (await makePerson(t)).id;
    const ok = { title: 'T', person_id: personId };
    const cases: [Record<string, unknown>, string][] = [
      [{ person_id: personId }, 'title'],
      [{ ...ok, title: '' }, 'title'],
      [{ ...ok, title: '   ' }, 'title'],
      [{ ...ok, title: 'x'.repeat(256) }, 'title'],
      [{ ...ok, title: 42 }, 'title'],
      [{ ...ok, title: 'a\u0000b' }, 'title'],
      [{ ...ok, title: 'x'.repeat(10_000) }, 'title'],
      [{ title: 'T' }, 'person_id'],
      [{ title: 'T', person_id: null, organization_id: null }, 'person_id'],
      [{ ...ok, person_id: '1' }, 'person_id'],
      [{ ...ok, person_id: 1e20 }, 'person_id'],
      [{ ...ok, person_id: -1 }, 'person_id'],
      [{ ...ok, owner_id: 1.5 }, 'owner_id'],
      [{ ...ok, value: { amount: 10 } }, 'value.currency'],
      [{ ...ok, value: { currency: 'EUR' } }, 'value.amount'],
      [{ ...ok, value: { amount: '10', currency: 'EUR' } }, 'value.amount'],
      [{ ...ok, value: { amount: 1e300, currency: 'EUR' } }, 'value.amount'],
      [{ ...ok, value: { amount: 10, currency: 'euro' } }, 'value.currency'],
      [{ ...ok, value: 10 }, 'value'],
      [{ ...ok, expected_close_date: '2026-02-30' }, 'expected_close_date'],
      [{ ...ok, expected_close_date: 'tomorrow' }, 'expected_close_date'],
      [{ ...ok, expected_close_date: '0000-01-01' }, 'expected_close_date'],
      [{ ...ok, visible_to: '2' }, 'visible_to'],
      [{ ...ok, visible_to: 'everyone' }, 'visible_to'],
      [{ ...ok, was_seen: 'yes' }, 'was_seen'],
      [{ ...ok, label_ids: ['nope'] }, 'label_ids'],
      [{ ...ok, label_ids: 'x' }, 'label_ids'],
      [{ ...ok, channel: 'web' }, 'channel'],
      [{ ...ok, channel: 2 ** 40 }, 'channel'],
      [{ ...ok, channel_id: 5 }, 'channel_id'],
      [{ ...ok, origin: 'Import' }, 'origin'],
      [{ ...ok, source_name: 'Import' }, 'source_name'],
      [{ ...ok, is_archived: true }, 'is_archived'],
      [{ ...ok, unknown_field: 1 }, 'unknown_field'],
      [{ ...ok, [HASH]: { nested: true } }, HASH],
      [{ ...ok, [HASH]: 'a\u0000b' }, HASH],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v1/leads', body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(body).slice(0, 200)).toContain(field);
    }
    const empty = await t.post('/api/v1/leads');
    expect(empty.status).toBe(400);
    expect((await t.get('/api/v1/leads')).body.data).toEqual([]);
  });

  it('refuses unknown, foreign, deleted and invisible references with a 404 naming the field', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const personId = (await makePerson(t)).id;
    const foreignPerson = (await makePerson(other)).id;
    const foreignOrg = (await makeOrganization(other)).id;
    const deletedPerson = (await makePerson(t, { deleted: true })).id;
    const privateOrg = (await makeOrganization(t, { visible_to: 1 })).id;
    const foreignLabel = (await other.get('/api/v1/leadLabels')).body.data[0].id;
    const foreignUser = other.userId;
    const cases: [Tenant, Record<string, unknown>, string][] = [
      [t, { title: 'T', person_id: 999_999_999 }, 'person_id'],
      [t, { title: 'T', person_id: foreignPerson }, 'person_id'],
      [t, { title: 'T', person_id: deletedPerson }, 'person_id'],
      [t, { title: 'T', organization_id: foreignOrg }, 'organization_id'],
      [t, { title: 'T', person_id: personId, organization_id: 999_999_999 }, 'organization_id'],
      [user.as, { title: 'T', organization_id: privateOrg }, 'organization_id'],
      [t, { title: 'T', person_id: personId, owner_id: foreignUser }, 'owner_id'],
      [t, { title: 'T', person_id: personId, label_ids: [UNKNOWN_UUID] }, 'label_ids'],
      [t, { title: 'T', person_id: personId, label_ids: [foreignLabel] }, 'label_ids'],
    ];
    for (const [who, body, field] of cases) {
      const res = await who.post('/api/v1/leads', body);
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    expect((await t.get('/api/v1/leads')).body.data).toEqual([]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'lead')));
    expect(events).toEqual([]);
  });

  it('refuses updates that would leave no person or organization, or bad values', async () => {
    const t = await newTenant();
    const lead = await addLead(t);
    const cases: [Record<string, unknown>, string, number][] = [
      [{ person_id: null }, 'person_id', 400],
      [{ title: null }, 'title', 400],
      [{ title: '' }, 'title', 400],
      [{ value: { amount: 5 } }, 'value.currency', 400],
      [{ origin_id: 'x' }, 'origin_id', 400],
      [{ origin: 'x' }, 'origin', 400],
      [{ is_archived: 'true' }, 'is_archived', 400],
      [{ person_id: 999_999_999 }, 'person_id', 404],
      [{ owner_id: 999_999_999 }, 'owner_id', 404],
      [{ label_ids: [UNKNOWN_UUID] }, 'label_ids', 404],
    ];
    for (const [body, field, status] of cases) {
      const res = await t.patch(`/api/v1/leads/${lead.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get(`/api/v1/leads/${lead.id}`)).body.data).toEqual(lead);
  });

  it('archives a lead; an archived lead refuses changes but accepts being unarchived', async () => {
    const t = await newTenant();
    const lead = await addLead(t);
    const archived = await t.patch(`/api/v1/leads/${lead.id}`, { is_archived: true, was_seen: true });
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ is_archived: true, was_seen: true });
    for (const body of [{ title: 'x' }, { is_archived: false, title: 'x' }, { [HASH]: 'v' }]) {
      const res = await t.patch(`/api/v1/leads/${lead.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body).toMatchObject({
        success: false,
        error: 'Archived leads cannot be edited; unarchive first',
      });
    }
    expect((await t.get(`/api/v1/leads/${lead.id}`)).body.data).toMatchObject({
      title: lead.title,
      is_archived: true,
    });
    const back = await t.patch(`/api/v1/leads/${lead.id}`, { is_archived: false });
    expect(back.status).toBe(200);
    expect(back.body.data.is_archived).toBe(false);
    expect((await t.patch(`/api/v1/leads/${lead.id}`, { title: 'Edited' })).body.data.title).toBe('Edited');
  });
});

describe('v1 leads: visibility and tenancy', () => {
  it('never shows a lead to another company', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const lead = await addLead(a);
    expect((await b.get(`/api/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v1/leads/${lead.id}`, { title: 'stolen' })).status).toBe(404);
    expect((await b.del(`/api/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await b.get(`/api/v1/leads/${lead.id}/permittedUsers`)).status).toBe(404);
    expect((await b.get('/api/v1/leads')).body.data).toEqual([]);
    expect((await a.get(`/api/v1/leads/${lead.id}`)).body.data.title).toBe(lead.title);
  });

  it('hides visible_to "1" leads of others from non-admins, on reads and writes', async () => {
    const t = await newTenant();
    const regular = await t.addUser();
    const admin2 = await t.addUser({ isAdmin: true });
    const hidden = await addLead(t, { visible_to: '1' });
    const shared = await addLead(t, { visible_to: '3' });
    const own = await addLead(t, { visible_to: '1', owner_id: regular.id });
    const seen = (await regular.as.get('/api/v1/leads')).body.data.map((l: { id: string }) => l.id);
    expect(seen.sort()).toEqual([shared.id, own.id].sort());
    expect((await regular.as.get(`/api/v1/leads/${hidden.id}`)).status).toBe(404);
    expect((await regular.as.patch(`/api/v1/leads/${hidden.id}`, { title: 'x' })).status).toBe(404);
    expect((await regular.as.del(`/api/v1/leads/${hidden.id}`)).status).toBe(404);
    expect((await regular.as.get(`/api/v1/leads/${own.id}`)).status).toBe(200);
    expect((await admin2.as.get(`/api/v1/leads/${hidden.id}`)).status).toBe(200);

    const ofHidden = await t.get(`/api/v1/leads/${hidden.id}/permittedUsers`);
    const byNumber = (x: number, y: number) => x - y;
    expect(ofHidden.body).toEqual({ success: true, data: [t.userId, admin2.id].sort(byNumber) });
    const everyone = [t.userId, regular.id, admin2.id].sort(byNumber);
    const ofOwn = await t.get(`/api/v1/leads/${own.id}/permittedUsers`);
    expect(ofOwn.body.data.sort(byNumber)).toEqual(everyone);
    const ofShared = await t.get(`/api/v1/leads/${shared.id}/permittedUsers`);
    expect(ofShared.body.data.sort(byNumber)).toEqual(everyone);
  });
});
