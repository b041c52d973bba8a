import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Res, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { activities } from './tables.ts';

const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((a) => a.id);

async function add(t: Tenant, body: Record<string, unknown>): Promise<number> {
  const res = await t.post('/api/v2/activities', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id;
}

/** Reads every page of a list. */
async function allPages(t: Tenant, query: Record<string, string | number>): Promise<number[]> {
  const out: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const res: Res = await t.get('/api/v2/activities', { ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    out.push(...ids(res));
    cursor = res.body.additional_data.next_cursor;
    if (!cursor) break;
  }
  return out;
}

// The worker's app and embedded database start here, under the hook timeout.
beforeAll(async () => {
  await testApp();
});

describe('v2 activities: list', () => {
  it('filters by every parameter', async () => {
    const t = await newTenant();
    const other = await t.addUser();
    const deal = (await makeDeal(t)).id;
    const lead = (await makeLead(t)).id;
    const person = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;
    const a1 = await add(t, { deal_id: deal, done: true });
    const a2 = await add(t, { lead_id: lead, owner_id: other.id });
    const a3 = await add(t, { person_id: person });
    const a4 = await add(t, { org_id: org });
    const gone = await add(t, { deal_id: deal });
    await t.del(`/api/v2/activities/${gone}`);

    const list = async (q: Record<string, string | number | boolean>) => {
      const res = await t.get('/api/v2/activities', q);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return ids(res);
    };
    expect(await list({})).toEqual([a1, a2, a3, a4]);
    expect(await list({ ids: `${a3},${a1},${gone},999999` })).toEqual([a1, a3]);
    expect(await list({ owner_id: other.id })).toEqual([a2]);
    expect(await list({ deal_id: deal })).toEqual([a1]);
    expect(await list({ lead_id: lead })).toEqual([a2]);
    expect(await list({ person_id: person })).toEqual([a3]);
    expect(await list({ org_id: org })).toEqual([a4]);
    expect(await list({ done: true })).toEqual([a1]);
    expect(await list({ done: false })).toEqual([a2, a3, a4]);
    expect(await list({ filter_id: 5 })).toEqual([a1, a2, a3, a4]);
    expect(await list({ include_fields: 'attendees' })).toEqual([a1, a2, a3, a4]);
    expect(await list({ sort_direction: 'desc' })).toEqual([a4, a3, a2, a1]);

    // updated_since is inclusive, updated_until exclusive
    await t.db
      .update(activities)
      .set({ updateTime: new Date('2020-01-01T00:00:00Z') })
      .where(inArray(activities.id, [a1, a2, a4]));
    const at = '2020-01-01T00:00:00Z';
    expect(await list({ updated_since: at })).toEqual([a1, a2, a3, a4]);
    expect(await list({ updated_since: '2020-01-01T00:00:01Z' })).toEqual([a3]);
    expect(await list({ updated_until: '2020-01-01T00:00:01Z' })).toEqual([a1, a2, a4]);
    expect(await list({ updated_until: at })).toEqual([]);
    await t.patch(`/api/v2/activities/${a3}`, { subject: 'Touched' });
    expect(await list({ sort_by: 'update_time', sort_direction: 'desc', limit: 1 })).toEqual([a3]);
  });

  it('pages with a cursor in every sort order', async () => {
    const t = await newTenant();
    const dates = ['2024-03-01', null, '2024-01-15', '2024-03-01', null, '2023-12-31', '2024-02-10'];
    const made: number[] = [];
    for (const due of dates) made.push(await add(t, { due_date: due }));

    const first = await t.get('/api/v2/activities', { limit: 3 });
    expect(ids(first)).toEqual(made.slice(0, 3));
    expect(typeof first.body.additional_data.next_cursor).toBe('string');
    expect(await allPages(t, { limit: 3 })).toEqual(made);
    expect(await allPages(t, { limit: 2, sort_direction: 'desc' })).toEqual([...made].reverse());
    expect(await allPages(t, { limit: 2, sort_by: 'add_time' })).toEqual(made);
    expect(await allPages(t, { limit: 4, sort_by: 'update_time', sort_direction: 'desc' })).toEqual(
      [...made].reverse(),
    );

    // due_date: dates ascending, then the undated ones; by id within a date
    const byDue = [made[5], made[2], made[6], made[0], made[3], made[1], made[4]];
    expect(await allPages(t, { sort_by: 'due_date' })).toEqual(byDue);
    for (const limit of [1, 2, 3]) {
      expect(await allPages(t, { sort_by: 'due_date', limit })).toEqual(byDue);
      expect(await allPages(t, { sort_by: 'due_date', sort_direction: 'desc', limit })).toEqual(
        [...byDue].reverse(),
      );
    }
    const last = await t.get('/api/v2/activities', { limit: 7 });
    expect(last.body.additional_data.next_cursor).toBeNull();
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{ limit: '501' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ sort_by: 'due_date', cursor: Buffer.from('{"v":"soon","id":1}').toString('base64url') }, 'cursor'],
      [{ sort_by: 'add_time', cursor: Buffer.from('{"v":"soon","id":1}').toString('base64url') }, 'cursor'],
      [{ done: 'yes' }, 'done'],
      [{ lead_id: 'abc' }, 'lead_id'],
      [{ deal_id: 'abc' }, 'deal_id'],
      [{ owner_id: '-1' }, 'owner_id'],
      [{ ids: '1,x' }, 'ids'],
      [{ sort_by: 'subject' }, 'sort_by'],
      [{ sort_direction: 'up' }, 'sort_direction'],
      [{ updated_since: 'yesterday' }, 'updated_since'],
      [{ include_fields: 'notes' }, 'include_fields'],
    ];
    for (const [q, field] of cases) {
      const res = await t.get('/api/v2/activities', q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});
