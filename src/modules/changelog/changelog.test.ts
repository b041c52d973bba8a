import { beforeAll, describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { changeValue } from './entries.ts';
import { ChangelogEntry } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

const V1_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

interface Entry {
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number | null;
  time: string;
  change_source: string | null;
  change_source_user_agent: string | null;
  is_bulk_update_flag: boolean;
}

async function addDeal(t: Tenant, body: Record<string, unknown> = {}): Promise<number> {
  const res = await t.post('/api/v2/deals', { title: 'Big deal', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id;
}

async function patch(t: Tenant, path: string, body: Record<string, unknown>) {
  const res = await t.patch(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

async function changelog(t: Tenant, path: string, query: Record<string, string | number> = {}) {
  const res = await t.get(path, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { success: true; data: Entry[]; additional_data: { next_cursor: string | null } };
}

describe('v1 deal changelog', () => {
  it('lists the field changes made over the API, newest first, with actor and source', async () => {
    const t = await newTenant();
    const id = await addDeal(t);
    const stages = (await t.get('/api/v2/stages', { sort_by: 'order_nr' })).body.data;
    const created = await changelog(t, `/api/v1/deals/${id}/changelog`);
    expect(created.data[0]).toMatchObject({ field_key: 'add_time', old_value: null });
    expect(created.data[0]?.new_value).toMatch(V1_TIME);
    expect(created.data.find((e) => e.field_key === 'title')).toMatchObject({
      old_value: null,
      new_value: 'Big deal',
    });

    await patch(t, `/api/v2/deals/${id}`, { title: 'Bigger deal' });
    await patch(t, `/api/v2/deals/${id}`, { value: 1500.5 });
    await patch(t, `/api/v2/deals/${id}`, { stage_id: stages[1].id });
    await patch(t, `/api/v2/deals/${id}`, { status: 'won' });
    await patch(t, `/api/v2/deals/${id}`, { status: 'open' });

    const body = await changelog(t, `/v1/deals/${id}/changelog`);
    expect(body.success).toBe(true);
    expect(body.additional_data).toEqual({ next_cursor: null });
    for (const e of body.data) {
      ChangelogEntry.parse(e);
      expect(e).toMatchObject({ actor_user_id: t.userId, change_source: 'api', is_bulk_update_flag: false });
      expect(e.time).toMatch(V1_TIME);
      expect(typeof e.change_source_user_agent).toBe('string');
    }
    const keys = body.data.map((e) => e.field_key);
    // Reopening is the newest change, the creation the oldest.
    expect(body.data[0]).toMatchObject({ field_key: 'status', old_value: 'won', new_value: 'open' });
    const reopen = body.data.slice(0, keys.indexOf('status', 1));
    expect(reopen.find((e) => e.field_key === 'won_time')?.old_value).toMatch(V1_TIME);
    expect(reopen.find((e) => e.field_key === 'won_time')?.new_value).toBeNull();
    const won = body.data.filter((e) => e.field_key === 'status');
    expect(won.map((e) => [e.old_value, e.new_value])).toEqual([
      ['won', 'open'],
      ['open', 'won'],
      [null, 'open'],
    ]);
    expect(body.data.find((e) => e.field_key === 'stage_id' && e.old_value !== null)).toMatchObject({
      old_value: String(stages[0].id),
      new_value: String(stages[1].id),
    });
    expect(body.data.find((e) => e.field_key === 'value' && e.old_value !== null)).toMatchObject({
      old_value: '0',
      new_value: '1500.5',
    });
    expect(body.data.find((e) => e.field_key === 'title' && e.old_value !== null)).toMatchObject({
      old_value: 'Big deal',
      new_value: 'Bigger deal',
    });
    expect(keys.indexOf('stage_id')).toBeLessThan(keys.indexOf('value'));
    expect(keys.indexOf('value')).toBeLessThan(keys.lastIndexOf('title'));
    expect(keys).toContain('add_time');
    expect(keys.indexOf('add_time')).toBeGreaterThan(keys.indexOf('title'));
  });

  it('shows custom fields, labels and changes made by another user', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: 'a'.repeat(40), name: 'Colour', field_type: 'varchar' });
    const other = await t.addUser({ isAdmin: true });
    const key = 'a'.repeat(40);
    const id = await addDeal(t);
    await patch(other.as, `/api/v2/deals/${id}`, { custom_fields: { [key]: 'x' }, label_ids: [3, 1] });
    const body = await changelog(t, `/api/v1/deals/${id}/changelog`, { limit: 2 });
    expect(body.data).toEqual([
      expect.objectContaining({ field_key: 'label_ids', old_value: '[]', new_value: '[3,1]' }),
      expect.objectContaining({ field_key: key, old_value: null, new_value: 'x', actor_user_id: other.id }),
    ]);
  });

  it('records custom fields of persons and organizations one field at a time, as deals', async () => {
    const t = await newTenant();
    for (const [entity, path] of [
      ['person', 'persons'],
      ['organization', 'organizations'],
    ] as const) {
      const size = await makeField(t, entity, { name: 'Size', field_type: 'enum', options: ['S', 'L'] });
      const note = await makeField(t, entity, { name: 'Note', field_type: 'varchar' });
      const [s, l] = size.options.map((o) => o.id);
      const made = await t.post(`/api/v2/${path}`, { name: 'Rut AB', custom_fields: { [size.key]: s } });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      const id = made.body.data.id;
      await patch(t, `/api/v2/${path}/${id}`, { custom_fields: { [size.key]: l, [note.key]: 'hej' } });
      const body = await changelog(t, `/api/v1/${path}/${id}/changelog`, { limit: 2 });
      expect(body.data.map((e) => [e.field_key, e.old_value, e.new_value]).sort()).toEqual(
        [
          [size.key, 'S', 'L'],
          [note.key, null, 'hej'],
        ].sort(),
      );
    }
  });

  it('pages with a cursor over every entry and refuses a bad cursor or limit', async () => {
    const t = await newTenant();
    const id = await addDeal(t);
    for (const title of ['two', 'three', 'four']) await patch(t, `/api/v2/deals/${id}`, { title, value: 7 });
    const all = (await changelog(t, `/api/v1/deals/${id}/changelog`, { limit: 500 })).data;
    expect(all.length).toBeGreaterThan(6);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof changelog>> = await changelog(
        t,
        `/api/v1/deals/${id}/changelog`,
        cursor ? { limit: 3, cursor } : { limit: 3 },
      );
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data);
      cursor = page.additional_data.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all);

    const forged = Buffer.from(JSON.stringify({ v: 'x', id: 1 })).toString('base64url');
    const refused: Record<string, string | number>[] = [
      { cursor: 'not-a-cursor' },
      { cursor: forged },
      { limit: 501 },
      { limit: 0 },
      { limit: 'ten' },
      { limit: '1e3' },
    ];
    for (const query of refused) {
      const res = await t.get(`/api/v1/deals/${id}/changelog`, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toMatch(/cursor|limit/);
    }
  });

  it('answers 404 for unknown, foreign and deleted deals, and 400 for a malformed id', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const id = await addDeal(a);
    const gone = await addDeal(a);
    expect((await a.del(`/api/v2/deals/${gone}`)).status).toBe(200);
    for (const path of [`/api/v1/deals/${gone}/changelog`, '/api/v1/deals/999999999999/changelog']) {
      const res = await a.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: expect.stringContaining('Deal not found') });
    }
    expect((await b.get(`/api/v1/deals/${id}/changelog`)).status).toBe(404);
    for (const bad of ['abc', '-1', '1.5', '9'.repeat(30)]) {
      expect((await a.get(`/api/v1/deals/${bad}/changelog`)).status, bad).toBe(400);
    }
    expect((await a.app.inject({ url: `/api/v1/deals/${id}/changelog` })).statusCode).toBe(401);
  });

  it('hides a deal visible to its owner only from other non-admin users', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const own = await addDeal(t, { visible_to: 1 });
    const shared = await addDeal(t, { visible_to: 3 });
    expect((await user.as.get(`/api/v1/deals/${own}/changelog`)).status).toBe(404);
    expect((await user.as.get(`/api/v1/deals/${shared}/changelog`)).status).toBe(200);
    expect((await t.get(`/api/v1/deals/${own}/changelog`)).status).toBe(200);
  });
});

describe('v1 person and organization changelogs', () => {
  it('lists the changes of a person, and refuses deleted, foreign and hidden ones', async () => {
    const t = await newTenant();
    const b = await newTenant();
    const user = await t.addUser();
    const res = await t.post('/api/v2/persons', { name: 'Ann Smith', visible_to: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.data.id;
    await patch(t, `/api/v2/persons/${id}`, {
      name: 'Ann Jones',
      emails: [{ value: 'ann@example.test', primary: true, label: 'work' }],
    });
    const body = await changelog(t, `/api/v1/persons/${id}/changelog`);
    for (const e of body.data) ChangelogEntry.parse(e);
    const name = body.data.find((e) => e.field_key === 'name' && e.old_value !== null);
    expect(name).toMatchObject({ old_value: 'Ann Smith', new_value: 'Ann Jones', change_source: 'api' });
    const emails = body.data.find((e) => e.field_key === 'emails' && e.old_value !== null);
    expect(JSON.parse(emails?.new_value ?? 'null')).toEqual([
      expect.objectContaining({ value: 'ann@example.test', primary: true }),
    ]);
    expect(body.data.some((e) => e.field_key === 'add_time')).toBe(true);

    expect((await user.as.get(`/api/v1/persons/${id}/changelog`)).status).toBe(404);
    expect((await b.get(`/api/v1/persons/${id}/changelog`)).status).toBe(404);
    expect((await t.del(`/api/v2/persons/${id}`)).status).toBe(200);
    expect((await t.get(`/api/v1/persons/${id}/changelog`)).status).toBe(404);
  });

  it('lists the changes of an organization, and refuses deleted and foreign ones', async () => {
    const t = await newTenant();
    const b = await newTenant();
    const res = await t.post('/api/v2/organizations', { name: 'Acme' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.data.id;
    await patch(t, `/api/v2/organizations/${id}`, { name: 'Acme Inc' });
    const body = await changelog(t, `/api/v1/organizations/${id}/changelog`, { limit: 1 });
    expect(body.data).toEqual([
      expect.objectContaining({ field_key: 'name', old_value: 'Acme', new_value: 'Acme Inc' }),
    ]);
    expect(body.additional_data.next_cursor).toEqual(expect.any(String));
    expect((await b.get(`/api/v1/organizations/${id}/changelog`)).status).toBe(404);
    expect((await t.get('/api/v1/organizations/0/changelog')).status).toBe(404);
    expect((await t.del(`/api/v2/organizations/${id}`)).status).toBe(200);
    expect((await t.get(`/api/v1/organizations/${id}/changelog`)).status).toBe(404);
  });
});

describe('changed values as strings', () => {
  it('keeps strings, stringifies numbers, booleans and JSON, and shows times in v1 format', () => {
    expect(changeValue('title', '"Hello"')).toBe('Hello');
    expect(changeValue('title', '"2024-01-01T10:00:00Z"')).toBe('2024-01-01T10:00:00Z');
    expect(changeValue('won_time', '"2024-01-01T10:00:00Z"')).toBe('2024-01-01 10:00:00');
    expect(changeValue('value', '1500.50')).toBe('1500.50');
    expect(changeValue('is_deleted', 'true')).toBe('true');
    expect(changeValue('label_ids', '[1, 2]')).toBe('[1,2]');
    expect(changeValue('address', '{"value": "x"}')).toBe('{"value":"x"}');
    expect(changeValue('title', 'null')).toBeNull();
    expect(changeValue('title', null)).toBeNull();
  });
});

describe('OpenAPI', () => {
  it('documents the changelogs and the flow under /api/v1', async () => {
    const app = await testApp();
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    for (const p of ['deals', 'persons', 'organizations']) {
      expect(paths[`/api/v1/${p}/{id}/changelog`]?.get, p).toBeDefined();
    }
    const flow = paths['/api/v1/deals/{id}/flow'].get;
    expect(flow.parameters.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['id', 'start', 'limit', 'all_changes', 'items']),
    );
  });
});
