import { z } from 'zod';
import { abort, entityId, name255, text } from '../../http/fields.ts';
import { v1Paging, v2Paging } from '../../http/query.ts';
import type { ListedEntity } from './system.ts';
import { CUSTOM_FIELD_TYPES, type FieldEntity } from './types.ts';

// ---------------------------------------------------------------- responses

const v1Option = z.object({ id: z.union([z.number().int(), z.string()]), label: z.string() });

const v1FieldShape = {
  id: z.number().int().nullable(),
  key: z.string(),
  name: z.string(),
  order_nr: z.number().int(),
  field_type: z.string(),
  add_time: z.string().nullable(),
  update_time: z.string().nullable(),
  last_updated_by_user_id: z.number().int().nullable(),
  created_by_user_id: z.number().int().nullable(),
  active_flag: z.boolean(),
  edit_flag: z.boolean(),
  index_visible_flag: z.boolean(),
  details_visible_flag: z.boolean(),
  add_visible_flag: z.boolean(),
  important_flag: z.boolean(),
  bulk_edit_allowed: z.boolean(),
  searchable_flag: z.boolean(),
  filtering_allowed: z.boolean(),
  sortable_flag: z.boolean(),
  mandatory_flag: z.boolean(),
  options: z.array(v1Option).nullable(),
  options_deleted: z.array(v1Option).optional(),
  is_subfield: z.boolean().optional(),
};

const V1Subfield = z.object(v1FieldShape).meta({ id: 'FieldSubfieldV1' });

/** v1 `Field` (deal, person, organization, product, lead and activity fields). */
export const V1Field = z
  .object({ ...v1FieldShape, subfields: z.array(V1Subfield).optional() })
  .meta({ id: 'FieldV1' });

/** v1 note field: a narrower shape. */
export const V1NoteField = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    field_type: z.string(),
    active_flag: z.boolean(),
    edit_flag: z.boolean(),
    bulk_edit_allowed: z.boolean(),
    mandatory_flag: z.boolean(),
    options: z.array(v1Option),
  })
  .meta({ id: 'NoteFieldV1' });

const V2Option = z.object({
  id: z.union([z.number().int(), z.string()]),
  label: z.string(),
  color: z.string().nullable(),
  add_time: z.string().nullable(),
  update_time: z.string().nullable(),
});

const V2Subfield = z.object({ field_code: z.string(), field_name: z.string(), field_type: z.string() });

const v2FieldShape = {
  field_code: z.string(),
  field_name: z.string(),
  field_type: z.string(),
  is_custom_field: z.boolean(),
  is_optional_response_field: z.boolean(),
  description: z.string().nullable().optional(),
  options: z.array(V2Option).nullable(),
  subfields: z.array(V2Subfield).nullable(),
};

/** v2 `Field`; the three namespaces only when include_fields asks for them. */
export const V2Field = z
  .object({
    ...v2FieldShape,
    ui_visibility: z.record(z.string(), z.unknown()).optional(),
    important_fields: z.record(z.string(), z.unknown()).optional(),
    required_fields: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'FieldV2' });

export const V2DeletedField = z.object(v2FieldShape).meta({ id: 'DeletedFieldV2' });

export const V2OptionResult = z.object({ id: z.number().int(), label: z.string() });

export const OptionsResponse = z.object({
  success: z.literal(true),
  data: z.array(V2OptionResult),
  additional_data: z.null(),
});

export const FormulaView = z
  .object({ field_code: z.string(), expression: z.string().nullable(), readable: z.string().nullable() })
  .meta({ id: 'FormulaField' });

// ---------------------------------------------------------------- parameters and queries

export const V1ListQuery = z.object(v1Paging);

export const V1BulkDeleteQuery = z.object({
  ids: z
    .string()
    .max(2000, { ...abort, message: 'at most 2000 characters' })
    .regex(/^\s*\d{1,15}\s*(,\s*\d{1,15}\s*)*$/, 'expected comma-separated integer ids')
    .transform((v) => v.split(',').map((s) => Number(s.trim())))
    .refine((ids) => ids.length <= 100, 'at most 100 ids'),
});

export const FieldCodeParam = z.object({
  field_code: z
    .string()
    .min(1)
    .max(64, { ...abort, message: 'at most 64 characters' })
    .regex(/^[A-Za-z0-9_]+$/, 'expected a field code: letters, digits and _'),
});

/** The include_fields namespaces each entity has (spec §1.2). */
export const INCLUDABLE: Readonly<Record<ListedEntity, readonly string[]>> = {
  deal: ['ui_visibility', 'important_fields', 'required_fields'],
  person: ['ui_visibility', 'important_fields', 'required_fields'],
  organization: ['ui_visibility', 'important_fields', 'required_fields'],
  product: ['ui_visibility'],
  activity: ['ui_visibility'],
  lead: [],
  note: [],
  project: ['ui_visibility'],
};

const includeFields = (entity: ListedEntity) => {
  const allowed = INCLUDABLE[entity] as [string, ...string[]];
  return z
    .string()
    .max(200, { ...abort, message: 'at most 200 characters' })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowed, { error: `expected any of ${allowed.join(', ')}` })))
    .optional();
};

export const v2ListQuery = (entity: ListedEntity) =>
  z.object({ include_fields: includeFields(entity), ...v2Paging });
export const v2GetQuery = (entity: ListedEntity) => z.object({ include_fields: includeFields(entity) });

// ---------------------------------------------------------------- bodies

const fieldType = z.enum(CUSTOM_FIELD_TYPES, {
  error: `expected one of ${CUSTOM_FIELD_TYPES.join(', ')}`,
});

const label = name255;
const MAX_OPTIONS = 1000;

const newOption = z.object({ label });
const options = z.array(newOption).max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`);

const ids = z.array(entityId).max(MAX_OPTIONS, `at most ${MAX_OPTIONS} ids`);
const dialog = z.object({
  show: z.boolean().optional(),
  order: z.number().int().min(0).max(10_000).nullable().optional(),
});

const baseUi = { add_visible_flag: z.boolean().optional(), details_visible_flag: z.boolean().optional() };

const UI_VISIBILITY = {
  deal: z.object({
    ...baseUi,
    projects_detail_visible_flag: z.boolean().optional(),
    show_in_pipelines: z
      .object({ show_in_all: z.boolean().optional(), pipeline_ids: ids.optional() })
      .optional(),
  }),
  person: z.object({ ...baseUi, show_in_add_deal_dialog: dialog.optional() }),
  organization: z.object({
    ...baseUi,
    org_detail_visible_flag: z.boolean().optional(),
    person_detail_visible_flag: z.boolean().optional(),
    deal_detail_visible_flag: z.boolean().optional(),
    show_in_add_deal_dialog: dialog.optional(),
    show_in_add_person_dialog: dialog.optional(),
  }),
  product: z.object(baseUi),
} as const;

const importantFields = z.object({ enabled: z.boolean().optional(), stage_ids: ids.optional() });
const dealRequiredFields = z.object({
  enabled: z.boolean().optional(),
  stage_ids: ids.optional(),
  statuses: z
    .record(
      z.string().regex(/^\d{1,15}$/, 'expected a pipeline id'),
      z.array(z.enum(['won', 'lost'], { error: 'expected won or lost' })).max(2),
    )
    .refine((r) => Object.keys(r).length <= 1000, 'at most 1000 pipelines')
    .optional(),
});
const requiredFields = z.object({ enabled: z.boolean().optional() });

/** A key whose value cannot be changed through this route: refused when sent. */
const refusedKeys = (keys: Record<string, string>) => (v: Record<string, unknown>, c: z.RefinementCtx) => {
  for (const [key, message] of Object.entries(keys))
    if (v[key] !== undefined) c.addIssue({ code: 'custom', path: [key], message });
};

const v2Settings = (entity: FieldEntity) => ({
  field_name: name255,
  ui_visibility: UI_VISIBILITY[entity].optional(),
  ...(entity === 'product'
    ? {}
    : {
        important_fields: importantFields.optional(),
        required_fields: (entity === 'deal' ? dealRequiredFields : requiredFields).optional(),
      }),
  ...(entity === 'deal' ? { description: text(1000).nullable().optional() } : {}),
});

export const v2AddBody = (entity: FieldEntity) =>
  z.object({ ...v2Settings(entity), field_type: fieldType, options: options.optional() });

const IMMUTABLE = {
  field_type: 'field_type cannot be changed',
  options: 'options change through the /options endpoints',
  field_code: 'field_code cannot be changed',
};

export const v2UpdateBody = (entity: FieldEntity) =>
  z
    .object({
      ...v2Settings(entity),
      field_name: name255.optional(),
      field_type: z.unknown().optional(),
      options: z.unknown().optional(),
      field_code: z.unknown().optional(),
    })
    .superRefine(refusedKeys(IMMUTABLE))
    .refine((v) => Object.values(v).some((x) => x !== undefined), {
      message: 'at least one of the field settings must be given',
      path: ['field_name'],
    });

export const AddOptionsBody = z
  .array(newOption)
  .min(1, 'at least one option')
  .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`);
export const UpdateOptionsBody = z
  .array(z.object({ id: entityId, label }))
  .min(1, 'at least one option')
  .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`);
export const DeleteOptionsBody = z
  .array(z.object({ id: entityId }))
  .min(1, 'at least one option')
  .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`);

/** v1 CreateFieldRequest (and the product variant, which has no add_visible_flag). */
export const v1AddBody = (entity: FieldEntity) =>
  z.object({
    name: name255,
    field_type: fieldType,
    options: options.optional(),
    ...(entity === 'product' ? {} : { add_visible_flag: z.boolean().optional() }),
  });

/** v1 UpdateFieldRequest: options replace the live ones as a whole. */
export const v1UpdateBody = (entity: FieldEntity) =>
  z
    .object({
      name: name255.optional(),
      options: z
        .array(z.object({ id: entityId.optional(), label }))
        .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`)
        .optional(),
      ...(entity === 'product' ? {} : { add_visible_flag: z.boolean().optional() }),
      field_type: z.unknown().optional(),
    })
    .superRefine(refusedKeys({ field_type: IMMUTABLE.field_type }));

/**
 * Pipewright's one-call save of a custom field (Settings → Data fields): its name, its options as the
 * whole wanted list in order (with an id: kept, renamed, moved; without: added; a live one left out:
 * deleted), its important and required settings and, on a deal number or money field, its formula
 * (an expression, null to remove it). All of it in one transaction, or nothing.
 */
export const saveFieldBody = (entity: FieldEntity) =>
  z
    .object({
      field_name: name255.optional(),
      options: z
        .array(z.object({ id: entityId.optional(), label }))
        .min(1, 'at least one option')
        .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`)
        .optional(),
      ...(entity === 'product'
        ? {}
        : {
            important_fields: importantFields.optional(),
            required_fields: (entity === 'deal' ? dealRequiredFields : requiredFields).optional(),
          }),
      formula:
        entity === 'deal'
          ? z
              .string()
              .max(10_000, { ...abort, message: 'at most 10000 characters' })
              .nullable()
              .optional()
          : z.unknown().optional(),
      field_type: z.unknown().optional(),
      field_code: z.unknown().optional(),
    })
    .superRefine(
      refusedKeys({
        field_type: IMMUTABLE.field_type,
        field_code: IMMUTABLE.field_code,
        ...(entity === 'deal' ? {} : { formula: 'only deal fields hold a formula' }),
      }),
    )
    .refine((v) => Object.values(v).some((x) => x !== undefined), {
      message: 'at least one of the field settings must be given',
      path: ['field_name'],
    });
export type SaveFieldBodyT = z.output<ReturnType<typeof saveFieldBody>>;

export const SavedField = z
  .object({ field: V2Field, formula: FormulaView.nullable() })
  .meta({ id: 'SavedField' });

export const FormulaBody = z.object({
  expression: z
    .string()
    .max(10_000, { ...abort, message: 'at most 10000 characters' })
    .nullable(),
});

const fieldCode = FieldCodeParam.shape.field_code;

/** Pipewright's reorder of an entity's custom fields: their codes in the new order. */
export const FieldOrderBody = z.object({
  field_codes: z
    .array(fieldCode)
    .min(1, 'at least one field')
    .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} fields`),
});
export const FieldOrderResult = z
  .object({ field_code: z.string(), order_nr: z.number().int() })
  .meta({ id: 'FieldOrder' });

/** Pipewright's reorder of an enum or set field's options: their ids in the new order. */
export const OptionOrderBody = z.object({
  option_ids: z
    .array(entityId)
    .min(1, 'at least one option')
    .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`),
});

export const FormulaPreviewBody = z.object({
  expression: z.string().max(10_000, { ...abort, message: 'at most 10000 characters' }),
  deal_id: entityId.optional(),
  field_code: fieldCode.optional(),
});
export const FormulaPreview = z
  .object({
    valid: z.boolean(),
    error: z.object({ code: z.string(), message: z.string(), position: z.number().int() }).optional(),
    readable: z.string().nullable(),
    value: z.number().nullable().optional(),
    currency: z.string().optional(),
  })
  .meta({ id: 'FormulaPreview' });

// ---------------------------------------------------------------- the lists' one-field filter

const customKey = z.string().regex(/^[0-9a-f]{40}$/, 'expected a custom field key (40 hex characters)');

/** The one-field filter the lists take (Pipewright's own parameters; Pipedrive's lists have none). */
export const customFilterParams = {
  /** only records whose custom field holds custom_field_value (an option id, a number, a text…) */
  custom_field_code: customKey.optional(),
  custom_field_value: text(255).optional(),
};
export type CustomFilterInput = {
  custom_field_code?: string | undefined;
  custom_field_value?: string | undefined;
};
