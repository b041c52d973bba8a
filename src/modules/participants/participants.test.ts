import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeParticipant, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { mergePersons } from '../contacts/merge.ts';
import { dealParticipants } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

describe('v1 deal participants', () => {
  it('adds, lists, removes and tells the changelog, in v1 shapes', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { title: 'With friends' });
    const anna = await makePerson(t, { name: 'Anna Berg', emails: [{ value: 'anna@x.se', primary: true }] });
    const bo = await makePerson(t, { name: 'Bo Ek' });

    const added = await t.post(`/api/v1/deals/${deal.id}/participants`, { person_id: anna.id });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.data).toMatchObject({
      person_id: { value: anna.id, name: 'Anna Berg', active_flag: true, owner_id: t.userId },
      active_flag: true,
      related_item_type: 'deal',
      related_item_id: deal.id,
      related_item_data: { deal_id: deal.id, title: 'With friends' },
      person: { id: anna.id, visible_to: '3', owner_id: { value: t.userId } },
      added_by_user_id: { id: t.userId, value: t.userId, data: { id: t.userId } },
    });
    expect(added.body.data.person_id.email[0]).toMatchObject({ value: 'anna@x.se', primary: true });
    expect(added.body.data.add_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(added.body.related_objects.person[String(anna.id)]).toMatchObject({ name: 'Anna Berg' });
    await makeParticipant(t, deal.id, bo.id);

    const again = await t.post(`/api/v1/deals/${deal.id}/participants`, { person_id: anna.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false, error: expect.stringContaining('person_id') });

    const list = await t.get(`/api/v1/deals/${deal.id}/participants`, { limit: 1 });
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: { person_id: { value: number } }) => p.person_id.value)).toEqual([anna.id]);
    expect(list.body.additional_data).toMatchObject({ start: 0, limit: 1, more_items_in_collection: true });
    const rest = await t.get(`/api/v1/deals/${deal.id}/participants`, { start: 1 });
    expect(rest.body.data.map((p: { person_id: { value: number } }) => p.person_id.value)).toEqual([bo.id]);

    const gone = await t.del(`/api/v1/deals/${deal.id}/participants/${added.body.data.id}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ success: true, data: { id: added.body.data.id } });
    expect((await t.del(`/api/v1/deals/${deal.id}/participants/${added.body.data.id}`)).status).toBe(404);
    const after = await t.get(`/api/v1/deals/${deal.id}/participants`);
    expect(after.body.data.map((p: { person_id: { value: number } }) => p.person_id.value)).toEqual([bo.id]);
    // removed, the person may be added again
    expect((await t.post(`/api/v1/deals/${deal.id}/participants`, { person_id: anna.id })).status).toBe(200);

    const log = await t.get(`/api/v1/deals/${deal.id}/participantsChangelog`, { limit: 2 });
    expect(log.status).toBe(200);
    expect(log.body.data).toEqual([
      { action: 'added', actor_user_id: t.userId, person_id: anna.id, time: expect.any(String) },
      { action: 'removed', actor_user_id: t.userId, person_id: anna.id, time: expect.any(String) },
    ]);
    expect(log.body.additional_data.next_cursor).toEqual(expect.any(String));
    const older = await t.get(`/api/v1/deals/${deal.id}/participantsChangelog`, {
      cursor: log.body.additional_data.next_cursor,
    });
    expect(older.body.data.map((e: { person_id: number }) => e.person_id)).toEqual([bo.id, anna.id]);
    expect(older.body.additional_data.next_cursor).toBeNull();
  });

  it('refuses what it cannot do with a 4xx naming the field, writing nothing', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const other = await newTenant();
    const stranger = await makePerson(other);
    const person = await makePerson(t);
    const cases: [string, unknown, number, string][] = [
      [`/api/v1/deals/${deal.id}/participants`, {}, 400, 'person_id'],
      [`/api/v1/deals/${deal.id}/participants`, { person_id: 'x' }, 400, 'person_id'],
      [`/api/v1/deals/${deal.id}/participants`, { person_id: stranger.id }, 404, 'person_id'],
      [`/api/v1/deals/999999999/participants`, { person_id: person.id }, 404, 'Deal'],
    ];
    for (const [path, body, status, word] of cases) {
      const res = await t.post(path, body);
      expect(res.status, path + JSON.stringify(body)).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(word);
    }
    expect((await t.del(`/api/v1/deals/${deal.id}/participants/12345`)).status).toBe(404);
    const rows = await t.db
      .select()
      .from(dealParticipants)
      .where(eq(dealParticipants.companyId, t.companyId));
    expect(rows).toEqual([]);
  });

  it('a lead has no participants: a 400 naming the field', async () => {
    const t = await newTenant();
    const person = await makePerson(t);
    const res = await t.post('/api/v1/leads', {
      title: 'L',
      person_id: person.id,
      participants: [person.id],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('participants');
  });

  it('shows on the person the deals they take part in, only those the caller sees', async () => {
    const t = await newTenant();
    const anna = await makePerson(t);
    const open = await makeDeal(t, { title: 'Open' });
    const hidden = await makeDeal(t, { title: 'Hidden', visible_to: 1 });
    await makeDeal(t, { title: 'Not hers' });
    await makeParticipant(t, open.id, anna.id);
    await makeParticipant(t, hidden.id, anna.id);
    const res = await t.get(`/api/ext/persons/${anna.id}/participant-deals`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { title: string }) => d.title)).toEqual(['Hidden', 'Open']);
    const user = await t.addUser();
    const theirs = await user.as.get(`/api/ext/persons/${anna.id}/participant-deals`);
    expect(theirs.body.data.map((d: { title: string }) => d.title)).toEqual(['Open']);
    const page = await t.get(`/api/ext/persons/${anna.id}/participant-deals`, { limit: 1 });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.additional_data.next_cursor).toEqual(expect.any(String));
  });

  it('deal → lead leaves the participants with the deal; a merge moves them to the survivor', async () => {
    const t = await newTenant();
    const anna = await makePerson(t, { name: 'Anna' });
    const anna2 = await makePerson(t, { name: 'Anna again' });
    const main = await makePerson(t, { name: 'Main contact' });
    const deal = await makeDeal(t, { person_id: main.id });
    const other = await makeDeal(t);
    await makeParticipant(t, deal.id, anna.id);
    await makeParticipant(t, deal.id, anna2.id);
    await makeParticipant(t, other.id, anna2.id);
    await mergePersons(t.ctx, anna2.id, anna.id);
    const rows = await t.db
      .select()
      .from(dealParticipants)
      .where(and(eq(dealParticipants.companyId, t.companyId), eq(dealParticipants.activeFlag, true)));
    expect(rows.map((r) => [r.dealId, r.personId]).sort()).toEqual(
      [
        [deal.id, anna.id],
        [other.id, anna.id],
      ].sort(),
    );

    const res = await t.post(`/api/v2/deals/${deal.id}/convert/lead`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const still = await t.db
      .select()
      .from(dealParticipants)
      .where(and(eq(dealParticipants.companyId, t.companyId), eq(dealParticipants.dealId, deal.id)));
    expect(still.map((r) => r.personId)).toEqual([anna.id]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'deal_participant')));
    expect(events.filter((e) => e.action === 'create')).toHaveLength(3);
  });
});
