import { z } from 'zod';
import { entityId, name255, text, visibleTo } from '../../http/fields.ts';

/** Where a form field's answer goes: built-in fields, or a deal/lead custom field by its 40-hex key. */
export const BUILT_IN_TARGETS = [
  'person.name',
  'person.email',
  'person.phone',
  'organization.name',
  'organization.address',
  'lead.title',
  'lead.value',
  'deal.title',
  'deal.value',
] as const;
export type BuiltInTarget = (typeof BUILT_IN_TARGETS)[number];
export const CUSTOM_KEY = /^[0-9a-f]{40}$/;

/** Custom field types a form can fill from one text input (others need pickers a public page lacks). */
export const FORM_CUSTOM_TYPES = ['varchar', 'varchar_auto', 'text', 'double', 'phone', 'date'] as const;

const mapsTo = z
  .string()
  .refine((v) => (BUILT_IN_TARGETS as readonly string[]).includes(v) || CUSTOM_KEY.test(v), {
    message: `expected one of ${BUILT_IN_TARGETS.join(', ')} or a custom field key (40 hex characters)`,
  });

/** One input of the public form. */
export const FormField = z.object({
  maps_to: mapsTo,
  label: name255,
  required: z.boolean().default(false),
  help_text: text(500).nullable().default(null),
});
export type FormField = z.infer<typeof FormField>;

/** A value set by the builder, not the visitor (e.g. campaign); `?name=` on the page URL overrides it. */
export const HiddenField = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter, at most 40'),
  value: text(500).default(''),
  /** a custom field key that receives the value, or null to keep it with the submission only */
  maps_to: z
    .string()
    .regex(CUSTOM_KEY, 'expected a custom field key (40 hex characters)')
    .nullable()
    .default(null),
});

const url = z
  .string()
  .max(2000, 'at most 2000 characters')
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an http or https URL');

export const FormSettings = z.object({
  /** shown above the fields */
  description: text(2000).nullable().default(null),
  submit_label: text(100).nullable().default(null),
  /** the consent checkbox; the visitor must tick it when there is one */
  consent_text: text(2000).nullable().default(null),
  success_message: text(2000).nullable().default(null),
  /** after a submission the visitor goes here instead of seeing the success message */
  redirect_url: url.nullable().default(null),
  hidden_fields: z.array(HiddenField).max(20, 'at most 20 hidden fields').default([]),
  /** the public page's own words (labels are the builder's) */
  language: z.enum(['en', 'sv']).default('en'),
});
export type FormSettings = z.infer<typeof FormSettings>;

const labelId = z.union([z.uuid(), z.number().int().positive()], {
  error: 'expected a lead label uuid or a deal label id',
});

const formFields = z
  .array(FormField)
  .min(1, 'a form needs at least one field')
  .max(30, 'at most 30 fields')
  .refine((f) => new Set(f.map((x) => x.maps_to)).size === f.length, 'each maps_to at most once');

export const CreateWebFormBody = z.object({
  name: name255,
  target: z.enum(['lead', 'deal']).default('lead'),
  pipeline_id: entityId.optional(),
  stage_id: entityId.optional(),
  owner_id: entityId.optional(),
  label_ids: z.array(labelId).max(20, 'at most 20 labels').default([]),
  visible_to: visibleTo.optional(),
  fields: formFields,
  settings: FormSettings.default(FormSettings.parse({})),
});
export type CreateWebFormInput = z.infer<typeof CreateWebFormBody>;

export const UpdateWebFormBody = z.object({
  name: name255.optional(),
  target: z.enum(['lead', 'deal']).optional(),
  pipeline_id: entityId.nullable().optional(),
  stage_id: entityId.nullable().optional(),
  owner_id: entityId.optional(),
  label_ids: z.array(labelId).max(20, 'at most 20 labels').optional(),
  visible_to: visibleTo.nullable().optional(),
  fields: formFields.optional(),
  settings: FormSettings.optional(),
});
export type UpdateWebFormInput = z.infer<typeof UpdateWebFormBody>;

export const WebForm = z
  .object({
    id: z.number().int(),
    public_id: z.string(),
    name: z.string(),
    target: z.enum(['lead', 'deal']),
    pipeline_id: z.number().int().nullable(),
    stage_id: z.number().int().nullable(),
    owner_id: z.number().int(),
    label_ids: z.array(z.union([z.string(), z.number()])),
    visible_to: z.number().int().nullable(),
    fields: z.array(
      z.object({
        maps_to: z.string(),
        label: z.string(),
        required: z.boolean(),
        help_text: z.string().nullable(),
      }),
    ),
    settings: z.object({
      description: z.string().nullable(),
      submit_label: z.string().nullable(),
      consent_text: z.string().nullable(),
      success_message: z.string().nullable(),
      redirect_url: z.string().nullable(),
      hidden_fields: z.array(
        z.object({ name: z.string(), value: z.string(), maps_to: z.string().nullable() }),
      ),
      language: z.enum(['en', 'sv']),
    }),
    public_url: z.string(),
    embed_snippet: z.string(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'WebForm' });

export const WebFormSubmission = z
  .object({
    id: z.number().int(),
    form_id: z.number().int(),
    data: z.record(z.string(), z.string()),
    consent_text: z.string().nullable(),
    consent_time: z.string().nullable(),
    person_id: z.number().int().nullable(),
    organization_id: z.number().int().nullable(),
    person_reused: z.boolean(),
    organization_reused: z.boolean(),
    lead_id: z.string().nullable(),
    deal_id: z.number().int().nullable(),
    add_time: z.string(),
  })
  .meta({ id: 'WebFormSubmission' });

export const SubmissionsQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a cursor from next_cursor')
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'expected an integer from 1 to 500')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'expected an integer from 1 to 500')
    .optional(),
});
