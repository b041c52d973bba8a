import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeDeal, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { duplicateDismissals } from './tables.ts';

type Side = { id: number; name: string; open_deals_count: number } & Record<string, unknown>;
type Pair = {
  items: [Side, Side];
  score: number;
  band: string;
  reasons: string[];
  details: { kind: string }[];
};
type Page = { data: Pair[]; additional_data: { next_cursor: string | null } };

async function page(t: Pick<Tenant, 'get'>, query: Record<string, string | number | undefined>) {
  const res = await t.get<Page & { success: boolean }>('/api/ext/duplicates/pairs', {
    kind: 'person',
    ...query,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.success).toBe(true);
  return res.body;
}

/** Every page of the list, walked with `limit`; fails on a page that repeats a pair. */
async function allPairs(t: Pick<Tenant, 'get'>, kind = 'person', limit = 20) {
  const pairs: Pair[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await page(t, { kind, limit, cursor });
    expect(p.data.length).toBeLessThanOrEqual(limit);
    pairs.push(...p.data);
    if (!p.additional_data.next_cursor) return pairs;
    cursor = p.additional_data.next_cursor;
  }
  throw new Error('no end');
}

const key = (p: Pair) => `${p.items[0].id}:${p.items[1].id}`;

describe('GET /api/ext/duplicates/pairs', () => {
  it('lists each pair once, lower id first, strongest first, with both records and the reasons', async () => {
    const t = await newTenant();
    const andrew = await makePerson(t, { name: 'Andrew Renfrey' });
    const unrelated = await makePerson(t, { name: 'Zed Quillon' });
    const anna = await makePerson(t, { name: 'Anna Svensson', emails: [{ value: 'anna@svensson.se' }] });
    const spaced = await makePerson(t, { name: 'Andr ew Renfrey' });
    const anna2 = await makePerson(t, {
      name: 'anna SVENSSON',
      emails: [{ value: 'Anna@Svensson.se' }],
      phones: [{ value: '+46 70 111 22 33' }],
    });
    await makeDeal(t, { title: 'Renfrey roof', person_id: andrew.id });

    const p = await page(t, {});
    expect(p.additional_data.next_cursor).toBeNull();
    expect(p.data.map(key)).toEqual([`${anna.id}:${anna2.id}`, `${andrew.id}:${spaced.id}`]);
    const [strong, weak] = p.data as [Pair, Pair];
    expect(strong).toMatchObject({ band: 'very_likely', reasons: ['name', 'email'] });
    expect(strong.items[1]).toMatchObject({
      name: 'anna SVENSSON',
      emails: ['Anna@Svensson.se'],
      phones: ['+46 70 111 22 33'],
      owner_id: t.userId,
      open_deals_count: 0,
      open_leads_count: 0,
    });
    expect(strong.items[1].owner_name).toEqual(expect.any(String));
    expect(weak).toMatchObject({ band: 'possible', reasons: ['name'] });
    expect(weak.details).toEqual([{ kind: 'name_spacing' }]);
    expect(weak.items[0]).toMatchObject({ id: andrew.id, name: 'Andrew Renfrey', open_deals_count: 1 });
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(JSON.stringify(p.data)).not.toContain(String(unrelated.name));
  });

  it('never shows another company’s records, deleted ones or those hidden from the caller', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const mine = await makePerson(a, { name: 'Maja Ekdahl' });
    const theirs = await makePerson(b, { name: 'Maja Ekdahl' });
    await makePerson(a, { name: 'Maja Ekdahl', deleted: true });
    const user = await a.addUser();
    const secret = await makePerson(a, { name: 'Maja Ekdahl', visible_to: 1 });
    const shared = await makePerson(a, { name: 'Maja Ekdal', visible_to: 3 });

    const admin = (await allPairs(a)).map(key);
    expect(admin.sort()).toEqual(
      [`${mine.id}:${secret.id}`, `${mine.id}:${shared.id}`, `${secret.id}:${shared.id}`].sort(),
    );
    // the other user does not see the admin's private person, in either place of a pair
    expect((await allPairs(user.as)).map(key)).toEqual([`${mine.id}:${shared.id}`]);
    // the other company sees only its own person: no pair at all
    expect(await allPairs(b)).toEqual([]);
    expect(JSON.stringify(await allPairs(a))).not.toContain(`"id":${theirs.id},`);
  });

  it('pages by cursor through every pair once, also inside one record’s candidates', async () => {
    const t = await newTenant();
    const ids: number[] = [];
    // four of the same person: six pairs, three of them the first record's
    for (const name of ['Lovisa Grahn', 'Lovisa Grahn', 'LOVISA GRAHN', 'Grahn, Lovisa'])
      ids.push((await makePerson(t, { name, emails: [{ value: 'lovisa@grahn.se' }] })).id);
    const k1 = (await makePerson(t, { name: 'Kalle Berglund' })).id;
    const k2 = (await makePerson(t, { name: 'Kalle Berglund' })).id;
    await makePerson(t, { name: 'Nobody Alike' });

    const everything = (await allPairs(t, 'person', 100)).map(key);
    expect(everything).toHaveLength(7);
    expect(new Set(everything).size).toBe(7);
    for (const limit of [1, 2, 4]) {
      const paged = (await allPairs(t, 'person', limit)).map(key);
      expect(paged.sort(), `limit ${limit}`).toEqual([...everything].sort());
    }
    expect(everything).toContain(`${k1}:${k2}`);
    expect(everything).toContain(`${ids[0]}:${ids[3]}`);
    // the first page of two: both from the first record, strongest first
    const first = await page(t, { limit: 2 });
    expect(first.data.map((p) => p.items[0].id)).toEqual([ids[0], ids[0]]);
    expect(first.additional_data.next_cursor).toEqual(expect.any(String));
  });

  it('lists organizations that share a name without their legal form', async () => {
    const t = await newTenant();
    const a = await makeOrganization(t, { name: 'Acme AB', address: { value: 'Storgatan 1, Lund' } });
    const b = await makeOrganization(t, { name: 'ACME Ltd', address: { value: 'Storgatan 1, Lund' } });
    await makeOrganization(t, { name: 'Beta AB' });
    const pairs = await allPairs(t, 'organization');
    expect(pairs.map(key)).toEqual([`${a.id}:${b.id}`]);
    expect(pairs[0]).toMatchObject({ band: 'very_likely', reasons: ['name', 'address'] });
    expect(pairs[0]?.items[0]).toMatchObject({ address: 'Storgatan 1, Lund', emails: [], phones: [] });
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{}, 'kind'],
      [{ kind: 'deal' }, 'kind'],
      [{ kind: 'person', limit: '0' }, 'limit'],
      [{ kind: 'person', limit: '101' }, 'limit'],
      [{ kind: 'person', limit: 'ten' }, 'limit'],
      [{ kind: 'person', cursor: 'not-a-cursor' }, 'cursor'],
      [{ kind: 'person', cursor: Buffer.from('{"r":-1}').toString('base64url') }, 'cursor'],
      [{ kind: 'person', cursor: Buffer.from('{"r":5,"s":2,"c":7}').toString('base64url') }, 'cursor'],
      [{ kind: 'person', cursor: 'x'.repeat(600) }, 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/ext/duplicates/pairs', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(query)).toContain(field);
    }
  });
});

describe('POST /api/ext/duplicates/pairs/dismiss', () => {
  const eventsOf = (t: Tenant) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'duplicate_dismissal')));

  it('leaves the pair out of the list and of both records’ look-ups, once, with its event', async () => {
    const t = await newTenant();
    const a = await makePerson(t, { name: 'Olle Sandberg' });
    const b = await makePerson(t, { name: 'Olle Sandberg' });
    const c = await makePerson(t, { name: 'Olle Sandbergh' });
    expect((await allPairs(t)).map(key)).toHaveLength(3);

    const res = await t.post('/api/ext/duplicates/pairs/dismiss', { kind: 'person', ids: [b.id, a.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ success: true, data: { kind: 'person', ids: [a.id, b.id] } });
    expect((await allPairs(t)).map(key).sort()).toEqual([`${a.id}:${c.id}`, `${b.id}:${c.id}`].sort());
    for (const [id, other] of [
      [a.id, b.id],
      [b.id, a.id],
    ] as const) {
      const look = await t.get('/api/ext/duplicates', { item_type: 'person', id });
      const found = look.body.data.map((d: { item: { id: number } }) => d.item.id);
      expect(found).toContain(c.id);
      expect(found).not.toContain(other);
    }
    // a new person's look-up still warns of both
    const typed = await t.get('/api/ext/duplicates', { item_type: 'person', name: 'Olle Sandberg' });
    expect(typed.body.data.map((d: { item: { id: number } }) => d.item.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );

    const again = await t.post('/api/ext/duplicates/pairs/dismiss', { kind: 'person', ids: [a.id, b.id] });
    expect(again.status).toBe(200);
    const events = await eventsOf(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', actorUserId: t.userId });
    // organizations are their own kind: the same ids there are another pair
    const o1 = await makeOrganization(t, { name: 'Sandberg AB' });
    const o2 = await makeOrganization(t, { name: 'Sandberg Ltd' });
    expect((await allPairs(t, 'organization')).map(key)).toEqual([`${o1.id}:${o2.id}`]);
    expect(
      (await t.post('/api/ext/duplicates/pairs/dismiss', { kind: 'organization', ids: [o1.id, o2.id] }))
        .status,
    ).toBe(200);
    expect(await allPairs(t, 'organization')).toEqual([]);
  });

  it('refuses bad input and records it cannot see, writing nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const a = await makePerson(t, { name: 'Eva Lund' });
    const b = await makePerson(t, { name: 'Eva Lund' });
    const foreign = await makePerson(other, { name: 'Eva Lund' });
    const gone = await makePerson(t, { name: 'Eva Lund', deleted: true });
    const user = await t.addUser();
    const secret = await makePerson(t, { name: 'Eva Lund', visible_to: 1 });
    const org = await makeOrganization(t, { name: 'Eva Lund AB' });
    const bad: [unknown, string][] = [
      [{ ids: [a.id, b.id] }, 'kind'],
      [{ kind: 'deal', ids: [a.id, b.id] }, 'kind'],
      [{ kind: 'person' }, 'ids'],
      [{ kind: 'person', ids: [a.id] }, 'ids'],
      [{ kind: 'person', ids: [a.id, b.id, secret.id] }, 'ids'],
      [{ kind: 'person', ids: [a.id, a.id] }, 'ids'],
      [{ kind: 'person', ids: [String(a.id), String(b.id)] }, 'ids'],
      [{ kind: 'person', ids: [a.id, -3] }, 'ids'],
      [{ kind: 'person', ids: 'a,b' }, 'ids'],
    ];
    for (const [body, field] of bad) {
      const res = await t.post('/api/ext/duplicates/pairs/dismiss', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    const unseen: [Tenant, unknown][] = [
      [t, { kind: 'person', ids: [a.id, foreign.id] }],
      [t, { kind: 'person', ids: [a.id, gone.id] }],
      [t, { kind: 'person', ids: [a.id, 999_999_999] }],
      [t, { kind: 'organization', ids: [org.id, 999_999_999] }],
      [user.as, { kind: 'person', ids: [a.id, secret.id] }],
    ];
    for (const [who, body] of unseen) {
      const res = await who.post('/api/ext/duplicates/pairs/dismiss', body);
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.body.success).toBe(false);
    }
    const rows = await t.db
      .select()
      .from(duplicateDismissals)
      .where(eq(duplicateDismissals.companyId, t.companyId));
    expect(rows).toEqual([]);
    expect(await eventsOf(t)).toEqual([]);
  });
});
