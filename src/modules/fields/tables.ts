import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, softDelete, updateTime, userRef } from '../../db/columns.ts';

/** v1 numeric ids of custom fields and options start here: 1..9999 are the built-in fields' ids. */
const FIRST_CUSTOM_ID = 10_000;
const customId = () =>
  bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: FIRST_CUSTOM_ID });

/**
 * A company's custom fields (the built-in ones live in code: system.ts). `key` is the 40-hex hash that
 * names the field in values, the v1 root key and the v2 `field_code`.
 */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    id: customId(),
    companyId: companyId(),
    entity: text('entity').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    fieldType: text('field_type').notNull(),
    orderNr: integer('order_nr').notNull().default(0),
    description: text('description'),
    formula: text('formula'),
    addVisibleFlag: boolean('add_visible_flag').notNull().default(true),
    detailsVisibleFlag: boolean('details_visible_flag').notNull().default(true),
    importantFlag: boolean('important_flag').notNull().default(false),
    mandatoryFlag: boolean('mandatory_flag').notNull().default(false),
    uiVisibility: jsonb('ui_visibility').$type<Record<string, unknown>>(),
    importantFields: jsonb('important_fields').$type<Record<string, unknown>>(),
    requiredFields: jsonb('required_fields').$type<Record<string, unknown>>(),
    createdByUserId: userRef('created_by_user_id'),
    lastUpdatedByUserId: userRef('last_updated_by_user_id'),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    uniqueIndex('field_definitions_key_idx').on(t.companyId, t.entity, t.key),
    index('field_definitions_order_idx').on(t.companyId, t.entity, t.orderNr, t.id),
  ],
);

/** The options of enum and set fields; values hold their ids. */
export const fieldOptions = pgTable(
  'field_options',
  {
    id: customId(),
    companyId: companyId(),
    fieldId: bigint('field_id', { mode: 'number' })
      .notNull()
      .references(() => fieldDefinitions.id),
    label: text('label').notNull(),
    color: text('color'),
    orderNr: integer('order_nr').notNull().default(0),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('field_options_field_idx').on(t.companyId, t.fieldId, t.orderNr).where(sql`NOT ${t.isDeleted}`),
  ],
);
