import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeField } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { Organization, Person } from './schema.ts';
import { organizations, persons } from './tables.ts';

const CF = 'd4de1c1518b4531717c676029a45911c340390a6';
const CF2 = '0123456789abcdef0123456789abcdef01234567';

const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((x) => x.id);

/** Every page of a list, following next_cursor. */
async function allPages(t: Tenant, path: string, query: Record<string, string | number>) {
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: any } = await t.get(path, { ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    seen.push(...ids(res));
    cursor = res.body.additional_data.next_cursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { seen, pages };
}

// The first use of the worker's database migrates it: not part of any test's time.
beforeAll(() => testApp());

describe('v2 persons list', () => {
  it('filters by owner, organization, deal and ids, and never lists deleted persons', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const org = (await t.post('/api/v2/organizations', { name: 'Acme' })).body.data;
    const a = (await t.post('/api/v2/persons', { name: 'A', org_id: org.id })).body.data;
    const b = (await t.post('/api/v2/persons', { name: 'B', owner_id: user.id })).body.data;
    const c = (await t.post('/api/v2/persons', { name: 'C', org_id: org.id, owner_id: user.id })).body.data;
    const gone = (await t.post('/api/v2/persons', { name: 'D', org_id: org.id })).body.data;
    await t.del(`/api/v2/persons/${gone.id}`);
    const deal = (await makeDeal(t, { title: 'Deal', person_id: b.id })).id;

    const all = await t.get('/api/v2/persons');
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual([a.id, b.id, c.id]);
    for (const p of all.body.data) Person.parse(p);
    expect(all.body.additional_data).toEqual({ next_cursor: null });
    expect(ids(await t.get('/api/v2/persons', { owner_id: user.id }))).toEqual([b.id, c.id]);
    expect(ids(await t.get('/api/v2/persons', { org_id: org.id }))).toEqual([a.id, c.id]);
    expect(ids(await t.get('/api/v2/persons', { org_id: org.id, owner_id: user.id }))).toEqual([c.id]);
    expect(ids(await t.get('/api/v2/persons', { deal_id: deal }))).toEqual([b.id]);
    expect(ids(await t.get('/api/v2/persons', { deal_id: 999_999_999 }))).toEqual([]);
    expect(ids(await t.get('/api/v2/persons', { ids: `${c.id}, ${a.id},${gone.id},999999999` }))).toEqual([
      a.id,
      c.id,
    ]);
    // filter_id is accepted (saved filters do not exist yet) and other filters still apply
    expect(ids(await t.get('/api/v2/persons', { filter_id: 12, owner_id: user.id }))).toEqual([b.id, c.id]);
    // the other optional params are accepted
    const opts = await t.get('/api/v2/persons', {
      include_fields: 'open_deals_count,marketing_status',
      include_option_labels: true,
      include_labels: false,
    });
    expect(opts.status).toBe(200);
  });

  it('returns only the asked custom fields', async () => {
    const t = await newTenant();
    await makeField(t, 'person', { key: CF, name: 'Score', field_type: 'double' });
    await makeField(t, 'person', { key: CF2, name: 'Colour', field_type: 'varchar' });
    const p = (await t.post('/api/v2/persons', { name: 'A', custom_fields: { [CF]: 1, [CF2]: 'two' } })).body
      .data;
    const one = await t.get(`/api/v2/persons/${p.id}`, { custom_fields: CF2 });
    expect(one.body.data.custom_fields).toEqual({ [CF2]: 'two' });
    const list = await t.get('/api/v2/persons', { custom_fields: `${CF},${'f'.repeat(40)}` });
    expect(list.body.data[0].custom_fields).toEqual({ [CF]: 1 });
    expect((await t.get(`/api/v2/persons/${p.id}`)).body.data.custom_fields).toEqual({
      [CF]: 1,
      [CF2]: 'two',
    });
  });

  it('refuses bad query parameters with a 400 naming them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ ids: 'abc' }, 'ids'],
      [{ ids: Array.from({ length: 101 }, (_, i) => i + 1).join(',') }, 'ids'],
      [{ owner_id: '-1' }, 'owner_id'],
      [{ org_id: '1.5' }, 'org_id'],
      [{ deal_id: 'x' }, 'deal_id'],
      [{ filter_id: 'abc' }, 'filter_id'],
      [{ updated_since: 'yesterday' }, 'updated_since'],
      [{ updated_until: '2024-13-45T00:00:00Z' }, 'updated_until'],
      [{ sort_by: 'name' }, 'sort_by'],
      [{ sort_direction: 'up' }, 'sort_direction'],
      [{ include_labels: 'yes' }, 'include_labels'],
      [{ custom_fields: Array(16).fill(CF).join(',') }, 'custom_fields'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify({ v: 1, id: 'abc' })).toString('base64url') }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify({ v: 1, id: 1e300 })).toString('base64url') }, 'cursor'],
      [
        {
          sort_by: 'update_time',
          cursor: Buffer.from(JSON.stringify({ v: 'never', id: 1 })).toString('base64url'),
        },
        'cursor',
      ],
    ];
    for (const [query, param] of cases) {
      for (const path of ['/api/v2/persons', '/api/v2/organizations']) {
        if (path.endsWith('organizations') && ['org_id', 'deal_id'].includes(param)) continue;
        const res = await t.get(path, query);
        expect(res.status, `${path} ${JSON.stringify(query)}`).toBe(400);
        expect(res.body.error).toContain(param);
      }
    }
  });

  it('filters on update time: since inclusive, until exclusive', async () => {
    const t = await newTenant();
    const made: number[] = [];
    for (const [i, when] of [
      '2024-01-01T00:00:00Z',
      '2024-02-01T00:00:00Z',
      '2024-03-01T00:00:00Z',
    ].entries()) {
      const p = (await t.post('/api/v2/persons', { name: `P${i}` })).body.data;
      const o = (await t.post('/api/v2/organizations', { name: `O${i}` })).body.data;
      await t.db
        .update(persons)
        .set({ updateTime: new Date(when) })
        .where(eq(persons.id, p.id));
      await t.db
        .update(organizations)
        .set({ updateTime: new Date(when) })
        .where(and(eq(organizations.id, o.id), eq(organizations.companyId, t.companyId)));
      made.push(p.id);
    }
    const q = { updated_since: '2024-02-01T00:00:00Z', updated_until: '2024-03-01T00:00:00Z' };
    expect(ids(await t.get('/api/v2/persons', q))).toEqual([made[1]]);
    expect((await t.get('/api/v2/organizations', q)).body.data.map((o: { name: string }) => o.name)).toEqual([
      'O1',
    ]);
    expect(ids(await t.get('/api/v2/persons', { updated_since: '2024-02-01T00:00:00Z' }))).toEqual([
      made[1],
      made[2],
    ]);
    expect(ids(await t.get('/api/v2/persons', { updated_until: '2024-02-01T00:00:00+00:00' }))).toEqual([
      made[0],
    ]);
  });

  it('sorts by id, add_time and update_time in both directions and pages with a cursor', async () => {
    const t = await newTenant();
    const made: { id: number; add: string }[] = [];
    // add times out of id order, two of them equal to exercise the id tie-break
    const addTimes = [
      '2024-05-01 10:00:00',
      '2024-01-01 10:00:00',
      '2024-03-01 10:00:00',
      '2024-03-01 10:00:00',
    ];
    for (const [i, add] of [...addTimes, '2024-02-01 10:00:00'].entries()) {
      const p = (await t.post('/api/v2/persons', { name: `P${i}`, add_time: add })).body.data;
      made.push({ id: p.id, add });
    }
    const byId = made.map((m) => m.id);
    const byAdd = [...made]
      .sort((x, y) => (x.add === y.add ? x.id - y.id : x.add < y.add ? -1 : 1))
      .map((m) => m.id);

    const first = await t.get('/api/v2/persons', { limit: 2 });
    expect(ids(first)).toEqual(byId.slice(0, 2));
    expect(typeof first.body.additional_data.next_cursor).toBe('string');
    expect((await allPages(t, '/api/v2/persons', { limit: 2 })).seen).toEqual(byId);
    const desc = await allPages(t, '/api/v2/persons', { limit: 2, sort_direction: 'desc' });
    expect(desc).toEqual({ seen: [...byId].reverse(), pages: 3 });
    expect((await allPages(t, '/api/v2/persons', { limit: 2, sort_by: 'add_time' })).seen).toEqual(byAdd);
    expect(
      (await allPages(t, '/api/v2/persons', { limit: 3, sort_by: 'add_time', sort_direction: 'desc' })).seen,
    ).toEqual([...byAdd].reverse());

    // update_time: touch them in a known order
    const order = [byId[3], byId[0], byId[4], byId[2], byId[1]] as number[];
    for (const [i, id] of order.entries()) {
      await t.db
        .update(persons)
        .set({ updateTime: new Date(Date.UTC(2024, 6, 1, 0, 0, i)) })
        .where(eq(persons.id, id));
    }
    expect((await allPages(t, '/api/v2/persons', { limit: 2, sort_by: 'update_time' })).seen).toEqual(order);
    expect(
      (await allPages(t, '/api/v2/persons', { limit: 4, sort_by: 'update_time', sort_direction: 'desc' }))
        .seen,
    ).toEqual([...order].reverse());
    // exactly a full last page ends with a null cursor
    const exact = await t.get('/api/v2/persons', { limit: 5 });
    expect(exact.body.data).toHaveLength(5);
    expect(exact.body.additional_data.next_cursor).toBeNull();
  });
});

describe('v2 organizations list', () => {
  it('filters, sorts and pages organizations of the caller only', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const made: number[] = [];
    for (let i = 0; i < 5; i++) {
      const o = await t.post('/api/v2/organizations', {
        name: `Org ${i}`,
        owner_id: i % 2 ? user.id : t.userId,
      });
      made.push(o.body.data.id);
    }
    await other.post('/api/v2/organizations', { name: 'Foreign' });
    const hidden = (await t.post('/api/v2/organizations', { name: 'Hidden', visible_to: 1 })).body.data;
    await t.del(`/api/v2/organizations/${made[4]}`);
    const live = [...made.slice(0, 4), hidden.id];

    const all = await t.get('/api/v2/organizations');
    expect(ids(all)).toEqual(live);
    for (const o of all.body.data) Organization.parse(o);
    expect(ids(await t.get('/api/v2/organizations', { owner_id: user.id }))).toEqual([made[1], made[3]]);
    expect(ids(await t.get('/api/v2/organizations', { ids: `${made[2]},${made[4]},${made[0]}` }))).toEqual([
      made[0],
      made[2],
    ]);
    expect((await allPages(t, '/api/v2/organizations', { limit: 2, sort_direction: 'desc' })).seen).toEqual(
      [...live].reverse(),
    );
    expect((await allPages(t, '/api/v2/organizations', { limit: 2, sort_by: 'add_time' })).seen).toEqual(
      live,
    );
    expect((await allPages(t, '/api/v2/organizations', { limit: 1, sort_by: 'update_time' })).pages).toBe(5);
    // a non-admin does not see the visible_to=1 organization of the admin
    expect(ids(await user.as.get('/api/v2/organizations'))).toEqual(made.slice(0, 4));
    expect(ids(await other.get('/api/v2/organizations', { ids: made.join(',') }))).toEqual([]);
  });
});
