import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref } from '../../db/columns.ts';
import { persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';

/**
 * Extra persons on a deal (behaviour §3.8). A removal clears `active_flag` (the row stays for the
 * changelog and for Pipedrive's `active_flag`); one active row per deal and person. A purge of the
 * deal or the person deletes the rows with it.
 */
export const dealParticipants = pgTable(
  'deal_participants',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    addTime: addTime(),
    addedByUserId: ref('added_by_user_id'),
    activeFlag: boolean('active_flag').notNull().default(true),
  },
  (t) => [
    uniqueIndex('deal_participants_active_idx')
      .on(t.companyId, t.dealId, t.personId)
      .where(sql`${t.activeFlag}`),
    // the person's deals they take part in, and merges re-pointing a person
    index('deal_participants_person_idx').on(t.companyId, t.personId),
  ],
);
