import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Note } from './schema.ts';

const SQL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ids = (body: { data: { id: number }[] }) => body.data.map((n) => n.id);

describe('v1 notes', () => {
  // the worker's app and database start once (slow on a busy machine): not inside a test's timeout
  beforeAll(() => testApp().then(() => undefined));

  it('adds, gets, updates and deletes a note in Pipedrive shape', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t, { title: 'Acme deal' })).id;
    const personId = (await makePerson(t, { name: 'Ann Person' })).id;
    const orgId = (await makeOrganization(t, { name: 'Acme Inc' })).id;
    const leadId = (await makeLead(t)).id;
    const added = await t.post('/api/v1/notes', {
      content: '<p>Call <b>back</b></p>',
      deal_id: dealId,
      person_id: personId,
      org_id: orgId,
      lead_id: leadId,
      pinned_to_deal_flag: 1,
      pinned_to_person_flag: 0,
      pinned_to_lead_flag: true,
    });
    expect(added.status).toBe(201);
    const note = Note.parse(added.body.data);
    expect(Object.keys(added.body.data).sort()).toEqual(Object.keys(Note.shape).sort());
    expect(note).toMatchObject({
      user_id: t.userId,
      content: '<p>Call <b>back</b></p>',
      active_flag: true,
      last_update_user_id: null,
      lead_id: leadId,
      deal_id: dealId,
      person_id: personId,
      org_id: orgId,
      project_id: null,
      task_id: null,
      pinned_to_lead_flag: true,
      pinned_to_deal_flag: true,
      pinned_to_person_flag: false,
      pinned_to_organization_flag: false,
      pinned_to_project_flag: false,
      pinned_to_task_flag: false,
      deal: { title: 'Acme deal' },
      person: { name: 'Ann Person' },
      organization: { name: 'Acme Inc' },
      project: null,
      task: null,
      user: { icon_url: null, is_you: true },
    });
    expect(note.user.email).toContain('@example.test');
    expect(note.add_time).toMatch(SQL_TIME);
    expect(note.update_time).toMatch(SQL_TIME);

    const got = await t.get(`/api/v1/notes/${note.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(added.body.data);
    expect((await t.get(`/v1/notes/${note.id}`)).status).toBe(200);

    const put = await t.put(`/api/v1/notes/${note.id}`, {
      content: 'plain',
      person_id: null,
      pinned_to_deal_flag: 0,
      add_time: '2020-05-06 07:08:09',
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({
      content: 'plain',
      person_id: null,
      person: null,
      deal_id: dealId,
      pinned_to_deal_flag: false,
      pinned_to_lead_flag: true,
      add_time: '2020-05-06 07:08:09',
      last_update_user_id: t.userId,
    });

    const del = await t.del(`/api/v1/notes/${note.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, data: true });
    expect((await t.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect((await t.put(`/api/v1/notes/${note.id}`, { content: 'again' })).status).toBe(404);
    expect((await t.del(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect(ids((await t.get('/api/v1/notes')).body)).toEqual([]);

    const mine = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'note')))
      .orderBy(auditEvents.id);
    expect(mine.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
  });

  it('sanitises content through the API', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t)).id;
    const res = await t.post('/api/v1/notes', {
      deal_id: dealId,
      content:
        '<p onclick="x()" style="color:red">Hi</p><img src=x onerror=alert(1)><script>alert(1)</script>' +
        '<a href="javascript:alert(1)">bad</a><a href="https://ok.example">ok</a><iframe src="https://x"></iframe>',
    });
    expect(res.status).toBe(201);
    expect(res.body.data.content).toBe('<p>Hi</p><a>bad</a><a href="https://ok.example">ok</a>');
    const put = await t.put(`/api/v1/notes/${res.body.data.id}`, {
      content: '<svg><script>x</script></svg>ok',
    });
    expect(put.body.data.content).toBe('ok');
  });

  it('accepts notes on archived leads and deals, and lenient v1 values', async () => {
    const t = await newTenant();
    const leadId = (await makeLead(t, { archived: true })).id;
    const dealId = (await makeDeal(t, { is_archived: true })).id;
    expect((await t.post('/api/v1/notes', { content: 'x', lead_id: leadId })).status).toBe(201);
    const res = await t.post('/api/v1/notes', {
      content: 'x',
      deal_id: String(dealId),
      pinned_to_deal_flag: '1',
      user_id: String(t.userId),
      an_extra_key: 'ignored',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ deal_id: dealId, pinned_to_deal_flag: true });
  });

  it('refuses bad input with a 4xx that names the field, and writes nothing', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t)).id;
    const other = await newTenant();
    const foreignDeal = (await makeDeal(other)).id;
    const foreignPerson = (await makePerson(other)).id;
    const foreignOrg = (await makeOrganization(other)).id;
    const foreignLead = (await makeLead(other)).id;
    const deletedDeal = (await makeDeal(t, { is_deleted: true })).id;
    const cases: [unknown, number, string][] = [
      [{ content: 'x' }, 400, 'lead_id'],
      [{ content: 'x', deal_id: null, lead_id: null }, 400, 'lead_id'],
      [{ deal_id: dealId }, 400, 'content'],
      [{ content: '', deal_id: dealId }, 400, 'content'],
      [{ content: '   ', deal_id: dealId }, 400, 'content'],
      [{ content: '<script>alert(1)</script>', deal_id: dealId }, 400, 'content'],
      [{ content: '<p><br></p>', deal_id: dealId }, 400, 'content'],
      [{ content: 42, deal_id: dealId }, 400, 'content'],
      [{ content: null, deal_id: dealId }, 400, 'content'],
      [{ content: 'x'.repeat(100_001), deal_id: dealId }, 400, 'content'],
      [{ content: 'a\u0000b', deal_id: dealId }, 400, 'content'],
      [{ content: 'x', lead_id: 'not-a-uuid' }, 400, 'lead_id'],
      [{ content: 'x', lead_id: 12 }, 400, 'lead_id'],
      [{ content: 'x', deal_id: 'abc' }, 400, 'deal_id'],
      [{ content: 'x', deal_id: -1 }, 400, 'deal_id'],
      [{ content: 'x', deal_id: 1.5 }, 400, 'deal_id'],
      [{ content: 'x', deal_id: 1e30 }, 400, 'deal_id'],
      [{ content: 'x', deal_id: dealId, pinned_to_deal_flag: 2 }, 400, 'pinned_to_deal_flag'],
      [{ content: 'x', deal_id: dealId, add_time: 'yesterday' }, 400, 'add_time'],
      [{ content: 'x', deal_id: dealId, add_time: '0000-01-01 00:00:00' }, 400, 'add_time'],
      [{ content: 'x', deal_id: dealId, add_time: 12 }, 400, 'add_time'],
      [{ content: 'x', deal_id: dealId, pinned_to_lead_flag: 'yes' }, 400, 'pinned_to_lead_flag'],
      [{ content: 'x', deal_id: dealId, lead_id: '' }, 400, 'lead_id'],
      [{ content: 'x', deal_id: dealId, user_id: 'me' }, 400, 'user_id'],
      [{ content: 'x', deal_id: foreignDeal }, 404, 'deal_id'],
      [{ content: 'x', deal_id: deletedDeal }, 404, 'deal_id'],
      [{ content: 'x', deal_id: 999_999_999_999 }, 404, 'deal_id'],
      [{ content: 'x', person_id: foreignPerson }, 404, 'person_id'],
      [{ content: 'x', org_id: foreignOrg }, 404, 'org_id'],
      [{ content: 'x', lead_id: foreignLead }, 404, 'lead_id'],
      [{ content: 'x', project_id: 1 }, 404, 'project_id'],
      [{ content: 'x', task_id: 1 }, 404, 'task_id'],
      [{ content: 'x', deal_id: dealId, user_id: 999_999_999 }, 404, 'user_id'],
      [[1, 2], 400, 'body'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.post('/api/v1/notes', body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    const unknownDeal = await t.post('/api/v1/notes', { content: 'x', deal_id: foreignDeal });
    expect(unknownDeal.body.error).toMatch(/^Deal not found/);
    expect((await t.get('/api/v1/notes')).body.data).toEqual([]);

    const note = (await t.post('/api/v1/notes', { content: 'x', deal_id: dealId })).body.data;
    for (const [body, status] of [
      [{ deal_id: null }, 400],
      [{ content: '<style>x</style>' }, 400],
      [{ deal_id: foreignDeal }, 404],
      [{ lead_id: 'nope' }, 400],
    ] as const) {
      expect((await t.put(`/api/v1/notes/${note.id}`, body)).status, JSON.stringify(body)).toBe(status);
    }
    expect((await t.get(`/api/v1/notes/${note.id}`)).body.data.content).toBe('x');
    for (const path of ['/api/v1/notes/abc', '/api/v1/notes/-1', `/api/v1/notes/${'9'.repeat(30)}`]) {
      expect((await t.get(path)).status, path).toBe(400);
    }
    expect((await t.get('/api/v1/notes/999999999')).status).toBe(404);
  });

  it('only lets admins write as another author', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t)).id;
    const u = await t.addUser();
    const byAdmin = await t.post('/api/v1/notes', { content: 'for u', deal_id: dealId, user_id: u.id });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data).toMatchObject({ user_id: u.id, user: { is_you: false } });
    const refused = await u.as.post('/api/v1/notes', { content: 'x', deal_id: dealId, user_id: t.userId });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('user_id');
    const self = await u.as.post('/api/v1/notes', { content: 'x', deal_id: dealId, user_id: u.id });
    expect(self.status).toBe(201);
    expect(self.body.data.user).toMatchObject({ is_you: true });
    expect((await u.as.put(`/api/v1/notes/${self.body.data.id}`, { user_id: t.userId })).status).toBe(403);
  });

  it('filters, sorts and pages', async () => {
    const t = await newTenant();
    const u = await t.addUser();
    const d1 = (await makeDeal(t)).id;
    const d2 = (await makeDeal(t)).id;
    const p1 = (await makePerson(t)).id;
    const o1 = (await makeOrganization(t)).id;
    const lead = (await makeLead(t)).id;
    const add = async (body: Record<string, unknown>) =>
      (await t.post('/api/v1/notes', { content: 'n', ...body })).body.data.id as number;
    const a = await add({ deal_id: d1, add_time: '2024-01-01 10:00:00', pinned_to_deal_flag: 1 });
    const b = await add({ deal_id: d2, person_id: p1, add_time: '2024-01-02 10:00:00', content: 'zzz' });
    const c = await add({ org_id: o1, add_time: '2024-01-03 23:59:59', user_id: u.id, content: 'aaa' });
    const d = await add({ lead_id: lead, add_time: '2024-01-04 00:00:00', pinned_to_lead_flag: 1 });

    const list = async (q: Record<string, string | number>) => {
      const res = await t.get('/api/v1/notes', q);
      expect(res.status, JSON.stringify(q)).toBe(200);
      return ids(res.body);
    };
    expect(await list({})).toEqual([d, c, b, a]);
    expect(await list({ deal_id: d1 })).toEqual([a]);
    expect(await list({ person_id: p1 })).toEqual([b]);
    expect(await list({ org_id: o1 })).toEqual([c]);
    expect(await list({ lead_id: lead })).toEqual([d]);
    expect(await list({ user_id: u.id })).toEqual([c]);
    expect(await list({ project_id: 5 })).toEqual([]);
    expect(await list({ task_id: 5 })).toEqual([]);
    expect(await list({ start_date: '2024-01-02', end_date: '2024-01-03' })).toEqual([c, b]);
    expect(await list({ pinned_to_deal_flag: 1 })).toEqual([a]);
    expect(await list({ pinned_to_deal_flag: 0 })).toEqual([d, c, b]);
    expect(await list({ pinned_to_lead_flag: 1 })).toEqual([d]);
    expect(await list({ pinned_to_person_flag: 'true' })).toEqual([]);
    expect(await list({ sort: 'add_time ASC' })).toEqual([a, b, c, d]);
    expect(await list({ sort: 'id DESC' })).toEqual([d, c, b, a]);
    expect(await list({ sort: 'content ASC, id DESC' })).toEqual([c, d, a, b]);
    expect(await list({ sort: 'deal_id asc' })).toEqual([a, b, c, d]);
    expect(await list({ updated_since: '2000-01-01T00:00:00Z' })).toHaveLength(4);
    expect(await list({ updated_since: '2999-01-01T00:00:00Z' })).toEqual([]);

    const first = await t.get('/api/v1/notes', { start: 0, limit: 3 });
    expect(ids(first.body)).toEqual([d, c, b]);
    expect(first.body.additional_data.pagination).toEqual({
      start: 0,
      limit: 3,
      more_items_in_collection: true,
      next_start: 3,
    });
    const second = await t.get('/api/v1/notes', { start: 3, limit: 3 });
    expect(ids(second.body)).toEqual([a]);
    expect(second.body.additional_data.pagination).toEqual({
      start: 3,
      limit: 3,
      more_items_in_collection: false,
    });
    expect((await t.get('/api/v1/notes', { start: 999_999_999_999 })).body.data).toEqual([]);

    for (const q of [
      { sort: 'title ASC' },
      { sort: 'add_time SIDEWAYS' },
      { sort: 'id, id' },
      { lead_id: 'nope' },
      { deal_id: 'x' },
      { start: -1 },
      { limit: 0 },
      { start_date: '2024-13-45' },
      { end_date: 'today' },
      { updated_since: 'soon' },
      { pinned_to_deal_flag: 2 },
      { user_id: '9'.repeat(20) },
    ]) {
      const res = await t.get('/api/v1/notes', q as unknown as Record<string, string | number>);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error).toContain(Object.keys(q)[0]);
    }
  });

  it('keeps companies apart', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const dealId = (await makeDeal(a)).id;
    const note = (await a.post('/api/v1/notes', { content: 'secret', deal_id: dealId })).body.data;
    expect((await b.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect((await b.put(`/api/v1/notes/${note.id}`, { content: 'stolen' })).status).toBe(404);
    expect((await b.del(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect((await b.get('/api/v1/notes')).body.data).toEqual([]);
    expect((await b.get('/api/v1/notes', { deal_id: dealId })).body.data).toEqual([]);
    expect((await b.post('/api/v1/notes', { content: 'x', deal_id: dealId })).status).toBe(404);
    expect((await b.get(`/api/v1/notes/${note.id}/comments`)).status).toBe(404);
    expect((await a.get(`/api/v1/notes/${note.id}`)).body.data.content).toBe('secret');
  });

  it('shows a non-admin only the notes of items they can see, and their own', async () => {
    const t = await newTenant();
    const u = await t.addUser();
    const privateDeal = (await makeDeal(t, { visible_to: 1, title: 'Private' })).id;
    const sharedDeal = (await makeDeal(t, { visible_to: 3 })).id;
    const ownPrivateDeal = (await makeDeal(t, { visible_to: 1, owner_id: u.id })).id;
    const privatePerson = (await makePerson(t, { visible_to: 1 })).id;
    const privateLead = (await makeLead(t, { visible_to: 1 })).id;
    const add = async (body: Record<string, unknown>) =>
      (await t.post('/api/v1/notes', { content: 'n', ...body })).body.data.id as number;
    const hidden = await add({ deal_id: privateDeal });
    const hiddenLead = await add({ lead_id: privateLead });
    const shared = await add({ deal_id: sharedDeal });
    const mixed = await add({ deal_id: privateDeal, person_id: privatePerson, lead_id: privateLead });
    const viaOwnDeal = await add({ deal_id: ownPrivateDeal });
    const authored = await add({ deal_id: privateDeal, user_id: u.id });

    const seen = ids((await u.as.get('/api/v1/notes', { sort: 'id ASC' })).body);
    expect(seen).toEqual([shared, viaOwnDeal, authored]);
    expect(ids((await t.get('/api/v1/notes', { sort: 'id ASC' })).body)).toEqual([
      hidden,
      hiddenLead,
      shared,
      mixed,
      viaOwnDeal,
      authored,
    ]);
    for (const id of [hidden, hiddenLead, mixed]) {
      expect((await u.as.get(`/api/v1/notes/${id}`)).status).toBe(404);
      expect((await u.as.put(`/api/v1/notes/${id}`, { content: 'x' })).status).toBe(404);
      expect((await u.as.del(`/api/v1/notes/${id}`)).status).toBe(404);
    }
    expect((await u.as.get(`/api/v1/notes/${authored}`)).body.data.deal).toEqual({ title: 'Private' });
    expect((await u.as.post('/api/v1/notes', { content: 'x', deal_id: privateDeal })).status).toBe(404);
    expect((await u.as.post('/api/v1/notes', { content: 'x', lead_id: privateLead })).status).toBe(404);
    expect((await u.as.put(`/api/v1/notes/${shared}`, { content: 'edited by u' })).status).toBe(200);
  });
});
