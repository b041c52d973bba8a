import { bigint, boolean, index, jsonb, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';
import type { FormField, FormSettings } from './schema.ts';

/**
 * LeadBooster web forms (behaviour §4.2). `fields` and `settings` are jsonb whose shape is the zod
 * schemas' (FormField, FormSettings), parsed on every write. The public id is what strangers see; the
 * signing key signs the fill-time token of the public page (one per form, so several nodes agree).
 */
export const webForms = pgTable(
  'web_forms',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    target: text('target', { enum: ['lead', 'deal'] })
      .notNull()
      .default('lead'),
    pipelineId: ref('pipeline_id'),
    stageId: ref('stage_id'),
    /** owner of what a submission creates, and who is told of it */
    ownerId: ref('owner_id').notNull(),
    /** lead label uuids (target lead) or deal label ids (target deal), as text */
    labelIds: jsonb('label_ids').$type<(string | number)[]>().notNull().default([]),
    /** visible_to of what a submission creates (not of the form: forms are the company's) */
    itemVisibleTo: smallint('item_visible_to'),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    settings: jsonb('settings').$type<FormSettings>().notNull(),
    signingKey: text('signing_key').notNull(),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('web_forms_company_idx').on(t.companyId, t.id)],
);

/**
 * The public id of a form → its company: read across companies by design (the unguessable id is
 * what tells the company, like an API token's hash), so web_forms itself stays company-scoped.
 */
export const webFormPublicIds = pgTable('web_form_public_ids', {
  publicId: text('public_id').primaryKey(),
  companyId: companyId(),
  formId: bigint('form_id', { mode: 'number' }).notNull(),
});

/** One accepted submission: what was sent, the consent given, and what it created or reused. */
export const webFormSubmissions = pgTable(
  'web_form_submissions',
  {
    id: id(),
    companyId: companyId(),
    formId: bigint('form_id', { mode: 'number' }).notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull(),
    consentText: text('consent_text'),
    consentTime: tstz('consent_time'),
    /** sha-256 of the form's key and the address: counts repeats, never shows the address */
    ipHash: text('ip_hash').notNull(),
    personId: ref('person_id'),
    organizationId: ref('organization_id'),
    personReused: boolean('person_reused').notNull().default(false),
    organizationReused: boolean('organization_reused').notNull().default(false),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    addTime: addTime(),
  },
  (t) => [index('web_form_submissions_form_idx').on(t.companyId, t.formId, t.id)],
);
