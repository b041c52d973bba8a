import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { leads } from '../leads/tables.ts';
import { InboxPage, InboxRow } from './schema.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function lead(t: Tenant, body: Record<string, unknown>): Promise<string> {
  const res = await t.post('/api/v1/leads', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id;
}

/**
 * Gives the leads add_times a minute apart, in the order given. Leads made one after the other can
 * share a millisecond, and then their order is the order of their random UUIDs.
 */
async function spaceOut(t: Tenant, ids: string[]) {
  const base = Date.UTC(2025, 0, 1);
  for (const [i, id] of ids.entries()) {
    await t.db
      .update(leads)
      .set({ addTime: new Date(base + i * 60_000) })
      .where(eq(leads.id, id));
  }
}

const titles = (res: { body: { data: { title: string }[] } }) => res.body.data.map((r) => r.title);

describe('GET /api/ext/leads (Leads Inbox rows)', () => {
  it('returns each lead with person, organization, labels, owner and next activity in one row', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Müller GmbH' })).id;
    const person = (
      await t.post('/api/v2/persons', {
        name: 'Anna Berg',
        org_id: org,
        emails: [{ value: 'anna@example.com', primary: true }],
        phones: [{ value: '+49 30 1234567' }],
      })
    ).body.data.id as number;
    const labels = (await t.get('/api/v1/leadLabels')).body.data as { id: string; name: string }[];
    const hot = labels.find((l) => l.name === 'Hot');
    const id = await lead(t, {
      title: 'Big order',
      person_id: person,
      organization_id: org,
      label_ids: [hot?.id],
      value: { amount: 1500.5, currency: 'EUR' },
      expected_close_date: '2030-01-31',
    });
    const act = await t.post('/api/v2/activities', {
      subject: 'Call Anna',
      type: 'call',
      lead_id: id,
      due_date: day(-1),
    });
    expect(act.status).toBe(200);

    const res = await t.get('/api/ext/leads');
    expect(res.status).toBe(200);
    InboxPage.parse(res.body);
    const row = InboxRow.parse(res.body.data[0]);
    expect(row).toMatchObject({
      id,
      title: 'Big order',
      owner: { id: t.userId },
      person: { id: person, name: 'Anna Berg', email: 'anna@example.com', phone: '+49 30 1234567' },
      organization: { id: org, name: 'Müller GmbH' },
      labels: [{ id: hot?.id, name: 'Hot', color: 'red' }],
      next_activity: { subject: 'Call Anna', type: 'call', due_date: day(-1), status: 'overdue' },
      value: 1500.5,
      currency: 'EUR',
      expected_close_date: '2030-01-31',
      source_name: 'API',
      was_seen: false,
      is_archived: false,
    });
    expect(row.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(res.body.additional_data).toMatchObject({ start: 0, limit: 100, more_items_in_collection: false });
    expect(res.body.additional_data.total).toBeUndefined();
  });

  it('marks next activities overdue, today or future', async () => {
    const t = await newTenant();
    const person = (await makePerson(t)).id;
    const cases: [string, string | undefined, string][] = [
      ['past', day(-3), 'overdue'],
      ['today', day(0), 'today'],
      ['later', day(5), 'future'],
      ['undated', undefined, 'future'],
    ];
    for (const [title, due] of cases) {
      const id = await lead(t, { title, person_id: person });
      await t.post('/api/v2/activities', { subject: title, lead_id: id, ...(due ? { due_date: due } : {}) });
    }
    await lead(t, { title: 'no activity', person_id: person });
    const res = await t.get('/api/ext/leads');
    const status = Object.fromEntries(
      res.body.data.map((r: { title: string; next_activity: { status: string } | null }) => [
        r.title,
        r.next_activity?.status ?? null,
      ]),
    );
    expect(status).toEqual({
      past: 'overdue',
      today: 'today',
      later: 'future',
      undated: 'future',
      'no activity': null,
    });
    // default order: most urgent next activity first, leads without one last
    expect(titles(res)).toEqual(['past', 'today', 'later', 'undated', 'no activity']);
  });

  it('filters by owner, label, source, archived and term (accent- and case-insensitive)', async () => {
    const t = await newTenant();
    const other = await t.addUser({ name: 'Olga Other' });
    const person = (await makePerson(t, { name: 'Zoë Ångström' })).id;
    const org = (await makeOrganization(t, { name: 'Fjord AS' })).id;
    const labels = (await t.get('/api/v1/leadLabels')).body.data as { id: string; name: string }[];
    const cold = labels.find((l) => l.name === 'Cold')?.id;
    await lead(t, { title: 'Alpha', person_id: person, label_ids: [cold] });
    await lead(t, { title: 'Beta', organization_id: org, owner_id: other.id });
    const manual = await t.post('/api/ext/leads', { title: 'Gamma 100%', person_id: person });
    expect(manual.status).toBe(201);
    expect(manual.body.data.source_name).toBe('Manually created');
    const archived = await lead(t, { title: 'Delta', person_id: person });
    await t.patch(`/api/v1/leads/${archived}`, { is_archived: true });

    const list = async (q: Record<string, string | number | boolean>) =>
      titles(await t.get('/api/ext/leads', q));
    expect(await list({ owner_id: other.id })).toEqual(['Beta']);
    expect(await list({ label_id: cold as string })).toEqual(['Alpha']);
    expect(await list({ source_name: 'Manually created' })).toEqual(['Gamma 100%']);
    expect(await list({ archived: 'true' })).toEqual(['Delta']);
    expect((await list({ term: 'angstrom', sort_by: 'title' })).sort()).toEqual(['Alpha', 'Gamma 100%']);
    expect(await list({ term: 'FJORD' })).toEqual(['Beta']);
    expect(await list({ term: 'bet' })).toEqual(['Beta']);
    expect(await list({ term: '100%' })).toEqual(['Gamma 100%']);
    expect(await list({ term: '%' })).toEqual(['Gamma 100%']);
    expect(await list({ term: '' })).toHaveLength(3);
  });

  it('sorts by each column both ways, and pages with more_items_in_collection and total', async () => {
    const t = await newTenant();
    const person = (await makePerson(t)).id;
    const b = await t.addUser({ name: 'Bob' });
    await spaceOut(t, [
      await lead(t, {
        title: 'b',
        person_id: person,
        value: { amount: 30, currency: 'USD' },
        owner_id: b.id,
      }),
      await lead(t, { title: 'C', person_id: person, value: { amount: 10, currency: 'USD' } }),
      await lead(t, { title: 'a', person_id: person, expected_close_date: '2031-01-01' }),
    ]);

    expect(titles(await t.get('/api/ext/leads', { sort_by: 'title' }))).toEqual(['a', 'b', 'C']);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'title', sort_direction: 'desc' }))).toEqual([
      'C',
      'b',
      'a',
    ]);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'value' }))).toEqual(['C', 'b', 'a']);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'value', sort_direction: 'desc' }))).toEqual([
      'b',
      'C',
      'a',
    ]);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'expected_close_date' }))[0]).toBe('a');
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'add_time' }))).toEqual(['b', 'C', 'a']);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'add_time', sort_direction: 'desc' }))).toEqual([
      'a',
      'C',
      'b',
    ]);
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'owner' }))[2]).toBe('b');
    expect(titles(await t.get('/api/ext/leads', { sort_by: 'next_activity' }))).toEqual(['a', 'C', 'b']);

    const first = await t.get('/api/ext/leads', { sort_by: 'title', limit: 2, include_total: 1 });
    expect(titles(first)).toEqual(['a', 'b']);
    expect(first.body.additional_data).toMatchObject({
      start: 0,
      limit: 2,
      more_items_in_collection: true,
      pagination: { next_start: 2 },
      total: 3,
    });
    const second = await t.get('/api/ext/leads', { sort_by: 'title', start: 2, limit: 2, include_total: 1 });
    expect(titles(second)).toEqual(['C']);
    expect(second.body.additional_data).toMatchObject({ more_items_in_collection: false, total: 3 });
    const beyond = await t.get('/api/ext/leads', { start: 50, include_total: 'true' });
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.additional_data.total).toBe(3);
  });

  it('never shows deleted leads, other companies, or private items of others to a non-admin', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const person = (await makePerson(t)).id;
    const secretPerson = (await makePerson(t, { name: 'Hidden Person', visible_to: 1 })).id;
    await lead(t, { title: 'Shared', person_id: person });
    await lead(t, { title: 'Private', person_id: person, visible_to: '1' });
    await lead(t, { title: 'Secret contact', person_id: secretPerson });
    await lead(t, { title: 'Mine', person_id: person, owner_id: user.id, visible_to: '1' });
    const gone = await lead(t, { title: 'Deleted', person_id: person });
    await t.del(`/api/v1/leads/${gone}`);
    await lead(other, { title: 'Foreign', person_id: (await makePerson(other)).id });

    const asAdmin = titles(await t.get('/api/ext/leads', { sort_by: 'title' }));
    expect(asAdmin).toEqual(['Mine', 'Private', 'Secret contact', 'Shared']);
    const asUser = await user.as.get('/api/ext/leads', { sort_by: 'title' });
    expect(titles(asUser)).toEqual(['Mine', 'Secret contact', 'Shared']);
    const hidden = asUser.body.data.find((r: { title: string }) => r.title === 'Secret contact');
    expect(hidden.person).toBeNull();
    expect(titles(await user.as.get('/api/ext/leads', { term: 'hidden' }))).toEqual([]);
    expect(titles(await t.get('/api/ext/leads', { term: 'hidden' }))).toEqual(['Secret contact']);
    expect(titles(await other.get('/api/ext/leads'))).toEqual(['Foreign']);
  });

  it('refuses bad query strings with a 400 naming the parameter', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{ limit: '501' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ start: '-1' }, 'start'],
      [{ start: '99999999999999999999' }, 'start'],
      [{ owner_id: 'me' }, 'owner_id'],
      [{ owner_id: '1.5' }, 'owner_id'],
      [{ label_id: 'not-a-uuid' }, 'label_id'],
      [{ source_name: 'Carrier pigeon' }, 'source_name'],
      [{ archived: 'yes' }, 'archived'],
      [{ sort_by: 'id; drop table leads' }, 'sort_by'],
      [{ sort_direction: 'up' }, 'sort_direction'],
      [{ include_total: '2' }, 'include_total'],
      [{ term: 'x'.repeat(10_000) }, 'term'],
      [{ term: 'a\u0000b' }, 'term'],
    ];
    for (const [q, field] of cases) {
      const res = await t.get('/api/ext/leads', q);
      expect(res.status, `${JSON.stringify(q)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toContain(field);
    }
    const unknownOwner = await t.get('/api/ext/leads', { owner_id: '999999999' });
    expect(unknownOwner.status).toBe(200);
    expect(unknownOwner.body.data).toEqual([]);
    const unknownLabel = await t.get('/api/ext/leads', { label_id: '00000000-0000-4000-8000-000000000000' });
    expect(unknownLabel.body.data).toEqual([]);
  });
});

describe('GET /api/ext/leads with custom fields', () => {
  it('carries the custom values asked for and filters by one custom field', async () => {
    const t = await newTenant();
    const person = (await makePerson(t, { name: 'Greta Lind' })).id;
    const add = async (body: object) => (await t.post('/api/v2/dealFields', body)).body.data;
    const tier = await add({
      field_name: 'Tier',
      field_type: 'enum',
      options: [{ label: 'Gold' }, { label: 'Tin' }],
    });
    const ref = await add({ field_name: 'Ref', field_type: 'varchar' });
    const [gold, tin] = tier.options.map((o: { id: number }) => o.id);
    await lead(t, { title: 'Golden', person_id: person, [tier.field_code]: gold, [ref.field_code]: 'R-1' });
    await lead(t, { title: 'Tinny', person_id: person, [tier.field_code]: tin });
    await lead(t, { title: 'Plain', person_id: person });

    const all = await t.get('/api/ext/leads', { custom_fields: tier.field_code, sort_by: 'title' });
    expect(all.status).toBe(200);
    InboxPage.parse(all.body);
    expect(
      all.body.data.map((r: { title: string; custom_fields: object }) => [r.title, r.custom_fields]),
    ).toEqual([
      ['Golden', { [tier.field_code]: gold }],
      ['Plain', {}],
      ['Tinny', { [tier.field_code]: tin }],
    ]);
    const none = await t.get('/api/ext/leads', { sort_by: 'title' });
    expect(none.body.data.map((r: { custom_fields: object }) => r.custom_fields)).toEqual([{}, {}, {}]);

    const golden = await t.get('/api/ext/leads', {
      custom_field_code: tier.field_code,
      custom_field_value: gold,
    });
    expect(titles(golden)).toEqual(['Golden']);
    const byText = await t.get('/api/ext/leads', {
      custom_field_code: ref.field_code,
      custom_field_value: 'R-1',
    });
    expect(titles(byText)).toEqual(['Golden']);

    for (const [query, field] of [
      [{ custom_field_code: tier.field_code }, 'custom_field_value'],
      [{ custom_field_value: '1' }, 'custom_field_code'],
      [{ custom_field_code: 'a'.repeat(40), custom_field_value: '1' }, 'custom_field_code'],
      [{ custom_field_code: tier.field_code, custom_field_value: 'gold' }, 'custom_field_value'],
      [{ custom_fields: 'nope' }, 'custom_fields'],
    ] as const) {
      const res = await t.get('/api/ext/leads', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});
