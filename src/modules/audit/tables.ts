import { bigint, boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { companyId, id, tstz } from '../../db/columns.ts';

export interface FieldChange {
  field_key: string;
  /** custom fields: the field's name when the change was made (history reads it after a delete) */
  field_name?: string;
  old_value: unknown;
  new_value: unknown;
}

/**
 * One row per mutation of a record, written in the same transaction as the change. The changelog
 * endpoints, the deal flow and webhook deliveries read from here.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    companyId: companyId(),
    itemType: text('item_type').notNull(),
    itemId: text('item_id').notNull(),
    action: text('action', { enum: ['create', 'change', 'delete', 'restore', 'merge', 'convert'] }).notNull(),
    actorType: text('actor_type').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    changeSource: text('change_source').notNull(),
    userAgent: text('user_agent'),
    isBulk: boolean('is_bulk').notNull().default(false),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
    time: tstz('time').notNull().defaultNow(),
  },
  (t) => [index('audit_events_item_idx').on(t.companyId, t.itemType, t.itemId, t.id)],
);
