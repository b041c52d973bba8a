import { beforeAll, describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { FlowResponse } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

const V1_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

interface Item {
  object: 'dealChange' | 'note' | 'activity';
  timestamp: string;
  data: Record<string, unknown> & { id: number };
}

async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  return r.body;
}

async function flow(t: Tenant, id: number, query: Record<string, string | number> = {}) {
  const body = await ok(t.get(`/api/v1/deals/${id}/flow`, query));
  FlowResponse.parse(body);
  return body as { data: Item[]; additional_data: any; related_objects: any };
}

/** A deal with a person and an organization, then notes, activities and changes one after another. */
async function history(t: Tenant) {
  const person = (await ok(t.post('/api/v2/persons', { name: 'Pat Buyer' }))).data.id;
  const org = (await ok(t.post('/api/v2/organizations', { name: 'Buyer Ltd', address: 'Main St 1' }))).data
    .id;
  const deal = (await ok(t.post('/api/v2/deals', { title: 'Flow deal', person_id: person, org_id: org })))
    .data.id;
  const note1 = (await ok(t.post('/api/v1/notes', { content: 'first note', deal_id: deal }))).data.id;
  const call = (await ok(t.post('/api/v2/activities', { subject: 'Call', deal_id: deal, person_id: person })))
    .data.id;
  await ok(t.patch(`/api/v2/deals/${deal}`, { title: 'Flow deal 2' }));
  const meeting = (
    await ok(t.post('/api/v2/activities', { subject: 'Meet', type: 'meeting', deal_id: deal }))
  ).data.id;
  await ok(t.patch(`/api/v2/activities/${call}`, { done: true }));
  const note2 = (await ok(t.post('/api/v1/notes', { content: 'second note', deal_id: deal }))).data.id;
  return { person, org, deal, note1, note2, call, meeting };
}

const summary = (items: Item[]) =>
  items.map((i) => (i.object === 'dealChange' ? `change:${i.data.field_key}` : `${i.object}:${i.data.id}`));

describe('v1 deal flow', () => {
  it('merges changes, notes and activities newest first, with related objects', async () => {
    const t = await newTenant();
    const h = await history(t);
    const body = await flow(t, h.deal);
    const s = summary(body.data);
    // The call is dated by when it was done, the meeting by when it was added.
    expect(s.slice(0, 4)).toEqual([
      `note:${h.note2}`,
      `activity:${h.call}`,
      `activity:${h.meeting}`,
      'change:title',
    ]);
    expect(s.indexOf(`note:${h.note1}`)).toBeGreaterThan(s.indexOf('change:title'));
    expect(s.indexOf(`note:${h.note1}`)).toBeLessThan(s.indexOf('change:add_time'));
    expect(s.filter((x) => x === 'change:add_time')).toHaveLength(1);
    for (const i of body.data) expect(i.timestamp).toMatch(V1_TIME);

    const title = body.data.find((i) => i.data.field_key === 'title' && i.data.old_value !== null);
    expect(title?.data).toMatchObject({
      item_id: h.deal,
      user_id: t.userId,
      old_value: 'Flow deal',
      new_value: 'Flow deal 2',
      is_bulk_update_flag: false,
      change_source: 'api',
      additional_data: {},
    });
    expect(title?.data.log_time).toBe(title?.timestamp);
    const ids = body.data.filter((i) => i.object === 'dealChange').map((i) => i.data.id);
    expect(new Set(ids).size).toBe(ids.length);

    const note = body.data.find((i) => i.object === 'note' && i.data.id === h.note2);
    expect(note?.data).toMatchObject({
      content: 'second note',
      deal_id: h.deal,
      deal: { title: 'Flow deal 2' },
    });
    const call = body.data.find((i) => i.object === 'activity' && i.data.id === h.call);
    expect(call?.data).toMatchObject({ subject: 'Call', done: true, deal_id: h.deal });

    expect(body.additional_data).toMatchObject({ start: 0, limit: 100, more_items_in_collection: false });
    const rel = body.related_objects;
    expect(rel.deal[String(h.deal)]).toEqual({
      id: h.deal,
      title: 'Flow deal 2',
      status: 'open',
      value: 0,
      currency: 'USD',
      stage_id: expect.any(Number),
      pipeline_id: expect.any(Number),
    });
    expect(rel.user[String(t.userId)]).toMatchObject({
      id: t.userId,
      has_pic: 0,
      pic_hash: null,
      active_flag: true,
    });
    expect(rel.person[String(h.person)]).toMatchObject({
      id: h.person,
      name: 'Pat Buyer',
      active_flag: true,
    });
    expect(rel.organization[String(h.org)]).toMatchObject({
      id: h.org,
      name: 'Buyer Ltd',
      people_count: 0,
      address: 'Main St 1',
      active_flag: true,
    });
  });

  it('filters by items, ignoring unknown names', async () => {
    const t = await newTenant();
    const h = await history(t);
    const kinds = async (items: string) => [
      ...new Set((await flow(t, h.deal, { items })).data.map((i) => i.object)),
    ];
    expect(await kinds('note')).toEqual(['note']);
    expect((await flow(t, h.deal, { items: 'note' })).data.map((i) => i.data.id)).toEqual([h.note2, h.note1]);
    expect(await kinds('dealChange')).toEqual(['dealChange']);
    expect(await kinds('change,bogus')).toEqual(['dealChange']);
    expect((await kinds('activity,note')).sort()).toEqual(['activity', 'note']);
    const planned = await flow(t, h.deal, { items: 'plannedActivity' });
    expect(planned.data.map((i) => i.data.id)).toEqual([h.meeting]);
    expect((await kinds('bogus')).sort()).toEqual(['activity', 'dealChange', 'note']);
    expect((await flow(t, h.deal, { items: 'file,mailMessage' })).data).toEqual([]);
    expect((await flow(t, h.deal, { items: '' })).data.length).toBeGreaterThan(0);
  });

  it('leaves custom-field changes out unless all_changes=1', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: 'b'.repeat(40), name: 'Colour', field_type: 'varchar' });
    const key = 'b'.repeat(40);
    const deal = (await ok(t.post('/api/v2/deals', { title: 'Custom', custom_fields: { [key]: 'one' } })))
      .data.id;
    await ok(t.patch(`/api/v2/deals/${deal}`, { custom_fields: { [key]: 'two' } }));
    const keysOf = async (q: Record<string, string>) =>
      (await flow(t, deal, { items: 'dealChange', ...q })).data.map((i) => i.data.field_key);
    expect(await keysOf({})).not.toContain(key);
    expect(await keysOf({ all_changes: '0' })).not.toContain(key);
    const all = await flow(t, deal, { items: 'dealChange', all_changes: '1' });
    expect(all.data[0]?.data).toMatchObject({ field_key: key, old_value: 'one', new_value: 'two' });
    expect(all.data.filter((i) => i.data.field_key === key)).toHaveLength(2);
    expect((await t.get(`/api/v1/deals/${deal}/flow`, { all_changes: 'yes' })).status).toBe(400);
  });

  it('pages with start and limit', async () => {
    const t = await newTenant();
    const h = await history(t);
    const all = (await flow(t, h.deal, { limit: 500 })).data;
    const first = await flow(t, h.deal, { limit: 3 });
    expect(first.data).toEqual(all.slice(0, 3));
    expect(first.additional_data).toMatchObject({
      start: 0,
      limit: 3,
      more_items_in_collection: true,
      pagination: { next_start: 3 },
    });
    const rest = await flow(t, h.deal, { start: 3, limit: 1000 });
    expect(rest.additional_data).toMatchObject({ start: 3, limit: 500, more_items_in_collection: false });
    expect([...first.data, ...rest.data]).toEqual(all);
    expect((await flow(t, h.deal, { start: 999999999999 })).data).toEqual([]);
    const refused: Record<string, string | number>[] = [
      { start: -1 },
      { limit: 0 },
      { start: 'x' },
      { limit: '2.5' },
    ];
    for (const q of refused) {
      expect((await t.get(`/api/v1/deals/${h.deal}/flow`, q)).status, JSON.stringify(q)).toBe(400);
    }
  });

  it('answers 404 for unknown, foreign and deleted deals and hides owner-only deals from other users', async () => {
    const t = await newTenant();
    const b = await newTenant();
    const user = await t.addUser();
    const hidden = (await ok(t.post('/api/v2/deals', { title: 'Mine', visible_to: 1 }))).data.id;
    const shared = (await ok(t.post('/api/v2/deals', { title: 'Ours', visible_to: 3 }))).data.id;
    const gone = (await ok(t.post('/api/v2/deals', { title: 'Gone' }))).data.id;
    await ok(t.del(`/api/v2/deals/${gone}`));
    expect((await t.get(`/api/v1/deals/${gone}/flow`)).status).toBe(404);
    expect((await t.get('/api/v1/deals/123456789012/flow')).status).toBe(404);
    expect((await b.get(`/v1/deals/${shared}/flow`)).status).toBe(404);
    expect((await user.as.get(`/api/v1/deals/${hidden}/flow`)).status).toBe(404);
    const seen = await flow(user.as, shared);
    expect(seen.data.length).toBeGreaterThan(0);
    expect((await t.get('/api/v1/deals/nope/flow')).status).toBe(400);
  });

  it('leaves persons the caller may not see out of related_objects', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const person = (await ok(t.post('/api/v2/persons', { name: 'Secret', visible_to: 1 }))).data.id;
    const deal = (await ok(t.post('/api/v2/deals', { title: 'Open deal', person_id: person }))).data.id;
    expect((await flow(t, deal)).related_objects.person[String(person)]).toBeDefined();
    expect((await flow(user.as, deal)).related_objects.person).toEqual({});
  });
});
