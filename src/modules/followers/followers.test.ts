import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeFollower, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { mergePersons } from '../contacts/merge.ts';
import { personFollowers } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

const KINDS = [
  { kind: 'deal', path: 'deals', key: 'deal_id' },
  { kind: 'person', path: 'persons', key: 'person_id' },
  { kind: 'organization', path: 'organizations', key: 'org_id' },
  { kind: 'product', path: 'products', key: 'product_id' },
] as const;

describe.each(KINDS)('followers of $path', ({ kind, path, key }) => {
  async function item(t: Awaited<ReturnType<typeof newTenant>>, visible_to?: 1 | 3) {
    const o = visible_to ? { visible_to } : {};
    if (kind === 'deal') return (await makeDeal(t, o)).id;
    if (kind === 'person') return (await makePerson(t, o)).id;
    if (kind === 'product')
      return (await t.post('/api/v2/products', { name: 'Follow me', ...o })).body.data.id;
    return (await makeOrganization(t, o)).id;
  }

  it('v2: adds, lists, removes by user id, and tells the changelog', async () => {
    const t = await newTenant();
    const id = await item(t);
    const user = await t.addUser();
    const added = await t.post(`/api/v2/${path}/${id}/followers`, { user_id: user.id });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.data).toEqual({ user_id: user.id, add_time: expect.stringMatching(/Z$/) });
    await t.post(`/api/v2/${path}/${id}/followers`, { user_id: t.userId });
    const again = await t.post(`/api/v2/${path}/${id}/followers`, { user_id: user.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('user_id');

    const list = await t.get(`/api/v2/${path}/${id}/followers`, { limit: 1 });
    expect(list.body.data.map((f: { user_id: number }) => f.user_id)).toEqual([user.id]);
    const next = await t.get(`/api/v2/${path}/${id}/followers`, {
      cursor: list.body.additional_data.next_cursor,
    });
    expect(next.body.data.map((f: { user_id: number }) => f.user_id)).toEqual([t.userId]);
    expect(next.body.additional_data.next_cursor).toBeNull();

    const gone = await t.del(`/api/v2/${path}/${id}/followers/${user.id}`);
    expect(gone.body).toEqual({ success: true, data: { user_id: user.id } });
    expect((await t.del(`/api/v2/${path}/${id}/followers/${user.id}`)).status).toBe(404);

    const log = await t.get(`/api/v2/${path}/${id}/followers/changelog`);
    expect(log.status).toBe(200);
    expect(log.body.data).toEqual([
      { action: 'removed', actor_user_id: t.userId, follower_user_id: user.id, time: expect.any(String) },
      { action: 'added', actor_user_id: t.userId, follower_user_id: t.userId, time: expect.any(String) },
      { action: 'added', actor_user_id: t.userId, follower_user_id: user.id, time: expect.any(String) },
    ]);
  });

  it('v1: relation ids, the item under its own key', async () => {
    const t = await newTenant();
    const id = await item(t);
    const added = await t.post(`/api/v1/${path}/${id}/followers`, { user_id: t.userId });
    expect(added.status).toBe(200);
    expect(added.body.data).toEqual({
      id: expect.any(Number),
      user_id: t.userId,
      [key]: id,
      add_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    const list = await t.get(`/api/v1/${path}/${id}/followers`);
    expect(list.body.data).toEqual([added.body.data]);
    expect(list.body.additional_data).toMatchObject({ start: 0, more_items_in_collection: false });
    const gone = await t.del(`/api/v1/${path}/${id}/followers/${added.body.data.id}`);
    expect(gone.body).toEqual({ success: true, data: { id: added.body.data.id } });
    expect((await t.get(`/api/v1/${path}/${id}/followers`)).body.data).toEqual([]);
  });

  it('following grants visibility; unfollowing takes it back', async () => {
    const t = await newTenant();
    const id = await item(t, 1);
    const user = await t.addUser();
    const get = () => user.as.get(`/api/v2/${path}/${id}`);
    expect((await get()).status).toBe(404);
    // a user cannot follow what they cannot see
    expect((await user.as.post(`/api/v2/${path}/${id}/followers`, { user_id: user.id })).status).toBe(404);
    await t.post(`/api/v2/${path}/${id}/followers`, { user_id: user.id });
    expect((await get()).status).toBe(200);
    const list = await user.as.get(`/api/v2/${path}`);
    expect(list.body.data.map((r: { id: number }) => r.id)).toContain(id);
    // a follower of another item sees nothing more
    const other = await item(t, 1);
    expect((await user.as.get(`/api/v2/${path}/${other}`)).status).toBe(404);
    // following a hidden item of one company grants nothing in another
    await t.del(`/api/v2/${path}/${id}/followers/${user.id}`);
    expect((await get()).status).toBe(404);
    expect((await user.as.get(`/api/v2/${path}`)).body.data.map((r: { id: number }) => r.id)).not.toContain(
      id,
    );
  });

  it("only an admin or the owner changes other users' follows; bad input names the field", async () => {
    const t = await newTenant();
    const id = await item(t);
    const a = await t.addUser();
    const b = await t.addUser();
    const res = await a.as.post(`/api/v2/${path}/${id}/followers`, { user_id: b.id });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('user_id');
    expect((await a.as.post(`/api/v2/${path}/${id}/followers`, { user_id: a.id })).status).toBe(200);
    await t.post(`/api/v2/${path}/${id}/followers`, { user_id: b.id });
    expect((await a.as.del(`/api/v2/${path}/${id}/followers/${b.id}`)).status).toBe(403);
    for (const body of [{}, { user_id: 'x' }, { user_id: 999999999 }]) {
      const bad = await t.post(`/api/v2/${path}/${id}/followers`, body);
      expect(bad.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(bad.body.error).toContain('user_id');
    }
    expect((await t.get(`/api/v2/${path}/999999999/followers`)).status).toBe(404);
  });
});

describe('followers and merges', () => {
  it('a merge keeps one follow per user on the surviving person', async () => {
    const t = await newTenant();
    const keep = await makePerson(t, { name: 'Keep' });
    const gone = await makePerson(t, { name: 'Gone' });
    const u = await t.addUser();
    await makeFollower(t, 'person', keep.id, t.userId);
    await makeFollower(t, 'person', gone.id, t.userId);
    await makeFollower(t, 'person', gone.id, u.id);
    await mergePersons(t.ctx, gone.id, keep.id);
    const rows = await t.db
      .select()
      .from(personFollowers)
      .where(and(eq(personFollowers.companyId, t.companyId)));
    expect(rows.map((r) => [r.personId, r.userId]).sort()).toEqual(
      [
        [keep.id, t.userId],
        [keep.id, u.id],
      ].sort(),
    );
  });
});
