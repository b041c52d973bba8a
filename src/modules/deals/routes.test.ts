import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField, makeOrganization, makePerson, stagesOf } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Deal } from './schema.ts';
import { deals } from './tables.ts';

// The worker's database starts once (seconds; longer on a busy machine): not inside a test's time.
beforeAll(async () => {
  await testApp();
});

const DEAL_KEYS = [
  'id',
  'title',
  'owner_id',
  'person_id',
  'org_id',
  'pipeline_id',
  'stage_id',
  'value',
  'currency',
  'add_time',
  'update_time',
  'stage_change_time',
  'is_deleted',
  'is_archived',
  'archive_time',
  'status',
  'probability',
  'lost_reason',
  'visible_to',
  'close_time',
  'won_time',
  'lost_time',
  'expected_close_date',
  'label_ids',
  'origin',
  'origin_id',
  'channel',
  'channel_id',
  'arr',
  'mrr',
  'acv',
  'custom_fields',
].sort();

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function positionOf(t: Tenant, id: number) {
  const [row] = await t.db.select({ p: deals.position }).from(deals).where(eq(deals.id, id));
  return row?.p;
}

describe('v2 deals: add, get, update, delete', () => {
  it('adds a deal with the defaults and presents every key', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const res = await t.post('/api/v2/deals', { title: '  First deal  ' });
    expect(res.status).toBe(200);
    const d = Deal.parse(res.body.data);
    expect(Object.keys(res.body.data).sort()).toEqual(DEAL_KEYS);
    expect(d).toMatchObject({
      title: 'First deal',
      owner_id: t.userId,
      person_id: null,
      org_id: null,
      pipeline_id: pipeline,
      stage_id: stages[0],
      value: 0,
      currency: 'USD',
      status: 'open',
      visible_to: 3,
      is_deleted: false,
      is_archived: false,
      archive_time: null,
      probability: null,
      label_ids: [],
      origin: 'API',
      custom_fields: {},
      close_time: null,
      won_time: null,
      lost_time: null,
    });
    expect(d.add_time).toMatch(RFC3339);
    expect(d.stage_change_time).toMatch(RFC3339);
    const got = await t.get(`/api/v2/deals/${d.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(res.body.data);
  });

  it('adds with every field, updates, and records field diffs', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const person = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;
    const other = await t.addUser();
    const key = 'd4de1c1518b4531717c676029a45911c340390a6';
    await makeField(t, 'deal', { key, name: 'Budget', field_type: 'monetary' });
    const tags = await makeField(t, 'deal', {
      key: 'a'.repeat(40),
      name: 'Tags',
      field_type: 'set',
      options: ['x', 'y'],
    });
    const ids = tags.options.map((o) => o.id);
    const add = await t.post('/api/v2/deals', {
      title: 'Big one',
      owner_id: other.id,
      person_id: person,
      org_id: org,
      stage_id: stages[2],
      value: 1234.5,
      currency: 'EUR',
      probability: 42.5,
      visible_to: 7,
      expected_close_date: '2030-02-28',
      label_ids: [3, 1, 3],
      origin_id: 'ext-1',
      channel: 2,
      channel_id: 'ch-9',
      custom_fields: { [key]: { value: 10, currency: 'EUR' }, ['a'.repeat(40)]: ids },
      origin: 'ignored',
    });
    expect(add.status).toBe(200);
    const d = add.body.data;
    expect(d).toMatchObject({
      owner_id: other.id,
      person_id: person,
      org_id: org,
      pipeline_id: pipeline,
      stage_id: stages[2],
      value: 1234.5,
      currency: 'EUR',
      probability: 42.5,
      visible_to: 7,
      expected_close_date: '2030-02-28',
      label_ids: [3, 1],
      origin: 'API',
      origin_id: 'ext-1',
      channel: 2,
      channel_id: 'ch-9',
      custom_fields: { [key]: { value: 10, currency: 'EUR' }, ['a'.repeat(40)]: ids },
    });

    const upd = await t.patch(`/api/v2/deals/${d.id}`, {
      title: 'Bigger one',
      value: 2000,
      person_id: null,
      probability: null,
      expected_close_date: null,
      custom_fields: { [key]: null },
      origin: 'nope',
    });
    expect(upd.status).toBe(200);
    expect(upd.body.data).toMatchObject({
      title: 'Bigger one',
      value: 2000,
      person_id: null,
      org_id: org,
      probability: null,
      expected_close_date: null,
      origin: 'API',
      stage_id: stages[2],
      stage_change_time: d.stage_change_time,
      custom_fields: { ['a'.repeat(40)]: ids },
    });

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'deal')))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change']);
    expect(events[0]?.changes).toContainEqual({ field_key: 'title', old_value: null, new_value: 'Big one' });
    expect(events[1]).toMatchObject({ actorType: 'api_token', actorUserId: t.userId, changeSource: 'api' });
    const fields = events[1]?.changes.map((c) => c.field_key).sort();
    expect(fields).toEqual(['expected_close_date', 'person_id', 'probability', 'title', 'value', key].sort());
    expect(events[1]?.changes).toContainEqual({ field_key: 'value', old_value: 1234.5, new_value: 2000 });
    expect(upd.body.data.custom_fields).not.toHaveProperty(key);
  });

  it('places deals by stage and pipeline, at the end of their stage', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const p2 = (await t.post('/api/v2/pipelines', { name: 'Second' })).body.data.id;
    const s2a = (await t.post('/api/v2/stages', { name: 'A', pipeline_id: p2 })).body.data.id;
    const s2b = (await t.post('/api/v2/stages', { name: 'B', pipeline_id: p2 })).body.data.id;

    const byPipeline = (await t.post('/api/v2/deals', { title: 'x', pipeline_id: p2 })).body.data;
    expect(byPipeline).toMatchObject({ pipeline_id: p2, stage_id: s2a });
    const byStage = (await t.post('/api/v2/deals', { title: 'y', stage_id: s2b })).body.data;
    expect(byStage).toMatchObject({ pipeline_id: p2, stage_id: s2b });
    const both = (await t.post('/api/v2/deals', { title: 'z', stage_id: s2b, pipeline_id: p2 })).body.data;
    expect(both.stage_id).toBe(s2b);
    expect(await positionOf(t, byStage.id)).toBe(1);
    expect(await positionOf(t, both.id)).toBe(2);

    const mismatch = await t.post('/api/v2/deals', { title: 'w', stage_id: s2b, pipeline_id: pipeline });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toContain('stage_id');

    // update: a stage change moves the pipeline and goes to the end of the new stage
    const a = (await t.post('/api/v2/deals', { title: 'a' })).body.data;
    await t.db
      .update(deals)
      .set({ stageChangeTime: new Date('2020-01-01T00:00:00Z') })
      .where(eq(deals.id, a.id));
    const moved = await t.patch(`/api/v2/deals/${a.id}`, { stage_id: s2b });
    expect(moved.body.data).toMatchObject({ pipeline_id: p2, stage_id: s2b });
    expect(moved.body.data.stage_change_time > '2020-01-02').toBe(true);
    expect(await positionOf(t, a.id)).toBe(3);
    // pipeline alone: its first stage; the same pipeline: no move
    const back = await t.patch(`/api/v2/deals/${a.id}`, { pipeline_id: pipeline });
    expect(back.body.data).toMatchObject({ pipeline_id: pipeline, stage_id: stages[0] });
    const same = await t.patch(`/api/v2/deals/${a.id}`, { pipeline_id: pipeline, title: 'a2' });
    expect(same.body.data.stage_id).toBe(stages[0]);
    const bad = await t.patch(`/api/v2/deals/${a.id}`, { pipeline_id: pipeline, stage_id: s2a });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('stage_id');
    const agree = await t.patch(`/api/v2/deals/${a.id}`, { pipeline_id: p2, stage_id: s2a });
    expect(agree.body.data).toMatchObject({ pipeline_id: p2, stage_id: s2a });
  });

  it('takes the currency default from the company', async () => {
    const t = await newTenant();
    const { companies } = await import('../users/tables.ts');
    await t.db.update(companies).set({ defaultCurrency: 'EUR' }).where(eq(companies.id, t.companyId));
    expect((await t.post('/api/v2/deals', { title: 'x' })).body.data.currency).toBe('EUR');
  });

  it('deletes softly: 404 afterwards, listable with status=deleted', async () => {
    const t = await newTenant();
    const d = (await t.post('/api/v2/deals', { title: 'gone' })).body.data;
    const res = await t.del(`/api/v2/deals/${d.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { id: d.id } });
    expect((await t.get(`/api/v2/deals/${d.id}`)).status).toBe(404);
    expect((await t.patch(`/api/v2/deals/${d.id}`, { title: 'back' })).status).toBe(404);
    expect((await t.del(`/api/v2/deals/${d.id}`)).status).toBe(404);
    expect((await t.get('/api/v2/deals')).body.data).toEqual([]);
    const listed = (await t.get('/api/v2/deals', { status: 'deleted' })).body.data;
    expect(listed.map((x: { id: number; is_deleted: boolean }) => [x.id, x.is_deleted])).toEqual([
      [d.id, true],
    ]);
    // PATCH is_deleted: true deletes too
    const e = (await t.post('/api/v2/deals', { title: 'also gone' })).body.data;
    const patched = await t.patch(`/api/v2/deals/${e.id}`, { is_deleted: true });
    expect(patched.body.data.is_deleted).toBe(true);
    expect((await t.get(`/api/v2/deals/${e.id}`)).status).toBe(404);
    // older than 30 days: no longer listed
    await t.db
      .update(deals)
      .set({ deleteTime: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(deals.id, d.id));
    const later = (await t.get('/api/v2/deals', { status: 'deleted' })).body.data;
    expect(later.map((x: { id: number }) => x.id)).toEqual([e.id]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.itemType, 'deal'), eq(auditEvents.itemId, String(d.id))));
    expect(events.find((ev) => ev.action === 'delete')?.changes).toContainEqual({
      field_key: 'is_deleted',
      old_value: false,
      new_value: true,
    });
  });
});

describe('v2 deals: who sees what', () => {
  it('keeps companies apart', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const d = (await a.post('/api/v2/deals', { title: 'secret' })).body.data;
    expect((await b.get(`/api/v2/deals/${d.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v2/deals/${d.id}`, { title: 'stolen' })).status).toBe(404);
    expect((await b.del(`/api/v2/deals/${d.id}`)).status).toBe(404);
    expect((await b.get('/api/v2/deals', { ids: String(d.id) })).body.data).toEqual([]);
    expect((await b.get('/api/v2/deals', { status: 'open,won,lost,deleted' })).body.data).toEqual([]);
    expect((await a.get(`/api/v2/deals/${d.id}`)).body.data.title).toBe('secret');
  });

  it('hides visible_to 1 deals of others from a non-admin', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const priv = (await t.post('/api/v2/deals', { title: 'mine', visible_to: 1 })).body.data;
    const shared = (await t.post('/api/v2/deals', { title: 'ours' })).body.data;
    const own = (await user.as.post('/api/v2/deals', { title: 'users own', visible_to: 1 })).body.data;
    expect(own.owner_id).toBe(user.id);
    expect((await user.as.get(`/api/v2/deals/${priv.id}`)).status).toBe(404);
    expect((await user.as.patch(`/api/v2/deals/${priv.id}`, { title: 'x' })).status).toBe(404);
    expect((await user.as.del(`/api/v2/deals/${priv.id}`)).status).toBe(404);
    const seen = (await user.as.get('/api/v2/deals')).body.data.map((d: { id: number }) => d.id);
    expect(seen).toEqual([shared.id, own.id]);
    const ids = (await user.as.get('/api/v2/deals', { ids: `${priv.id},${shared.id},999999` })).body.data;
    expect(ids.map((d: { id: number }) => d.id)).toEqual([shared.id]);
    // the admin sees all three
    expect((await t.get('/api/v2/deals')).body.data).toHaveLength(3);
    // a person only the admin sees cannot be linked by the user
    const hidden = (await makePerson(t, { visible_to: 1 })).id;
    const res = await user.as.post('/api/v2/deals', { title: 'x', person_id: hidden });
    expect(res.status).toBe(404);
    expect(res.body.error).toContain('person_id');
  });
});
