import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, numeric, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, updateTime } from '../../db/columns.ts';

export interface Address {
  value: string | null;
  country: string | null;
  admin_area_level_1: string | null;
  admin_area_level_2: string | null;
  locality: string | null;
  sublocality: string | null;
  route: string | null;
  street_number: string | null;
  subpremise: string | null;
  postal_code: string | null;
}

export interface ContactChannel {
  value: string;
  primary: boolean;
  label: string;
}

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    /** name folded for duplicate matching (case, accents, punctuation, word order); see duplicates */
    nameKey: text('name_key'),
    ownerId: ref('owner_id').notNull(),
    visibleTo: smallint('visible_to').notNull().default(3),
    address: jsonb('address').$type<Address | null>(),
    labelIds: integer('label_ids').array().notNull().default(sql`'{}'::integer[]`),
    website: text('website'),
    linkedin: text('linkedin'),
    industry: integer('industry'),
    annualRevenue: numeric('annual_revenue'),
    employeeCount: integer('employee_count'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('organizations_company_idx').on(t.companyId, t.id),
    index('organizations_owner_idx').on(t.companyId, t.ownerId),
    index('organizations_update_idx').on(t.companyId, t.updateTime),
    index('organizations_add_idx').on(t.companyId, t.addTime),
    index('organizations_name_key_idx').on(t.companyId, t.nameKey),
    index('organizations_name_trgm').using('gin', sql`f_unaccent(lower(${t.name})) gin_trgm_ops`),
    // the list's custom-field filter: `custom_fields @> {"<key>": value}` (as deals_custom_fields_gin)
    index('organizations_custom_fields_gin').using('gin', sql`${t.customFields} jsonb_path_ops`),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    /** name folded for duplicate matching (case, accents, punctuation, word order); see duplicates */
    nameKey: text('name_key'),
    /**
     * the name unaccented and lower-cased (`f_unaccent(lower(name))`, foldedName in name-key.ts),
     * written with every name: the duplicate look-up's trigram index reads it instead of folding
     * every row it scores (a generated column broke the embedded database)
     */
    nameFolded: text('name_folded'),
    /**
     * the duplicate look-up's blocking keys (`f_name_blocks(name)`, nameBlocks in name-key.ts): each
     * folded word of the name, each word with one letter left out (a typo away), adjacent words joined;
     * written with every name, read through the GIN index persons_name_blocks_gin
     */
    nameBlocks: text('name_blocks').array(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    ownerId: ref('owner_id').notNull(),
    orgId: ref('org_id'),
    visibleTo: smallint('visible_to').notNull().default(3),
    labelIds: integer('label_ids').array().notNull().default(sql`'{}'::integer[]`),
    pictureId: ref('picture_id'),
    emails: jsonb('emails').$type<ContactChannel[]>().notNull().default([]),
    phones: jsonb('phones').$type<ContactChannel[]>().notNull().default([]),
    postalAddress: jsonb('postal_address').$type<Address | null>(),
    notes: text('notes'),
    im: jsonb('im').$type<ContactChannel[]>().notNull().default([]),
    birthday: date('birthday', { mode: 'string' }),
    jobTitle: text('job_title'),
    marketingStatus: text('marketing_status'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('persons_company_idx').on(t.companyId, t.id),
    index('persons_owner_idx').on(t.companyId, t.ownerId),
    index('persons_org_idx').on(t.companyId, t.orgId),
    index('persons_update_idx').on(t.companyId, t.updateTime),
    index('persons_add_idx').on(t.companyId, t.addTime),
    index('persons_name_key_idx').on(t.companyId, t.nameKey),
    index('persons_name_trgm').using('gin', sql`f_unaccent(lower(${t.name})) gin_trgm_ops`),
    // the list's custom-field filter: `custom_fields @> {"<key>": value}` (as deals_custom_fields_gin)
    index('persons_custom_fields_gin').using('gin', sql`${t.customFields} jsonb_path_ops`),
    index('persons_name_folded_trgm').using('gin', sql`${t.nameFolded} gin_trgm_ops`),
    index('persons_name_blocks_gin').using('gin', t.nameBlocks),
  ],
);

/**
 * Normalised e-mail addresses and phone numbers of persons, one row each, kept by the contacts
 * service beside `persons.emails/phones`: exact look-ups (search, duplicates) use this index.
 */
export const personChannels = pgTable(
  'person_channels',
  {
    companyId: companyId(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['email', 'phone'] }).notNull(),
    value: text('value').notNull(),
    /** lower-cased trimmed e-mail, or phone in E.164 (digits only when it cannot be parsed) */
    normalized: text('normalized').notNull(),
  },
  (t) => [
    index('person_channels_lookup_idx').on(t.companyId, t.kind, t.normalized),
    index('person_channels_person_idx').on(t.personId),
  ],
);
