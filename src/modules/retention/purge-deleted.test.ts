import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { activities } from '../activities/tables.ts';
import { persons } from '../contacts/tables.ts';
import {
  addActivity,
  addLead,
  addNote,
  insertOrganization,
  insertPerson,
} from '../conversion/test-fixtures.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { purgeDeletedItems } from './purge-deleted.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

async function age(
  t: Tenant,
  table: typeof leads | typeof persons | typeof deals,
  id: string | number,
  days: number,
) {
  await t.db
    .update(table)
    .set({ deleteTime: daysAgo(days) })
    .where(and(eq(table.companyId, t.companyId), eq(table.id as never, id as never)));
}

describe('purge of deleted items (job purge_deleted)', () => {
  it('deletes for good what was deleted more than 30 days ago, with what was only theirs', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const person = await insertPerson(t);
    const oldLead = await addLead(t, { title: 'Gone for good' });
    const recentLead = await addLead(t, { title: 'Still restorable' });
    const ownNote = await addNote(t, { lead_id: oldLead });
    const org = await insertOrganization(t);
    const shared = await t.post('/api/v1/notes', { content: 'shared', lead_id: oldLead, org_id: org });
    expect(shared.status).toBe(201);
    const sharedNote = shared.body.data.id as number;
    const ownActivity = await addActivity(t, { lead_id: oldLead });
    const deal = (await t.post('/api/v2/deals', { title: 'Lives on', person_id: person })).body.data
      .id as number;
    const theirLead = await addLead(other);
    for (const [c, lead] of [
      [t, oldLead],
      [t, recentLead],
      [other, theirLead],
    ] as const)
      expect((await c.del(`/api/v1/leads/${lead}`)).status).toBe(200);
    expect((await t.del(`/api/v2/persons/${person}`)).status).toBe(200);
    await age(t, leads, oldLead, 31);
    await age(t, leads, recentLead, 29);
    await age(other, leads, theirLead, 31);
    await age(t, persons, person, 40);

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
