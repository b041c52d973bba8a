import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Person } from './schema.ts';
import { personChannels } from './tables.ts';

const CF = 'd4de1c1518b4531717c676029a45911c340390a6';
const CF2 = '0123456789abcdef0123456789abcdef01234567';

async function channelsOf(t: Tenant, personId: number) {
  const rows = await t.db
    .select({ kind: personChannels.kind, value: personChannels.value, normalized: personChannels.normalized })
    .from(personChannels)
    .where(and(eq(personChannels.companyId, t.companyId), eq(personChannels.personId, personId)));
  const key = (r: { kind: string; normalized: string }) => `${r.kind} ${r.normalized}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function eventsOf(t: Tenant, itemId: number) {
  return t.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, t.companyId),
        eq(auditEvents.itemType, 'person'),
        eq(auditEvents.itemId, String(itemId)),
      ),
    )
    .orderBy(auditEvents.id);
}

// The first use of the worker's database migrates it: not part of any test's time.
beforeAll(() => testApp());

describe('v2 persons: add, get, update, delete', () => {
  it('adds a person in Pipedrive shape, with channels, derived names and an audit event', async () => {
    const t = await newTenant();
    await makeField(t, 'person', { key: CF, name: 'Colour', field_type: 'varchar' });
    await makeField(t, 'person', { key: CF2, name: 'Other', field_type: 'varchar' });
    const org = (await t.post('/api/v2/organizations', { name: 'Acme' })).body.data;
    const res = await t.post('/api/v2/persons', {
      name: '  Anna Maria Svensson ',
      org_id: org.id,
      emails: [
        { value: ' Anna@Example.COM ', label: 'home' },
        { value: 'anna@work.example', primary: true },
      ],
      phones: [{ value: '+46 70 123 45 67', label: 'mobile' }, { value: '070-765 43 21' }],
      label_ids: [3, 4],
      custom_fields: { [CF]: 'blue', [CF2]: null },
      job_title: 'CTO',
    });
    expect(res.status).toBe(200);
    const p = Person.parse(res.body.data);
    expect(p).toMatchObject({
      name: 'Anna Maria Svensson',
      first_name: 'Anna Maria',
      last_name: 'Svensson',
      owner_id: t.userId,
      org_id: org.id,
      is_deleted: false,
      visible_to: 3,
      label_ids: [3, 4],
      picture_id: null,
      custom_fields: { [CF]: 'blue' },
      job_title: 'CTO',
      emails: [
        { value: 'Anna@Example.COM', primary: false, label: 'home' },
        { value: 'anna@work.example', primary: true, label: 'work' },
      ],
      phones: [
        { value: '+46 70 123 45 67', primary: true, label: 'mobile' },
        { value: '070-765 43 21', primary: false, label: 'work' },
      ],
    });
    expect(p.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // contact-sync fields only appear when set
    expect(Object.keys(res.body.data)).not.toContain('notes');
    expect(Object.keys(res.body.data)).not.toContain('postal_address');

    expect(await channelsOf(t, p.id)).toEqual([
      { kind: 'email', value: 'Anna@Example.COM', normalized: 'anna@example.com' },
      { kind: 'email', value: 'anna@work.example', normalized: 'anna@work.example' },
      { kind: 'phone', value: '+46 70 123 45 67', normalized: '+46701234567' },
      { kind: 'phone', value: '070-765 43 21', normalized: '0707654321' },
    ]);

    const [created] = await eventsOf(t, p.id);
    expect(created).toMatchObject({ action: 'create', actorUserId: t.userId, changeSource: 'api' });
    expect(created?.changes).toContainEqual({ field_key: 'name', old_value: null, new_value: p.name });

    const got = await t.get(`/api/v2/persons/${p.id}`);
    expect(got.status).toBe(200);
    expect(Person.parse(got.body.data)).toEqual(p);
  });

  it('keeps the optional contact fields and a single-word name', async () => {
    const t = await newTenant();
    const res = await t.post('/api/v2/persons', {
      name: 'Cher',
      postal_address: 'Storgatan 1, Stockholm',
      notes: 'met at the fair',
      im: [{ value: 'cher@chat' }],
      birthday: '1946-05-20',
      add_time: '2024-01-02 03:04:05',
      marketing_status: 'subscribed',
    });
    expect(res.status).toBe(200);
    const p = Person.parse(res.body.data);
    expect(p).toMatchObject({
      first_name: 'Cher',
      last_name: null,
      notes: 'met at the fair',
      birthday: '1946-05-20',
      add_time: '2024-01-02T03:04:05Z',
      im: [{ value: 'cher@chat', primary: true, label: 'work' }],
      postal_address: { value: 'Storgatan 1, Stockholm', country: null, postal_code: null },
    });
    expect(Object.keys(p.postal_address ?? {})).toHaveLength(10);
    expect(p.marketing_status).toBeUndefined();
    const withStatus = await t.get(`/api/v2/persons/${p.id}`, { include_fields: 'marketing_status' });
    expect(withStatus.body.data.marketing_status).toBe('subscribed');
  });

  it('updates fields, re-derives names, merges custom fields and resyncs channels', async () => {
    const t = await newTenant();
    await makeField(t, 'person', { key: CF, name: 'Colour', field_type: 'varchar' });
    await makeField(t, 'person', { key: CF2, name: 'Other', field_type: 'varchar' });
    const org = (await t.post('/api/v2/organizations', { name: 'Acme' })).body.data;
    const other = await t.addUser();
    const p = (
      await t.post('/api/v2/persons', {
        name: 'Bo Ek',
        org_id: org.id,
        emails: [{ value: 'bo@ek.example' }],
        custom_fields: { [CF]: 'a', [CF2]: 'b' },
        notes: 'old',
      })
    ).body.data;

    const res = await t.patch(`/api/v2/persons/${p.id}`, {
      name: 'Bo Lindqvist',
      owner_id: other.id,
      org_id: null,
      emails: [{ value: 'BO@lindqvist.example', label: 'other' }],
      phones: [{ value: '0046701234567' }],
      custom_fields: { [CF]: null, [CF2]: 'c' },
      notes: null,
      visible_to: 1,
    });
    expect(res.status).toBe(200);
    const u = Person.parse(res.body.data);
    expect(u).toMatchObject({
      name: 'Bo Lindqvist',
      first_name: 'Bo',
      last_name: 'Lindqvist',
      owner_id: other.id,
      org_id: null,
      visible_to: 1,
      custom_fields: { [CF2]: 'c' },
      emails: [{ value: 'BO@lindqvist.example', primary: true, label: 'other' }],
      phones: [{ value: '0046701234567', primary: true, label: 'work' }],
    });
    expect(u.notes).toBeUndefined();
    expect(await channelsOf(t, p.id)).toEqual([
      { kind: 'email', value: 'BO@lindqvist.example', normalized: 'bo@lindqvist.example' },
      { kind: 'phone', value: '0046701234567', normalized: '+46701234567' },
    ]);

    // explicit first/last names win; a PATCH without emails leaves the channels alone
    const named = await t.patch(`/api/v2/persons/${p.id}`, { first_name: 'Bosse' });
    expect(named.body.data).toMatchObject({
      name: 'Bo Lindqvist',
      first_name: 'Bosse',
      last_name: 'Lindqvist',
    });
    expect(await channelsOf(t, p.id)).toHaveLength(2);
    // clearing the lists clears the channel rows
    await t.patch(`/api/v2/persons/${p.id}`, { emails: [], phones: [] });
    expect(await channelsOf(t, p.id)).toEqual([]);

    const events = await eventsOf(t, p.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'change', 'change']);
    const change = events[1]?.changes ?? [];
    expect(change).toContainEqual({ field_key: 'owner_id', old_value: t.userId, new_value: other.id });
    expect(change).toContainEqual({ field_key: 'org_id', old_value: org.id, new_value: null });
    expect(change.map((c) => c.field_key)).not.toContain('label_ids');
  });

  it('soft-deletes: 404 afterwards, gone from lists, audit event written', async () => {
    const t = await newTenant();
    const p = (await t.post('/api/v2/persons', { name: 'Gone Soon' })).body.data;
    const del = await t.del(`/api/v2/persons/${p.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, data: { id: p.id } });
    expect((await t.get(`/api/v2/persons/${p.id}`)).status).toBe(404);
    expect((await t.patch(`/api/v2/persons/${p.id}`, { name: 'Back' })).status).toBe(404);
    expect((await t.del(`/api/v2/persons/${p.id}`)).status).toBe(404);
    expect((await t.get('/api/v2/persons')).body.data).toEqual([]);
    expect((await t.get('/api/v2/persons', { ids: String(p.id) })).body.data).toEqual([]);
    const events = await eventsOf(t, p.id);
    expect(events.at(-1)?.action).toBe('delete');
    expect(events.at(-1)?.changes).toContainEqual({
      field_key: 'is_deleted',
      old_value: false,
      new_value: true,
    });
  });
});

describe('v2 persons: refusals', () => {
  it('refuses bad bodies with a 400 naming the field and writes nothing', async () => {
    const t = await newTenant();
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: 5 }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(256) }, 'name'],
      [{ name: 'A', owner_id: '1' }, 'owner_id'],
      [{ name: 'A', owner_id: 1e20 }, 'owner_id'],
      [{ name: 'A', owner_id: 1.5 }, 'owner_id'],
      [{ name: 'A', org_id: 'x' }, 'org_id'],
      [{ name: 'A', emails: 'x' }, 'emails'],
      [{ name: 'A', emails: ['a@b.example'] }, 'emails.0'],
      [{ name: 'A', emails: [{ value: 'not an e-mail' }] }, 'emails.0.value'],
      [{ name: 'A', emails: [{ value: '' }] }, 'emails.0.value'],
      [{ name: 'A', emails: [{ value: 'a@b.example', label: 'mobile' }] }, 'emails.0.label'],
      [
        {
          name: 'A',
          emails: [
            { value: 'a@b.example', primary: true },
            { value: 'c@d.example', primary: true },
          ],
        },
        'emails',
      ],
      [{ name: 'A', phones: [{ value: 'x'.repeat(256) }] }, 'phones.0.value'],
      [{ name: 'A', phones: [{ value: '1', label: 'fax' }] }, 'phones.0.label'],
      [{ name: 'A', phones: [{ value: '1', primary: 'true' }] }, 'phones.0.primary'],
      [{ name: 'A', visible_to: 2 }, 'visible_to'],
      [{ name: 'A', visible_to: '3' }, 'visible_to'],
      [{ name: 'A', label_ids: ['1'] }, 'label_ids'],
      [{ name: 'A', label_ids: [2 ** 40] }, 'label_ids'],
      [{ name: 'A', custom_fields: { notakey: 1 } }, 'custom_fields'],
      [{ name: 'A', custom_fields: [] }, 'custom_fields'],
      [{ name: 'A', birthday: '2024-02-30' }, 'birthday'],
      [{ name: 'A', add_time: 'yesterday' }, 'add_time'],
      [{ name: 'A', marketing_status: 'spam' }, 'marketing_status'],
      [{ name: 'A', postal_address: 5 }, 'postal_address'],
      [{ name: 'A', notes: 'x'.repeat(70_000) }, 'notes'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v2/persons', body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    const p = (await t.post('/api/v2/persons', { name: 'Valid' })).body.data;
    for (const [body, field] of [
      [{ name: null }, 'name'],
      [{ emails: [{ value: 'nope' }] }, 'emails.0.value'],
      [{ visible_to: 2 }, 'visible_to'],
    ] as const) {
      const res = await t.patch(`/api/v2/persons/${p.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get('/api/v2/persons')).body.data.map((x: { name: string }) => x.name)).toEqual([
      'Valid',
    ]);
  });

  it('answers 404 for unknown owners, organizations and persons', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreignOrg = (await other.post('/api/v2/organizations', { name: 'Theirs' })).body.data;
    const deletedOrg = (await t.post('/api/v2/organizations', { name: 'Closed' })).body.data;
    await t.del(`/api/v2/organizations/${deletedOrg.id}`);

    const badOwner = await t.post('/api/v2/persons', { name: 'A', owner_id: other.userId });
    expect(badOwner.status).toBe(404);
    expect(badOwner.body.error).toContain('owner_id');
    for (const orgId of [foreignOrg.id, deletedOrg.id, 999_999_999_999]) {
      const res = await t.post('/api/v2/persons', { name: 'A', org_id: orgId });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('Organization not found (org_id)');
    }
    for (const id of ['999999999999999', '0']) {
      expect((await t.get(`/api/v2/persons/${id}`)).status).toBe(404);
      expect((await t.patch(`/api/v2/persons/${id}`, { name: 'x' })).status).toBe(404);
      expect((await t.del(`/api/v2/persons/${id}`)).status).toBe(404);
    }
    expect((await t.get('/api/v2/persons/abc')).status).toBe(400);
    expect((await t.get('/api/v2/persons/99999999999999999999')).status).toBe(400);
    expect((await t.get('/api/v2/persons')).body.data).toEqual([]);
  });

  it('keeps another company out', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const p = (await a.post('/api/v2/persons', { name: 'Private Person' })).body.data;
    expect((await b.get(`/api/v2/persons/${p.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v2/persons/${p.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await b.del(`/api/v2/persons/${p.id}`)).status).toBe(404);
    expect((await b.get('/api/v2/persons', { ids: String(p.id) })).body.data).toEqual([]);
    expect((await b.get('/api/v2/persons')).body.data).toEqual([]);
    expect((await a.get(`/api/v2/persons/${p.id}`)).body.data.name).toBe('Private Person');
  });

  it("hides visible_to=1 persons of others from a non-admin, but not the user's own", async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const hidden = (await t.post('/api/v2/persons', { name: 'Hidden', visible_to: 1 })).body.data;
    const shared = (await t.post('/api/v2/persons', { name: 'Shared', visible_to: 3 })).body.data;
    const own = (await user.as.post('/api/v2/persons', { name: 'Mine', visible_to: 1 })).body.data;
    expect(own.owner_id).toBe(user.id);

    expect((await user.as.get(`/api/v2/persons/${hidden.id}`)).status).toBe(404);
    expect((await user.as.patch(`/api/v2/persons/${hidden.id}`, { name: 'x' })).status).toBe(404);
    expect((await user.as.del(`/api/v2/persons/${hidden.id}`)).status).toBe(404);
    const list = await user.as.get('/api/v2/persons', { ids: `${hidden.id},${shared.id},${own.id}` });
    expect(list.body.data.map((p: { id: number }) => p.id)).toEqual([shared.id, own.id]);
    expect((await user.as.get(`/api/v2/persons/${own.id}`)).status).toBe(200);
    // the admin sees everything
    expect((await t.get('/api/v2/persons')).body.data).toHaveLength(3);
  });
});
