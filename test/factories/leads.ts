import { eq } from 'drizzle-orm';
import type { LeadRow } from '../../src/modules/leads/present.ts';
import { AddLeadBody } from '../../src/modules/leads/schema.ts';
import { API_SOURCE, addLead, deleteLead, updateLead } from '../../src/modules/leads/service.ts';
import { leads } from '../../src/modules/leads/tables.ts';
import { makePerson } from './persons.ts';
import { daysAgo, type Maker } from './tenant.ts';

/**
 * The body of POST /api/v1/leads; `archived` archives the lead afterwards (PATCH is_archived), `deleted`
 * deletes it (DELETE's use case).
 */
export type LeadOverrides = {
  title?: string;
  person_id?: number | null;
  organization_id?: number | null;
  archived?: boolean;
  deleted?: boolean;
  [field: string]: unknown;
};

/** A lead written by `addLead` over the API's source, with a new person unless a contact is given. */
export async function makeLead(t: Maker, o: LeadOverrides = {}): Promise<LeadRow> {
  const { archived, deleted, ...body } = o;
  const contact =
    body.person_id != null || body.organization_id != null ? {} : { person_id: (await makePerson(t)).id };
  const input = AddLeadBody.parse({ title: 'Warm lead', ...contact, ...body });
  const row = await addLead(t.ctx, input, API_SOURCE);
  if (!archived && !deleted) return row;
  if (archived) await updateLead(t.ctx, row.id, { is_archived: true });
  if (deleted) await deleteLead(t.ctx, row.id);
  return leadRow(t, row.id);
}

/** The lead's row as stored, deleted or not (what the API no longer shows). */
export async function leadRow(t: Pick<Maker, 'db'>, id: string): Promise<LeadRow> {
  const [row] = await t.db.select().from(leads).where(eq(leads.id, id));
  if (!row) throw new Error(`no lead ${id}`);
  return row;
}

/** The lead's next activity, as the writes keep it. */
export async function leadPointer(t: Pick<Maker, 'db'>, id: string): Promise<number | null> {
  return (await leadRow(t, id)).nextActivityId;
}

/** Moves a deleted lead's deletion `days` days back (the purge's 30-day window): the API stamps now. */
export async function backdateLeadDeletion(t: Pick<Maker, 'db'>, id: string, days: number): Promise<void> {
  await t.db
    .update(leads)
    .set({ deleteTime: daysAgo(days) })
    .where(eq(leads.id, id));
}
