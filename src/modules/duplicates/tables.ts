import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, userRef } from '../../db/columns.ts';

/**
 * Pairs a user said are not duplicates ("Not a duplicate" in the merge tool's list): left out of
 * GET /api/ext/duplicates/pairs and of the look-up of an existing record (GET /api/ext/duplicates?id=).
 * A pair is stored once, lower id first; `kind` says whether the ids are persons or organizations
 * (no foreign key: one table for both kinds; a dismissal of a purged record is harmless).
 */
export const duplicateDismissals = pgTable(
  'duplicate_dismissals',
  {
    id: id(),
    companyId: companyId(),
    kind: text('kind', { enum: ['person', 'organization'] }).notNull(),
    lowId: ref('low_id').notNull(),
    highId: ref('high_id').notNull(),
    userId: userRef('user_id'),
    addTime: addTime(),
  },
  // the pair, once (also the look-up by low_id); the look-up of a record's dismissals by high_id
  (t) => [
    uniqueIndex('duplicate_dismissals_pair_idx').on(t.companyId, t.kind, t.lowId, t.highId),
    index('duplicate_dismissals_high_idx').on(t.companyId, t.kind, t.highId),
  ],
);
