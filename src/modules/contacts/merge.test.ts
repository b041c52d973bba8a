import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeDeal,
  makeField,
  makeLead,
  makeNote,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { activities } from '../activities/tables.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { unionChannels } from './merge.ts';
import { normalizeEmail } from './normalize.ts';
import { personChannels, persons } from './tables.ts';

const attendee = (personId: number | null) => ({
  email: 'art@vandelay.test',
  name: 'Art',
  status: null,
  is_organizer: false,
  person_id: personId,
  user_id: null,
});

const ch = (value: string, primary = false, label = 'work') => ({ value, primary, label });

async function events(t: Tenant, itemType: string, itemId: number | string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, t.companyId),
        eq(auditEvents.itemType, itemType),
        eq(auditEvents.itemId, String(itemId)),
      ),
    )
    .orderBy(auditEvents.id);
}

describe('unionChannels', () => {
  it("keeps the survivor's entries and primary, adds the other's new values", () => {
    const out = unionChannels(
      [ch('Shared@X.test', true), ch('b@x.test')],
      [ch('a@x.test', true), ch(' shared@x.test ')],
      normalizeEmail,
    );
    expect(out).toEqual([ch('Shared@X.test', true), ch('b@x.test'), ch('a@x.test')]);
    expect(unionChannels([], [ch('a@x.test'), ch('b@x.test', true)], normalizeEmail)).toEqual([
      ch('a@x.test'),
      ch('b@x.test', true),
    ]);
    expect(unionChannels([ch('a@x.test'), ch('A@X.TEST', true)], [], normalizeEmail)).toEqual([
      ch('a@x.test', true),
    ]);
    expect(unionChannels([], [], normalizeEmail)).toEqual([]);
  });
});

describe('v1 person merge', () => {
  it('keeps the merge_with_id person, unions channels, fills blanks and re-points everything', async () => {
    const t = await newTenant();
    await makeField(t, 'person', { key: 'a'.repeat(40), name: 'A', field_type: 'varchar' });
    await makeField(t, 'person', { key: 'b'.repeat(40), name: 'B', field_type: 'varchar' });
    const org = (await makeOrganization(t, { name: 'Vandelay Industries' })).id;
    const loser = (
      await makePerson(t, {
        name: 'Art Vandelay',
        org_id: org,
        job_title: 'Importer',
        emails: [{ value: 'art@vandelay.test', primary: true }, { value: 'ART@shared.test' }],
        phones: [{ value: '+46 70 123 45 67', label: 'mobile' }],
        custom_fields: { ['a'.repeat(40)]: 'from loser', ['b'.repeat(40)]: 'loser b' },
        label_ids: [1, 2],
      })
    ).id;
    const survivor = (
      await makePerson(t, {
        name: 'Arthur Vandelay',
        notes: 'keep me',
        emails: [{ value: 'art@shared.test', label: 'home' }],
        custom_fields: { ['b'.repeat(40)]: 'survivor b' },
        label_ids: [2, 3],
      })
    ).id;
    const other = (await makePerson(t, { name: 'Someone Else' })).id;
    const deal = (await makeDeal(t, { person_id: loser, org_id: org })).id;
    const deleted = (await makeDeal(t, { person_id: loser, is_deleted: true })).id;
    const lead = (await makeLead(t, { person_id: loser })).id;
    const act = (
      await makeActivity(t, {
        person_id: loser,
        participants: [
          { person_id: loser, primary: true },
          { person_id: survivor, primary: false },
          { person_id: other, primary: false },
        ],
        attendees: [attendee(loser), attendee(null)],
      })
    ).id;
    const note = (await makeNote(t, { person_id: loser })).id;
    const untouched = (await makeDeal(t, { person_id: other })).id;

    const res = await t.put(`/api/v1/persons/${loser}/merge`, { merge_with_id: survivor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data).toMatchObject({
      id: survivor,
      company_id: t.companyId,
      name: 'Arthur Vandelay',
      org_id: org,
      org_name: 'Vandelay Industries',
      owner_id: t.userId,
      active_flag: true,
      visible_to: '3',
      merge_what_id: loser,
      email: [
        { value: 'art@shared.test', primary: true, label: 'home' },
        { value: 'art@vandelay.test', primary: false, label: 'work' },
      ],
      phone: [{ value: '+46 70 123 45 67', primary: true, label: 'mobile' }],
      open_deals_count: 1,
      activities_count: 1,
      undone_activities_count: 1,
      next_activity_id: act,
      notes_count: 1,
      label_ids: [2, 3, 1],
      first_char: 'a',
    });
    expect(res.body.data.add_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const after = (await t.get(`/api/v2/persons/${survivor}`)).body.data;
    expect(after).toMatchObject({ job_title: 'Importer', notes: 'keep me', org_id: org });
    expect(after.custom_fields).toEqual({ ['a'.repeat(40)]: 'from loser', ['b'.repeat(40)]: 'survivor b' });
    expect((await t.get(`/api/v2/persons/${loser}`)).status).toBe(404);

    // every row that pointed at the merged person now points at the survivor
    const dealRows = await t.db
      .select({ id: deals.id, personId: deals.personId })
      .from(deals)
      .where(inArray(deals.id, [deal, deleted, untouched]));
    expect(Object.fromEntries(dealRows.map((d) => [d.id, d.personId]))).toEqual({
      [deal]: survivor,
      [deleted]: survivor,
      [untouched]: other,
    });
    const [l] = await t.db.select().from(leads).where(eq(leads.id, lead));
    expect(l?.personId).toBe(survivor);
    const [n] = await t.db.select().from(notes).where(eq(notes.id, note));
    expect(n?.personId).toBe(survivor);
    const [a] = await t.db.select().from(activities).where(eq(activities.id, act));
    expect(a?.personId).toBe(survivor);
    expect(a?.participants).toEqual([
      { person_id: survivor, primary: true },
      { person_id: other, primary: false },
    ]);
    expect(a?.attendees).toEqual([attendee(survivor), attendee(null)]);

    // person_channels rebuilt: the survivor is found by the merged person's e-mail and phone
    const channels = await t.db
      .select({ kind: personChannels.kind, normalized: personChannels.normalized })
      .from(personChannels)
      .where(eq(personChannels.personId, survivor));
    expect(channels.map((c) => c.normalized).sort()).toEqual(
      ['+46701234567', 'art@shared.test', 'art@vandelay.test'].sort(),
    );
    const dupes = await t.get('/api/ext/duplicates', { item_type: 'person', email: 'art@vandelay.test' });
    expect(dupes.body.data.map((h: { item: { id: number } }) => h.item.id)).toEqual([survivor]);

    // audit: 'merge' on both, a bulk 'change' on each moved row
    const onSurvivor = await events(t, 'person', survivor);
    const merge = onSurvivor.find((e) => e.action === 'merge');
    expect(merge?.changes).toEqual(
      expect.arrayContaining([
        { field_key: 'merge_what_id', old_value: null, new_value: loser },
        expect.objectContaining({ field_key: 'job_title', old_value: null, new_value: 'Importer' }),
      ]),
    );
    expect((await events(t, 'person', loser)).map((e) => e.action)).toContain('merge');
    // the deal's own 'create' aside, the merge wrote exactly one event on it
    const dealEvents = (await events(t, 'deal', deal)).filter((e) => e.action !== 'create');
    expect(dealEvents).toHaveLength(1);
    expect(dealEvents[0]).toMatchObject({
      action: 'change',
      isBulk: true,
      changes: [{ field_key: 'person_id', old_value: loser, new_value: survivor }],
    });
  });

  it('refuses itself, unknown, deleted, foreign and invisible persons, and bad ids, changing nothing', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const user = await a.addUser();
    const p1 = (await makePerson(a, { name: 'One' })).id;
    const p2 = (await makePerson(a, { name: 'Two' })).id;
    const gone = (await makePerson(a, { name: 'Gone' })).id;
    await a.del(`/api/v2/persons/${gone}`);
    const foreign = (await makePerson(b, { name: 'Foreign' })).id;
    const secret = (await makePerson(a, { name: 'Secret', visible_to: 1 })).id;
    const cases: [Tenant, string, unknown, number, string][] = [
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: p1 }, 400, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, {}, 400, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: 'abc' }, 400, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: -3 }, 400, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: 1e300 }, 400, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: null }, 400, 'merge_with_id'],
      [a, '/api/v1/persons/abc/merge', { merge_with_id: p2 }, 400, 'id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: 999_999_999_999 }, 404, 'merge_with_id'],
      [a, '/api/v1/persons/999999999999/merge', { merge_with_id: p2 }, 404, 'id'],
      [a, `/api/v1/persons/${gone}/merge`, { merge_with_id: p2 }, 404, 'id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: gone }, 404, 'merge_with_id'],
      [a, `/api/v1/persons/${p1}/merge`, { merge_with_id: foreign }, 404, 'merge_with_id'],
      [b, `/api/v1/persons/${p1}/merge`, { merge_with_id: foreign }, 404, 'id'],
      [user.as, `/api/v1/persons/${secret}/merge`, { merge_with_id: p2 }, 404, 'id'],
    ];
    for (const [t, path, body, status, field] of cases) {
      const res = await t.put(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error, `${path} ${JSON.stringify(body)}`).toContain(field);
    }
    const live = await a.db
      .select({ id: persons.id, isDeleted: persons.isDeleted })
      .from(persons)
      .where(inArray(persons.id, [p1, p2, secret, foreign]));
    expect(live.every((p) => !p.isDeleted)).toBe(true);
    const noBody = await a.app.inject({
      method: 'PUT',
      url: `/api/v1/persons/${p1}/merge`,
      headers: { 'x-api-token': a.token },
    });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().error).toContain('merge_with_id');
    // v1 also answers on /v1 and takes a form-style string id
    const ok = await a.app.inject({
      method: 'PUT',
      url: `/v1/persons/${p1}/merge`,
      headers: { 'x-api-token': a.token },
      payload: { merge_with_id: String(p2) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ id: p2, merge_what_id: p1 });
  });
});

describe('v1 organization merge', () => {
  it('keeps the merge_with_id organization, fills blanks and re-points persons, deals, leads, activities, notes', async () => {
    const t = await newTenant();
    const loser = (
      await makeOrganization(t, {
        name: 'Initech LLC',
        address: 'Main Street 1, Austin',
        website: 'https://initech.test',
        label_ids: [5],
      })
    ).id;
    const survivor = (await makeOrganization(t, { name: 'Initech', employee_count: 40 })).id;
    const p = (await makePerson(t, { name: 'Peter Gibbons', org_id: loser })).id;
    const deal = (await makeDeal(t, { org_id: loser })).id;
    const won = (await makeDeal(t, { org_id: loser, status: 'won' })).id;
    const lead = (await makeLead(t, { organization_id: loser })).id;
    const act = (await makeActivity(t, { org_id: loser, done: true, due_date: '2024-05-01' })).id;
    const note = (await makeNote(t, { org_id: loser })).id;

    const res = await t.put(`/api/v1/organizations/${loser}/merge`, { merge_with_id: survivor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({
      id: survivor,
      name: 'Initech',
      merge_what_id: loser,
      address: 'Main Street 1, Austin',
      address_formatted_address: 'Main Street 1, Austin',
      website: 'https://initech.test',
      employee_count: 40,
      label_ids: [5],
      people_count: 1,
      open_deals_count: 1,
      won_deals_count: 1,
      closed_deals_count: 1,
      done_activities_count: 1,
      last_activity_id: act,
      last_activity_date: '2024-05-01',
      notes_count: 1,
      visible_to: '3',
      active_flag: true,
    });
    expect((await t.get(`/api/v2/organizations/${loser}`)).status).toBe(404);
    expect((await t.get(`/api/v2/persons/${p}`)).body.data.org_id).toBe(survivor);
    const moved = await t.db
      .select({ orgId: deals.orgId })
      .from(deals)
      .where(inArray(deals.id, [deal, won]));
    expect(moved.map((d) => d.orgId)).toEqual([survivor, survivor]);
    expect((await t.db.select().from(leads).where(eq(leads.id, lead)))[0]?.organizationId).toBe(survivor);
    expect((await t.db.select().from(activities).where(eq(activities.id, act)))[0]?.orgId).toBe(survivor);
    expect((await t.db.select().from(notes).where(eq(notes.id, note)))[0]?.orgId).toBe(survivor);
    expect((await events(t, 'organization', loser)).map((e) => e.action)).toContain('merge');
    expect((await events(t, 'person', p)).find((e) => e.action === 'change')).toMatchObject({
      isBulk: true,
      changes: [{ field_key: 'org_id', old_value: loser, new_value: survivor }],
    });
  });

  it('refuses itself and unknown or foreign organizations', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const o1 = (await makeOrganization(a, { name: 'One' })).id;
    const foreign = (await makeOrganization(b, { name: 'Foreign' })).id;
    const self = await a.put(`/api/v1/organizations/${o1}/merge`, { merge_with_id: o1 });
    expect(self.status).toBe(400);
    expect(self.body.error).toContain('merge_with_id');
    const other = await a.put(`/api/v1/organizations/${o1}/merge`, { merge_with_id: foreign });
    expect(other.status).toBe(404);
    expect(other.body.error).toContain('merge_with_id');
    expect((await b.put(`/api/v1/organizations/${o1}/merge`, { merge_with_id: foreign })).status).toBe(404);
    expect((await a.get(`/api/v2/organizations/${o1}`)).status).toBe(200);
  });
});
