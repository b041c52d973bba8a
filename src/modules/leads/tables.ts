import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { addTime, companyId, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';

export const LEAD_LABEL_COLORS = [
  'blue',
  'brown',
  'dark-gray',
  'gray',
  'green',
  'orange',
  'pink',
  'purple',
  'red',
  'yellow',
] as const;

export const leadLabels = pgTable(
  'lead_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    name: text('name').notNull(),
    color: text('color', { enum: LEAD_LABEL_COLORS }).notNull(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('lead_labels_company_idx').on(t.companyId)],
);

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    title: text('title').notNull(),
    ownerId: ref('owner_id').notNull(),
    creatorId: ref('creator_id').notNull(),
    personId: ref('person_id'),
    organizationId: ref('organization_id'),
    labelIds: uuid('label_ids').array().notNull().default(sql`'{}'::uuid[]`),
    sourceName: text('source_name').notNull(),
    origin: text('origin').notNull(),
    originId: text('origin_id'),
    channel: integer('channel'),
    channelId: text('channel_id'),
    sourceDealId: bigint('source_deal_id', { mode: 'number' }),
    isArchived: boolean('is_archived').notNull().default(false),
    archiveTime: tstz('archive_time'),
    wasSeen: boolean('was_seen').notNull().default(false),
    valueAmount: numeric('value_amount'),
    valueCurrency: text('value_currency'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    nextActivityId: ref('next_activity_id'),
    visibleTo: smallint('visible_to').notNull().default(3),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('leads_list_idx').on(t.companyId, t.isArchived, t.addTime, t.id),
    index('leads_owner_idx').on(t.companyId, t.ownerId),
    index('leads_person_idx').on(t.companyId, t.personId),
    index('leads_org_idx').on(t.companyId, t.organizationId),
    index('leads_update_idx').on(t.companyId, t.updateTime),
    // Only leads that are not deleted are searched: a soft-deleted (or converted) lead leaves the
    // title index instead of adding its trigrams again (an update writes new index entries).
    index('leads_title_trgm')
      .using('gin', sql`f_unaccent(lower(${t.title})) gin_trgm_ops`)
      .where(sql`NOT ${t.isDeleted}`),
    // the inbox's custom-field filter: `custom_fields @> {"<key>": value}` (as deals_custom_fields_gin)
    index('leads_custom_fields_gin').using('gin', sql`${t.customFields} jsonb_path_ops`),
  ],
);
