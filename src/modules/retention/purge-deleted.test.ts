import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  backdateLeadDeletion,
  backdatePersonDeletion,
  makeActivity,
  makeLead,
  makeNote,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { activities } from '../activities/tables.ts';
import { persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { purgeDeletedItems } from './purge-deleted.ts';

describe('purge of deleted items (job purge_deleted)', () => {
  it('deletes for good what was deleted more than 30 days ago, with what was only theirs', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const person = (await makePerson(t)).id;
    const oldLead = (await makeLead(t, { title: 'Gone for good' })).id;
    const recentLead = (await makeLead(t, { title: 'Still restorable' })).id;
    const ownNote = (await makeNote(t, { lead_id: oldLead })).id;
    const org = (await makeOrganization(t)).id;
    const shared = await t.post('/api/v1/notes', { content: 'shared', lead_id: oldLead, org_id: org });
    expect(shared.status).toBe(201);
    const sharedNote = shared.body.data.id as number;
    const ownActivity = (await makeActivity(t, { lead_id: oldLead })).id;
    const deal = (await t.post('/api/v2/deals', { title: 'Lives on', person_id: person })).body.data
      .id as number;
    const theirLead = (await makeLead(other)).id;
    for (const [c, lead] of [
      [t, oldLead],
      [t, recentLead],
      [other, theirLead],
    ] as const)
      expect((await c.del(`/api/v1/leads/${lead}`)).status).toBe(200);
    expect((await t.del(`/api/v2/persons/${person}`)).status).toBe(200);
    await backdateLeadDeletion(t, oldLead, 31);
    await backdateLeadDeletion(t, recentLead, 29);
    await backdateLeadDeletion(other, theirLead, 31);
    await backdatePersonDeletion(t, person, 40);

    expect(await purgeDeletedItems(t.ctx)).toEqual({
      activities: 0,
      leads: 1,
      deals: 0,
      persons: 1,
      organizations: 0,
    });
    const leadIds = (
      await t.db
        .select({ id: leads.id })
        .from(leads)
        .where(inArray(leads.id, [oldLead, recentLead, theirLead]))
    ).map((r) => r.id);
    expect(leadIds.sort()).toEqual([recentLead, theirLead].sort());
    expect(await t.db.select().from(persons).where(eq(persons.id, person))).toEqual([]);
    // the note and the activity that were only the lead's went with it; the shared note lost its links
    const left = await t.db
      .select()
      .from(notes)
      .where(inArray(notes.id, [ownNote, sharedNote]));
    expect(left.map((n) => [n.id, n.leadId, n.personId])).toEqual([[sharedNote, null, null]]);
    expect(await t.db.select().from(activities).where(eq(activities.id, ownActivity))).toEqual([]);
    // a live deal no longer points at the purged person
    const [kept] = await t.db.select().from(deals).where(eq(deals.id, deal));
    expect(kept).toMatchObject({ isDeleted: false, personId: null });
    // nothing left to purge
    expect(Object.values(await purgeDeletedItems(t.ctx))).toEqual([0, 0, 0, 0, 0]);
  });
});
