import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeDeal, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';

type Hit = { item: { id: number; name: string } & Record<string, unknown>; score: number; reasons: string[] };

async function dupes(t: Pick<Tenant, 'get'>, query: Record<string, string | number>) {
  const res = await t.get('/api/ext/duplicates', { item_type: 'person', ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.success).toBe(true);
  return res.body.data as Hit[];
}

const ids = (hits: Hit[]) => hits.map((h) => h.item.id);

describe('person duplicates: awkward data', () => {
  it('matches e-mails whatever their case and whitespace', async () => {
    const t = await newTenant();
    const p = (
      await makePerson(t, { name: 'Anna Svensson', emails: [{ value: 'Anna.Svensson@Example.COM' }] })
    ).id;
    await makePerson(t, { name: 'Someone Else', emails: [{ value: 'anna.svensson@example.org' }] });
    const hits = await dupes(t, { email: '  anna.svensson@EXAMPLE.com ' });
    expect(ids(hits)).toEqual([p]);
    expect(hits[0]).toMatchObject({ score: 0.7, reasons: ['email'] });
    const named = await dupes(t, { name: 'ANNA  svensson', email: 'anna.svensson@example.com' });
    expect(named[0]).toMatchObject({ reasons: ['name', 'email'] });
    expect(named[0]!.score).toBeGreaterThanOrEqual(0.9);
  });

  it('matches names across accents, apostrophes, punctuation and word order', async () => {
    const t = await newTenant();
    const obrien = (await makePerson(t, { name: 'Seán O’Brien' })).id;
    const oberg = (await makePerson(t, { name: 'Åsa Öberg' })).id;
    const wang = (await makePerson(t, { name: '王小明' })).id;
    const smith = (await makePerson(t, { name: 'Anna Smith-Jones' })).id;
    for (const name of ['Sean OBrien', "O'Brien, Sean", 'o`brien sean', 'SEAN O´BRIEN']) {
      const hits = await dupes(t, { name });
      expect(ids(hits), name).toEqual([obrien]);
      expect(hits[0]!.reasons).toEqual(['name']);
      expect(hits[0]!.score).toBeGreaterThanOrEqual(0.3);
      expect(hits[0]!.score).toBeLessThanOrEqual(0.5);
    }
    expect(ids(await dupes(t, { name: 'Oberg Asa' }))).toEqual([oberg]);
    expect(ids(await dupes(t, { name: '王小明' }))).toEqual([wang]);
    expect(ids(await dupes(t, { name: 'smithjones, anna' }))).toEqual([smith]);
    // a letter short of O'Brien: a similar name, shown as possible, below the same name
    const brien = await dupes(t, { name: 'Sean Brien' });
    expect(ids(brien)).toEqual([obrien]);
    expect(brien[0]).toMatchObject({ band: 'possible', reasons: ['name'] });
    expect(brien[0]!.score).toBeLessThan(0.35);
    expect(await dupes(t, { name: 'Sean Smith' })).toEqual([]);
    // a name with no letters or digits matches nothing
    expect(await dupes(t, { name: '---' })).toEqual([]);
  });

  it('finds a person by a misspelling of the name it was renamed to (name_folded and name_blocks follow)', async () => {
    const t = await newTenant();
    const p = (await makePerson(t, { name: 'Anna Svensson' })).id;
    const before = await dupes(t, { name: 'Marta Kjelberg' });
    expect(ids(before)).toEqual([]);
    const renamed = await t.patch(`/api/v2/persons/${p}`, { name: 'Märta Kjellberg' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    // not the same folded name: only the blocking keys of the new name (a letter left out) find it
    const hits = await dupes(t, { name: 'Marta Kjelberg' });
    expect(ids(hits)).toEqual([p]);
    expect(hits[0]).toMatchObject({ band: 'possible', reasons: ['name'] });
    expect(ids(await dupes(t, { name: 'Märta Kjellbreg' }))).toEqual([p]);
    expect(await dupes(t, { name: 'Anna Svenson' })).toEqual([]);
    const stored = await t.db.execute(sql`SELECT name_folded, name_blocks FROM persons WHERE id = ${p}`);
    const row = (stored as unknown as { rows: { name_folded: string; name_blocks: string[] }[] }).rows[0];
    expect(row?.name_folded).toBe('marta kjellberg');
    expect(row?.name_blocks).toContain('kjellberg');
    expect(row?.name_blocks).toContain('kjelberg');
    expect(row?.name_blocks).toContain('martakjellberg');
    expect(row?.name_blocks).not.toContain('svensson');
  });

  it('a merge keeps the survivor’s keys: found by a typo of its name, the merged name no longer', async () => {
    const t = await newTenant();
    const loser = (await makePerson(t, { name: 'Annika Lindqvist' })).id;
    const survivor = (await makePerson(t, { name: 'Bertil Håkansson' })).id;
    // a row stored before the keys were kept: the merge writes them
    await t.db.execute(sql`UPDATE persons SET name_blocks = NULL WHERE id = ${survivor}`);
    expect(await dupes(t, { name: 'Bertil Hakanson' })).toEqual([]);
    const res = await t.put(`/api/v1/persons/${loser}/merge`, { merge_with_id: survivor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ids(await dupes(t, { name: 'Bertil Hakanson' }))).toEqual([survivor]);
    expect(ids(await dupes(t, { name: 'Bretil Håkansson' }))).toEqual([survivor]);
    expect(await dupes(t, { name: 'Annika Lindqvst' })).toEqual([]);
    const stored = await t.db.execute(
      sql`SELECT name_blocks = f_name_blocks(name) AS same FROM persons WHERE id = ${survivor}`,
    );
    expect((stored as unknown as { rows: { same: boolean }[] }).rows[0]?.same).toBe(true);
  });

  it('finds names with a stray space either side, and a typo in each part', async () => {
    const t = await newTenant();
    const andrew = (await makePerson(t, { name: 'Andrew Renfrey' })).id;
    const split = (await makePerson(t, { name: 'Mari Ann Lund' })).id;
    expect(ids(await dupes(t, { name: 'Andr ew Renfrey' }))).toEqual([andrew]);
    expect(ids(await dupes(t, { name: 'Andrwe Renfery' }))).toEqual([andrew]);
    expect(ids(await dupes(t, { name: 'Renfrey' }))).toEqual([andrew]);
    expect(ids(await dupes(t, { name: 'Mariann Lund' }))).toEqual([split]);
  });

  it('finds a typo among a thousand namesakes: a given name and surname together, not the surname alone', async () => {
    const t = await newTenant();
    const given = ['Anna', 'Bo', 'Carl', 'Dora', 'Erik', 'Fia', 'Gustav', 'Hedda', 'Ivar', 'Jonna'];
    // 1,500 Janssons (more than a branch reads, BLOCK_CAP) and one Ulrika among them
    await t.db.execute(sql`
      INSERT INTO persons (company_id, name, name_key, name_folded, name_blocks, owner_id, visible_to)
      SELECT ${t.companyId}, n, lower(n), lower(n), f_name_blocks(n), ${t.userId}, 3
      FROM (SELECT (${sql.param(given)}::text[])[1 + g % 10] || ' ' || chr(65 + g % 26) || '. Jansson' AS n
            FROM generate_series(1, 1500) g) s`);
    const ulrika = (await makePerson(t, { name: 'Ulrika Jansson' })).id;
    expect(ids(await dupes(t, { name: 'Ulrika Janson' }))).toEqual([ulrika]);
    expect(ids(await dupes(t, { name: 'Ulirka Jansson' }))).toEqual([ulrika]);
    // the surname alone: some of its namesakes, at most the look-up's page (DUPLICATES_LIMIT)
    const surname = await dupes(t, { name: 'Jansson' });
    expect(surname.length).toBeGreaterThan(0);
    expect(surname.length).toBeLessThanOrEqual(20);
  });

  it('matches word order of two-letter names (Brien O / O Brien)', async () => {
    const t = await newTenant();
    const p = (await makePerson(t, { name: 'Brien O' })).id;
    expect(ids(await dupes(t, { name: 'O Brien' }))).toEqual([p]);
  });

  it('matches +46 and 0 prefixes: national forms are read in the country', async () => {
    const t = await newTenant();
    const intl = (await makePerson(t, { name: 'Intl Number', phones: [{ value: '+46 70 123 45 67' }] })).id;
    const national = (await makePerson(t, { name: 'National Number', phones: [{ value: '070-123 45 67' }] }))
      .id;
    const other = (await makePerson(t, { name: 'Other Number', phones: [{ value: '+46 70 765 43 21' }] })).id;
    const both = [intl, national].sort((a, b) => a - b);
    // an international form finds both spellings, with or without a country
    expect(ids(await dupes(t, { phone: '+46701234567' })).sort((a, b) => a - b)).toEqual(both);
    expect(ids(await dupes(t, { phone: '0046 70 123 45 67' })).sort((a, b) => a - b)).toEqual(both);
    // a national form needs the country (the caller's locale, en_US, reads it as a US number)
    expect(ids(await dupes(t, { phone: '070 123 45 67', country: 'se' })).sort((a, b) => a - b)).toEqual(
      both,
    );
    expect(ids(await dupes(t, { phone: '070 123 45 67' }))).toEqual([national]);
    const hit = (await dupes(t, { phone: '+46 70 765 43 21' }))[0];
    expect(hit).toMatchObject({ item: { id: other }, score: 0.65, reasons: ['phone'] });
  });

  it('orders by band: the rule, then e-mail or phone alone, then the name alone', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Initech' })).id;
    const nameOnly = (await makePerson(t, { name: 'John Smith' })).id;
    const emailOnly = (
      await makePerson(t, { name: 'Johnny Smyth', emails: [{ value: 'john@initech.test' }] })
    ).id;
    const nameOrg = (await makePerson(t, { name: 'john smith', org_id: org })).id;
    const all = (
      await makePerson(t, { name: 'Smith, John', org_id: org, emails: [{ value: 'JOHN@initech.test' }] })
    ).id;
    const hits = await dupes(t, { name: 'John Smith', email: 'john@initech.test', org_id: org });
    expect(ids(hits)).toEqual([all, nameOrg, emailOnly, nameOnly]);
    expect(hits.map((h) => h.reasons)).toEqual([
      ['name', 'email', 'organization'],
      ['name', 'organization'],
      ['email'],
      ['name'],
    ]);
    const scores = hits.map((h) => h.score);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThanOrEqual(0.9);
    expect(scores[2]).toBeGreaterThan(0.6);
    expect(scores[2]).toBeLessThan(0.9);
    expect(scores[3]).toBeLessThanOrEqual(0.5);
  });

  it("uses an existing person's name, e-mails, phones and organization, never itself", async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Globex' })).id;
    const me = (
      await makePerson(t, {
        name: 'Hank Scorpio',
        org_id: org,
        emails: [{ value: 'hank@globex.test' }, { value: 'h.scorpio@home.test', label: 'home' }],
        phones: [{ value: '+1 555 0100 200' }],
      })
    ).id;
    const byHome = (await makePerson(t, { name: 'H. Scorpio', emails: [{ value: 'H.Scorpio@home.test' }] }))
      .id;
    const byPhone = (await makePerson(t, { name: 'Scorpio Hank', phones: [{ value: '+15550100200' }] })).id;
    const hits = await dupes(t, { id: me });
    expect(ids(hits)).toEqual([byPhone, byHome]);
    expect(hits[0]!.reasons).toEqual(['name', 'phone']);
  });

  it('shows owner, organization and open deals for the duplicate dialog', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Umbrella' })).id;
    const p = (await makePerson(t, { name: 'Alice Abernathy', org_id: org })).id;
    await makeDeal(t, { person_id: p });
    await makeDeal(t, { person_id: p });
    await makeDeal(t, { person_id: p, status: 'won' });
    await makeDeal(t, { person_id: p, is_deleted: true });
    const [hit] = await dupes(t, { name: 'alice abernathy' });
    expect(hit!.item).toMatchObject({
      id: p,
      name: 'Alice Abernathy',
      org_id: org,
      organization_name: 'Umbrella',
      open_deals_count: 2,
      emails: [],
      phones: [],
    });
    expect(typeof hit!.item.owner_name).toBe('string');
    expect(hit!.item.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('person duplicates: scope and visibility', () => {
  it("never shows another company's, deleted or invisible persons", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await makePerson(b, { name: 'Shared Name', emails: [{ value: 'shared@example.test' }] });
    const gone = (await makePerson(a, { name: 'Shared Name', emails: [{ value: 'shared@example.test' }] }))
      .id;
    expect((await a.del(`/api/v2/persons/${gone}`)).status).toBe(200);
    expect(await dupes(a, { name: 'Shared Name', email: 'shared@example.test' })).toEqual([]);

    const user = await a.addUser();
    const secret = (await makePerson(a, { name: 'Private Person', visible_to: 1 })).id;
    const mine = (await makePerson(user.as, { name: 'Private Person', visible_to: 1 })).id;
    const open = (await makePerson(a, { name: 'Private Person', visible_to: 3 })).id;
    expect(ids(await dupes(user.as, { name: 'private person' }))).toEqual([mine, open]);
    expect(ids(await dupes(a, { name: 'private person' }))).toEqual([secret, mine, open]);
    expect((await user.as.get('/api/ext/duplicates', { item_type: 'person', id: secret })).status).toBe(404);
    // b cannot look a's persons up by id either
    const res = await b.get('/api/ext/duplicates', { item_type: 'person', id: open });
    expect(res.status).toBe(404);
    expect(res.body.error).toContain('id');
  });
});

describe('person duplicates: refusals', () => {
  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{}, 'item_type'],
      [{ item_type: 'deal', name: 'x' }, 'item_type'],
      [{ item_type: 'person' }, 'id'],
      [{ item_type: 'person', name: '   ' }, 'id'],
      [{ item_type: 'person', org_id: '1' }, 'id'],
      [{ item_type: 'person', id: 'abc' }, 'id'],
      [{ item_type: 'person', id: '-1' }, 'id'],
      [{ item_type: 'person', id: '99999999999999999999' }, 'id'],
      [{ item_type: 'person', id: '1', name: 'x' }, 'name'],
      [{ item_type: 'person', name: 'x'.repeat(256) }, 'name'],
      [{ item_type: 'person', email: 'e'.repeat(10_000) }, 'email'],
      [{ item_type: 'person', name: 'a\u0000b' }, 'name'],
      [{ item_type: 'person', email: 'a\u0000b@x.test' }, 'email'],
      [{ item_type: 'person', name: 'x', org_id: '1.5' }, 'org_id'],
      [{ item_type: 'person', name: 'x', birthday: '1980-02-30' }, 'birthday'],
      [{ item_type: 'person', name: 'x', birthday: 'yesterday' }, 'birthday'],
      [{ item_type: 'organization', name: 'x', birthday: '1980-01-01' }, 'birthday'],
      [{ item_type: 'person', name: 'x', country: 'XX' }, 'country'],
      [{ item_type: 'person', name: 'x', country: 'SWE' }, 'country'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/ext/duplicates', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(query)).toContain(field);
    }
    const many = await t.app.inject({
      url: `/api/ext/duplicates?item_type=person&${Array.from({ length: 21 }, (_, i) => `email=a${i}@x.test`).join('&')}`,
      headers: { 'x-api-token': t.token },
    });
    expect(many.statusCode).toBe(400);
  });

  it('answers 404 for unknown and deleted ids and unknown organizations', async () => {
    const t = await newTenant();
    const p = (await makePerson(t, { name: 'Gone Soon' })).id;
    await t.del(`/api/v2/persons/${p}`);
    for (const query of [{ id: p }, { id: 999_999_999_999_999 }, { name: 'x', org_id: 999_999_999 }]) {
      const res = await t.get('/api/ext/duplicates', { item_type: 'person', ...query });
      expect(res.status, JSON.stringify(query)).toBe(404);
      expect(res.body.error).toContain('org_id' in query ? 'org_id' : 'id');
    }
  });

  it('takes repeated e-mails and phones', async () => {
    const t = await newTenant();
    const a = (await makePerson(t, { name: 'A One', emails: [{ value: 'one@x.test' }] })).id;
    const b = (await makePerson(t, { name: 'B Two', phones: [{ value: '+44 20 7946 0958' }] })).id;
    const res = await t.app.inject({
      url: '/api/ext/duplicates?item_type=person&email=one@x.test&email=&phone=%2B442079460958&phone=none',
      headers: { 'x-api-token': t.token },
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .data.map((h: Hit) => h.item.id)
        .sort((x: number, y: number) => x - y),
    ).toEqual([a, b].sort((x, y) => x - y));
  });
});
