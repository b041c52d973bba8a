import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { addPerson, deletePerson, type PersonRow } from '../../src/modules/contacts/persons.ts';
import { AddPersonBody } from '../../src/modules/contacts/schema.ts';
import { persons } from '../../src/modules/contacts/tables.ts';
import { daysAgo, type Maker } from './tenant.ts';

/** The body of POST /api/v2/persons; `deleted` deletes the person afterwards (DELETE's use case). */
export type PersonOverrides = Partial<z.input<typeof AddPersonBody>> & { deleted?: boolean };

/** A person written by `addPerson`, as POST /api/v2/persons writes it (name key, channels, event). */
export async function makePerson(t: Maker, o: PersonOverrides = {}): Promise<PersonRow> {
  const { deleted, ...body } = o;
  const row = await addPerson(t.ctx, AddPersonBody.parse({ name: 'Pat Person', ...body }));
  if (!deleted) return row;
  await deletePerson(t.ctx, row.id);
  return personRow(t, row.id);
}

/** The person's row as stored, deleted or not. */
export async function personRow(t: Pick<Maker, 'db'>, id: number): Promise<PersonRow> {
  const [row] = await t.db.select().from(persons).where(eq(persons.id, id));
  if (!row) throw new Error(`no person ${id}`);
  return row;
}

/** Moves a deleted person's deletion `days` days back (the purge's 30-day window): the API stamps now. */
export async function backdatePersonDeletion(t: Pick<Maker, 'db'>, id: number, days: number): Promise<void> {
  await t.db
    .update(persons)
    .set({ deleteTime: daysAgo(days) })
    .where(eq(persons.id, id));
}
