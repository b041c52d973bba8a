import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { leads } from './tables.ts';

// Starting the app (and migrating the embedded database) is slow on a busy machine: not a test's time.
beforeAll(async () => {
  await testApp();
}, 60_000);

/** Adds leads with add_time one minute apart (oldest first), so that their order is known. */
async function addLeads(t: Tenant, titles: string[], body: Record<string, unknown> = {}) {
  const personId = (await makePerson(t)).id;
  const out: { id: string; title: string }[] = [];
  const base = Date.UTC(2025, 0, 1);
  for (const [i, title] of titles.entries()) {
    const res = await t.post('/api/v1/leads', { title, person_id: personId, ...body });
    expect(res.status).toBe(201);
    await t.db
      .update(leads)
      .set({ addTime: new Date(base + i * 60_000), updateTime: new Date(base + i * 60_000) })
      .where(eq(leads.id, res.body.data.id));
    out.push({ id: res.body.data.id, title });
  }
  return out;
}

const titles = (res: { body: { data: { title: string }[] } }) => res.body.data.map((l) => l.title);

describe('v1 lead lists', () => {
  it('lists oldest first and pages with start/limit, more_items_in_collection and next_start', async () => {
    const t = await newTenant();
    await addLeads(t, ['a', 'b', 'c', 'd', 'e']);
    const first = await t.get('/api/v1/leads', { limit: 2 });
    expect(titles(first)).toEqual(['a', 'b']);
    expect(first.body.additional_data).toEqual({
      start: 0,
      limit: 2,
      more_items_in_collection: true,
      pagination: { start: 0, limit: 2, more_items_in_collection: true, next_start: 2 },
    });
    const second = await t.get('/api/v1/leads', { start: 2, limit: 2 });
    expect(titles(second)).toEqual(['c', 'd']);
    const last = await t.get('/api/v1/leads', { start: 4, limit: 2 });
    expect(titles(last)).toEqual(['e']);
    expect(last.body.additional_data.pagination).toEqual({
      start: 4,
      limit: 2,
      more_items_in_collection: false,
    });
    const all = await t.get('/v1/leads');
    expect(titles(all)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(all.body.additional_data.limit).toBe(100);
    expect((await t.get('/api/v1/leads', { limit: 100_000 })).body.additional_data.limit).toBe(500);
    expect((await t.get('/api/v1/leads', { start: 50 })).body.data).toEqual([]);
  });

  it('sorts by "field" and "field ASC, field2 DESC", and refuses anything else naming sort', async () => {
    const t = await newTenant();
    const [leadB, , leadC] = await addLeads(t, ['b', 'a', 'c']);
    expect(titles(await t.get('/api/v1/leads', { sort: 'title' }))).toEqual(['a', 'b', 'c']);
    expect(titles(await t.get('/api/v1/leads', { sort: 'title DESC' }))).toEqual(['c', 'b', 'a']);
    expect(titles(await t.get('/api/v1/leads', { sort: 'add_time desc' }))).toEqual(['c', 'a', 'b']);
    await t.patch(`/api/v1/leads/${leadC?.id}`, { was_seen: true });
    await t.patch(`/api/v1/leads/${leadB?.id}`, { was_seen: true });
    expect(titles(await t.get('/api/v1/leads', { sort: 'was_seen DESC, title ASC' }))).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(titles(await t.get('/api/v1/leads', { sort: 'was_seen, add_time DESC' }))).toEqual([
      'a',
      'c',
      'b',
    ]);
    const byId = titles(await t.get('/api/v1/leads', { sort: 'id' }));
    expect(byId).toHaveLength(3);
    for (const sort of [
      'name',
      'title UP',
      'title,',
      '',
      'title; drop table leads',
      'title, title',
      'x'.repeat(600),
    ]) {
      const res = await t.get('/api/v1/leads', { sort });
      expect(res.status, sort).toBe(400);
      expect(res.body.error).toContain('sort');
    }
  });

  it('filters by owner, person, organization and updated_since; accepts filter_id', async () => {
    const t = await newTenant();
    const other = await t.addUser();
    const orgId = (await makeOrganization(t)).id;
    const [mine] = await addLeads(t, ['mine']);
    const personId = (await makePerson(t, { name: 'Other person' })).id;
    const theirs = await t.post('/api/v1/leads', {
      title: 'theirs',
      person_id: personId,
      organization_id: orgId,
      owner_id: other.id,
    });
    expect(titles(await t.get('/api/v1/leads', { owner_id: other.id }))).toEqual(['theirs']);
    expect(titles(await t.get('/api/v1/leads', { person_id: personId }))).toEqual(['theirs']);
    expect(titles(await t.get('/api/v1/leads', { organization_id: orgId }))).toEqual(['theirs']);
    expect(titles(await t.get('/api/v1/leads', { owner_id: t.userId, filter_id: 7 }))).toEqual(['mine']);
    const since = await t.get('/api/v1/leads', { updated_since: '2025-06-01T00:00:00Z' });
    expect(titles(since)).toEqual(['theirs']);
    const exact = await t.get('/api/v1/leads', { updated_since: '2025-01-01T00:00:00.000Z' });
    expect(titles(exact).sort()).toEqual(['mine', 'theirs']);
    for (const [q, field] of [
      [{ owner_id: 'me' }, 'owner_id'],
      [{ person_id: '1.5' }, 'person_id'],
      [{ organization_id: '-1' }, 'organization_id'],
      [{ filter_id: 'x' }, 'filter_id'],
      [{ updated_since: 'yesterday' }, 'updated_since'],
      [{ updated_since: '0000-01-01' }, 'updated_since'],
      [{ start: '-1' }, 'start'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ archived_status: 'deleted' }, 'archived_status'],
    ] as const) {
      const res = await t.get('/api/v1/leads', q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    expect(theirs.status).toBe(201);
    expect(mine).toBeDefined();
  });

  it('keeps archived leads out of /leads and lists them in /leads/archived', async () => {
    const t = await newTenant();
    const [a, b, c] = await addLeads(t, ['a', 'b', 'c']);
    await t.patch(`/api/v1/leads/${b?.id}`, { is_archived: true });
    await t.patch(`/api/v1/leads/${c?.id}`, { is_archived: true });
    await t.del(`/api/v1/leads/${c?.id}`);
    expect(titles(await t.get('/api/v1/leads'))).toEqual(['a']);
    const archived = await t.get('/api/v1/leads/archived');
    expect(archived.status).toBe(200);
    expect(titles(archived)).toEqual(['b']);
    expect(archived.body.data[0].is_archived).toBe(true);
    expect(archived.body.additional_data.more_items_in_collection).toBe(false);
    expect(titles(await t.get('/v1/leads', { archived_status: 'archived' }))).toEqual(['b']);
    expect(titles(await t.get('/v1/leads', { archived_status: 'all' }))).toEqual(['a', 'b']);
    expect(titles(await t.get('/v1/leads', { archived_status: 'not_archived' }))).toEqual(['a']);
    expect(titles(await t.get('/api/v1/leads/archived', { sort: 'title DESC', limit: 1 }))).toEqual(['b']);
    await t.patch(`/api/v1/leads/${b?.id}`, { is_archived: false });
    expect(titles(await t.get('/api/v1/leads'))).toEqual(['a', 'b']);
    expect((await t.get('/api/v1/leads/archived')).body.data).toEqual([]);
    expect(a).toBeDefined();
  });

  it('lists only what the caller may see: other companies never, private leads of others not', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const regular = await a.addUser();
    await addLeads(a, ['shared']);
    await addLeads(a, ['private'], { visible_to: '1' });
    await addLeads(b, ['other company']);
    expect(titles(await a.get('/api/v1/leads')).sort()).toEqual(['private', 'shared']);
    expect(titles(await regular.as.get('/api/v1/leads'))).toEqual(['shared']);
    expect(titles(await b.get('/api/v1/leads'))).toEqual(['other company']);
    expect((await b.get('/api/v1/leads/archived')).body.data).toEqual([]);
  });
});
