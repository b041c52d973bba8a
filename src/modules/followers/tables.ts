import { bigint, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref } from '../../db/columns.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';

/*
 * Users who follow a deal, a person or an organization (behaviour §3.8): following grants visibility
 * (users/visibility.ts asks these tables) and the follower changelogs come from audit events. The
 * unique index (company, item, user) is also the index of the visibility look-up. Products keep their
 * own table (products/tables.ts) in the same shape.
 */

export const dealFollowers = pgTable(
  'deal_followers',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    userId: ref('user_id').notNull(),
    addTime: addTime(),
  },
  (t) => [uniqueIndex('deal_followers_user_idx').on(t.companyId, t.dealId, t.userId)],
);

export const personFollowers = pgTable(
  'person_followers',
  {
    id: id(),
    companyId: companyId(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    userId: ref('user_id').notNull(),
    addTime: addTime(),
  },
  (t) => [uniqueIndex('person_followers_user_idx').on(t.companyId, t.personId, t.userId)],
);

export const organizationFollowers = pgTable(
  'organization_followers',
  {
    id: id(),
    companyId: companyId(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: ref('user_id').notNull(),
    addTime: addTime(),
  },
  (t) => [uniqueIndex('organization_followers_user_idx').on(t.companyId, t.orgId, t.userId)],
);
