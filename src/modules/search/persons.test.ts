import { beforeAll, describe, expect, it } from 'vitest';
import { makeField, makeNote, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { PersonSearchItem, searchPage } from './schema.ts';

// The worker's database starts (and migrates) once; allow for it on a busy machine.
beforeAll(async () => {
  await testApp();
}, 180_000);

type Item = { result_score: number; item: { id: number; name: string } & Record<string, unknown> };

async function search(t: Tenant, query: Record<string, string | number | boolean>) {
  const res = await t.get('/api/v2/persons/search', query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.items as Item[];
}
const names = (items: Item[]) => items.map((i) => i.item.name);

describe('v2 GET /persons/search', () => {
  it('finds names without regard to accents or case', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Nordic AB' })).id;
    await makePerson(t, {
      name: 'Öberg',
      org_id: org,
      emails: [{ value: 'ob@example.com' }],
      phones: [{ value: '+46 70 111 22 33' }],
    });
    await makePerson(t, { name: 'Åsa Lind' });
    await makePerson(t, { name: 'Jürgen MÜLLER' });
    await makePerson(t, { name: 'Nobody' });

    const found = await search(t, { term: 'oberg' });
    expect(names(found)).toEqual(['Öberg']);
    const item = found[0]!;
    expect(item.result_score).toBe(1);
    expect(
      searchPage(PersonSearchItem).parse({
        success: true,
        data: { items: found },
        additional_data: { next_cursor: null },
      }),
    ).toBeTruthy();
    expect(item.item).toMatchObject({
      type: 'person',
      emails: ['ob@example.com'],
      phones: ['+46 70 111 22 33'],
      visible_to: 3,
      owner: { id: t.userId },
      organization: { id: org, name: 'Nordic AB' },
      custom_fields: [],
      notes: [],
    });
    expect(names(await search(t, { term: 'OBERG' }))).toEqual(['Öberg']);
    expect(names(await search(t, { term: 'öBERG' }))).toEqual(['Öberg']);
    expect(names(await search(t, { term: 'asa' }))).toEqual(['Åsa Lind']);
    expect(names(await search(t, { term: 'MULLER' }))).toEqual(['Jürgen MÜLLER']);
    expect(names(await search(t, { term: 'müller' }))).toEqual(['Jürgen MÜLLER']);
  });

  it('ranks the whole name first, then the start of the name, then a word, then elsewhere', async () => {
    const t = await newTenant();
    await makePerson(t, { name: 'Joanna Annberg' });
    await makePerson(t, { name: 'Maryann' });
    await makePerson(t, { name: 'Anna' });
    await makePerson(t, { name: 'Annika' });
    const items = await search(t, { term: 'ann' });
    expect(names(items)).toEqual(['Anna', 'Annika', 'Joanna Annberg', 'Maryann']);
    const anna = await search(t, { term: 'anna' });
    expect(names(anna)[0]).toBe('Anna');
    expect(anna[0]!.result_score).toBe(1);
    for (const i of anna.slice(1)) expect(i.result_score).toBeLessThan(1);
  });

  it('matches the whole name only with exact_match, and allows 1 character then', async () => {
    const t = await newTenant();
    await makePerson(t, { name: 'Öberg' });
    await makePerson(t, { name: 'Öberg Junior' });
    await makePerson(t, { name: 'Q' });
    expect(names(await search(t, { term: 'OBERG', exact_match: true }))).toEqual(['Öberg']);
    expect(names(await search(t, { term: 'oberg' }))).toEqual(['Öberg', 'Öberg Junior']);
    expect(names(await search(t, { term: 'q', exact_match: true }))).toEqual(['Q']);
    const short = await t.get('/api/v2/persons/search', { term: 'q' });
    expect(short.status).toBe(400);
    expect(short.body.error).toContain('term');
  });

  it('finds e-mail addresses and phone numbers', async () => {
    const t = await newTenant();
    await makePerson(t, {
      name: 'Sven',
      emails: [{ value: 'Sven.Svensson@Example.com' }],
      phones: [{ value: '+46 70 123 45 67' }],
    });
    await makePerson(t, {
      name: 'Other',
      emails: [{ value: 'other@example.org' }],
      phones: [{ value: '+1 555 0100' }],
    });
    expect(names(await search(t, { term: 'svensson@exa' }))).toEqual(['Sven']);
    expect(names(await search(t, { term: 'SVEN.SVENSSON@EXAMPLE.COM', exact_match: true }))).toEqual([
      'Sven',
    ]);
    expect(names(await search(t, { term: 'svensson@exa', exact_match: true }))).toEqual([]);
    const byPhone = await search(t, { term: '701234567' });
    expect(names(byPhone)).toEqual(['Sven']);
    expect(byPhone[0]!.result_score).toBeGreaterThan(0.9);
    expect(names(await search(t, { term: '070-123 45 67', exact_match: true }))).toEqual(['Sven']);
    expect(names(await search(t, { term: '+46 70 123 45 67', exact_match: true }))).toEqual(['Sven']);
    expect(names(await search(t, { term: '1234' }))).toEqual(['Sven']);
    expect(names(await search(t, { term: '1234', fields: 'name,email' }))).toEqual([]);
    expect(names(await search(t, { term: 'example', fields: 'email' })).sort()).toEqual(['Other', 'Sven']);
  });

  it('takes % and _ in the term literally', async () => {
    const t = await newTenant();
    await makePerson(t, { name: '100% Sales' });
    await makePerson(t, { name: '1000 Sales' });
    await makePerson(t, { name: 'snake_case' });
    await makePerson(t, { name: 'snakeXcase' });
    await makePerson(t, { name: 'back\\slash' });
    expect(names(await search(t, { term: '100%' }))).toEqual(['100% Sales']);
    expect(names(await search(t, { term: '%', exact_match: true }))).toEqual([]);
    expect(names(await search(t, { term: 'e_c' }))).toEqual(['snake_case']);
    expect(names(await search(t, { term: '__' }))).toEqual([]);
    expect(names(await search(t, { term: 'k\\s' }))).toEqual(['back\\slash']);
  });

  it('searches notes and custom-field values, and shows what matched', async () => {
    const t = await newTenant();
    await makeField(t, 'person', { key: 'a'.repeat(40), name: 'Title', field_type: 'varchar' });
    await makeField(t, 'person', { key: 'b'.repeat(40), name: 'Budget', field_type: 'monetary' });
    const hash = 'a'.repeat(40);
    const p = (
      await makePerson(t, {
        name: 'Carl',
        notes: 'Met at the Göteborg fair',
        custom_fields: { [hash]: 'Säljchef' },
      })
    ).id;
    await makePerson(t, {
      name: 'Dora',
      custom_fields: { [hash]: 12345, ['b'.repeat(40)]: { value: 99, currency: 'EUR' } },
    });
    await makeNote(t, { content: '<p>Prefers <b>tea</b> &amp; biscuits</p>', person_id: p });
    const fair = await search(t, { term: 'goteborg' });
    expect(fair.map((i) => [i.item.name, i.item.notes])).toEqual([['Carl', ['Met at the Göteborg fair']]]);
    const tea = await search(t, { term: 'tea & biscuits' });
    expect(tea[0]!.item.notes).toEqual(['Prefers tea & biscuits']);
    const chef = await search(t, { term: 'saljchef' });
    expect(chef.map((i) => [i.item.name, i.item.custom_fields])).toEqual([['Carl', ['Säljchef']]]);
    expect(chef[0]!.result_score).toBe(1);
    expect(names(await search(t, { term: '2345' }))).toEqual(['Dora']);
    // keys and currencies are not values
    expect(names(await search(t, { term: 'aaaa' }))).toEqual([]);
    expect(names(await search(t, { term: 'eur' }))).toEqual([]);
    expect(names(await search(t, { term: 'goteborg', fields: 'name,custom_fields' }))).toEqual([]);
  });

  it('never shows deleted persons, other companies, or private persons of other users', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const colleague = await t.addUser();
    await makePerson(t, { name: 'Zed Visible' });
    await makePerson(t, { name: 'Zed Deleted', deleted: true });
    await makePerson(t, { name: 'Zed Private', visible_to: 1 });
    await makePerson(t, { name: 'Zed Mine', visible_to: 1, owner_id: colleague.id });
    await makePerson(other, { name: 'Zed Elsewhere', emails: [{ value: 'zed@elsewhere.test' }] });
    expect(names(await search(t, { term: 'zed' })).sort()).toEqual([
      'Zed Mine',
      'Zed Private',
      'Zed Visible',
    ]);
    const asColleague = await colleague.as.get('/api/v2/persons/search', { term: 'zed' });
    expect(names(asColleague.body.data.items).sort()).toEqual(['Zed Mine', 'Zed Visible']);
    expect(names(await search(t, { term: 'zed@elsewhere.test' }))).toEqual([]);
  });

  it('filters by organization and adds the picture on request', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Acme' })).id;
    await makePerson(t, { name: 'Kim One', org_id: org });
    await makePerson(t, { name: 'Kim Two' });
    const items = await search(t, { term: 'kim', organization_id: org, include_fields: 'person.picture' });
    expect(names(items)).toEqual(['Kim One']);
    expect(items[0]!.item.picture).toBeNull();
    expect(names(await search(t, { term: 'kim', organization_id: 999999999 }))).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const t = await newTenant();
    for (let i = 0; i < 5; i++) await makePerson(t, { name: `Pager ${i}` });
    const first = await t.get('/api/v2/persons/search', { term: 'pager', limit: 2 });
    expect(first.body.data.items).toHaveLength(2);
    const seen = names(first.body.data.items);
    let cursor = first.body.additional_data.next_cursor as string | null;
    while (cursor) {
      const next = await t.get('/api/v2/persons/search', { term: 'pager', limit: 2, cursor });
      seen.push(...names(next.body.data.items));
      cursor = next.body.additional_data.next_cursor;
    }
    expect(seen).toEqual(['Pager 0', 'Pager 1', 'Pager 2', 'Pager 3', 'Pager 4']);
    const all = await t.get('/api/v2/persons/search', { term: 'pager', limit: 5 });
    expect(all.body.additional_data.next_cursor).toBeNull();
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{}, 'term'],
      [{ term: '' }, 'term'],
      [{ term: ' a ' }, 'term'],
      [{ term: 'x'.repeat(10_000) }, 'term'],
      [{ term: 'ab\u0000cd' }, 'term'],
      [{ term: 'ab', fields: 'name,title' }, 'fields'],
      [{ term: 'ab', exact_match: 'yes' }, 'exact_match'],
      [{ term: 'ab', organization_id: 'abc' }, 'organization_id'],
      [{ term: 'ab', organization_id: '99999999999999999999' }, 'organization_id'],
      [{ term: 'ab', include_fields: 'person.secret' }, 'include_fields'],
      [{ term: 'ab', limit: '501' }, 'limit'],
      [{ term: 'ab', limit: '0' }, 'limit'],
      [{ term: 'ab', limit: '1.5' }, 'limit'],
      [{ term: 'ab', cursor: 'garbage' }, 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/v2/persons/search', query);
      expect(res.status, JSON.stringify(query).slice(0, 80)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    // odd but harmless terms answer normally
    for (const term of ["'; drop table persons; --", '\\\\', '()[]{}.*+?^$|', 'ü'.repeat(500)]) {
      expect((await t.get('/api/v2/persons/search', { term })).status).toBe(200);
    }
  });
});
