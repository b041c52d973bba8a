import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { pipelines, stages } from '../pipelines/tables.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import { insertOptions, replaceOptions } from './options.ts';
import { codeOf, type ListedEntity, SYSTEM_FIELDS, type SystemField, systemField } from './system.ts';
import { fieldDefinitions, fieldOptions } from './tables.ts';
import { type CustomFieldType, type FieldEntity, OPTION_TYPES } from './types.ts';

export type FieldRow = typeof fieldDefinitions.$inferSelect;
export type OptionRow = typeof fieldOptions.$inferSelect;

/** A field as the APIs show it: built in (code) or the company's own, with its options. */
export type Field =
  | { kind: 'system'; entity: ListedEntity; field: SystemField }
  | {
      kind: 'custom';
      entity: ListedEntity;
      row: FieldRow;
      options: OptionRow[];
      deletedOptions: OptionRow[];
    };

/** How a request names a field: v1 by numeric id, v2 by field_code (a built-in name or the 40-hex key). */
export type FieldRefInput = { id: number } | { code: string };

/** The first id of a custom field: the ids below are the built-in fields' (tables.ts). */
const FIRST_CUSTOM_ID = 10_000;
const KEY = /^[0-9a-f]{40}$/;

// ---------------------------------------------------------------- reading

/** The entity whose definitions a listed entity's custom fields are: leads use the deal fields. */
function definedBy(entity: ListedEntity): FieldEntity | null {
  if (entity === 'lead') return 'deal';
  if (entity === 'activity' || entity === 'note' || entity === 'project') return null;
  return entity;
}

/** Custom rows of a listed entity: lead fields are the deal fields except formula fields. */
function customRowsOf(ctx: Ctx, entity: ListedEntity, extra?: SQL) {
  const defined = definedBy(entity);
  if (!defined) return null;
  return and(
    scoped(ctx, fieldDefinitions),
    eq(fieldDefinitions.entity, defined),
    entity === 'lead' ? sql`${fieldDefinitions.formula} IS NULL` : undefined,
    extra,
  );
}

async function withOptions(ctx: Ctx, entity: ListedEntity, rows: FieldRow[]): Promise<Field[]> {
  const ids = rows.filter((r) => OPTION_TYPES.includes(r.fieldType as CustomFieldType)).map((r) => r.id);
  const options =
    ids.length === 0
      ? []
      : await ctx.db
          .select()
          .from(fieldOptions)
          .where(and(scoped(ctx, fieldOptions, { deleted: 'too' }), inArray(fieldOptions.fieldId, ids)))
          .orderBy(asc(fieldOptions.orderNr), asc(fieldOptions.id));
  return rows.map((row) => {
    const own = options.filter((o) => o.fieldId === row.id);
    return {
      kind: 'custom',
      entity,
      row,
      options: own.filter((o) => !o.isDeleted),
      deletedOptions: own.filter((o) => o.isDeleted),
    };
  });
}

const system = (entity: ListedEntity) =>
  SYSTEM_FIELDS[entity].map((field): Field => ({ kind: 'system', entity, field }));

/** Up to `want` custom fields in their order (after a keyset or an offset), with their options. */
async function customFields(
  ctx: Ctx,
  entity: ListedEntity,
  want: number,
  at: { after?: SQL | undefined; offset?: number },
): Promise<Field[]> {
  const where = customRowsOf(ctx, entity, at.after);
  if (!where || want <= 0) return [];
  const rows = await ctx.db
    .select()
    .from(fieldDefinitions)
    .where(where)
    .orderBy(asc(fieldDefinitions.orderNr), asc(fieldDefinitions.id))
    .offset(at.offset ?? 0)
    .limit(want);
  return withOptions(ctx, entity, rows);
}

/** v1: an offset page over the built-in fields, then the custom ones in their order. */
export async function listFieldsOffset(
  ctx: Ctx,
  entity: ListedEntity,
  page: { start: number; limit: number },
): Promise<{ fields: Field[]; more: boolean }> {
  const builtIn = system(entity).slice(page.start, page.start + page.limit + 1);
  const offset = Math.max(0, page.start - SYSTEM_FIELDS[entity].length);
  const all = [...builtIn, ...(await customFields(ctx, entity, page.limit + 1 - builtIn.length, { offset }))];
  return { fields: all.slice(0, page.limit), more: all.length > page.limit };
}

/**
 * v2: a cursor page. The cursor is the last field's (order_nr, id): ids below 10000 are built-in
 * fields (listed first, by id), the rest custom fields by (order_nr, id).
 */
export async function listFieldsCursor(
  ctx: Ctx,
  entity: ListedEntity,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ fields: Field[]; nextCursor: string | null }> {
  const cursorAt = page.cursor ? decodeCursor(page.cursor) : null;
  if (
    cursorAt &&
    (typeof cursorAt.id !== 'number' || (cursorAt.id >= FIRST_CUSTOM_ID && typeof cursorAt.v !== 'number'))
  )
    throw new AppError('validation_failed', 'Validation failed: cursor: invalid cursor', 'cursor');
  const afterId = cursorAt?.id as number | undefined;
  const builtIn =
    afterId === undefined || afterId < FIRST_CUSTOM_ID
      ? system(entity)
          .filter((f) => f.kind === 'system' && f.field.id > (afterId ?? 0))
          .slice(0, page.limit + 1)
      : [];
  const after =
    afterId !== undefined && afterId >= FIRST_CUSTOM_ID
      ? sql`(${fieldDefinitions.orderNr}, ${fieldDefinitions.id}) > (${cursorAt?.v as number}, ${afterId})`
      : undefined;
  const all = [...builtIn, ...(await customFields(ctx, entity, page.limit + 1 - builtIn.length, { after }))];
  if (all.length <= page.limit) return { fields: all, nextCursor: null };
  const fields = all.slice(0, page.limit);
  const last = fields[fields.length - 1] as Field;
  const nextCursor =
    last.kind === 'system'
      ? encodeCursor({ v: null, id: last.field.id })
      : encodeCursor({ v: last.row.orderNr, id: last.row.id });
  return { fields, nextCursor };
}

/** A live field of the entity by v1 id or v2 field_code; 404 when the company has none. */
export async function getField(ctx: Ctx, entity: ListedEntity, ref: FieldRefInput): Promise<Field> {
  const builtIn = 'id' in ref ? systemField(entity, ref.id) : systemField(entity, ref.code);
  if (builtIn) return { kind: 'system', entity, field: builtIn };
  const row = await customRow(ctx, entity, ref);
  const [field] = await withOptions(ctx, entity, [row]);
  return field as Field;
}

async function customRow(ctx: Ctx, entity: ListedEntity, ref: FieldRefInput): Promise<FieldRow> {
  const by =
    'id' in ref
      ? ref.id >= FIRST_CUSTOM_ID
        ? eq(fieldDefinitions.id, ref.id)
        : null
      : KEY.test(ref.code)
        ? eq(fieldDefinitions.key, ref.code)
        : null;
  const where = by && customRowsOf(ctx, entity, by);
  const [row] = where ? await ctx.db.select().from(fieldDefinitions).where(where) : [];
  if (!row) throw notFound('Field');
  return row;
}

/** A custom field to change: built-in fields are refused with a 400, unknown ones are 404. */
export async function ownField(
  ctx: Ctx,
  entity: FieldEntity,
  ref: FieldRefInput,
  what: string,
): Promise<FieldRow> {
  const builtIn = 'id' in ref ? systemField(entity, ref.id) : systemField(entity, ref.code);
  if (builtIn)
    throw new AppError(
      'validation_failed',
      `Validation failed: ${'id' in ref ? 'id' : 'field_code'}: ${codeOf(builtIn)} is a built-in field and cannot be ${what}`,
      'id' in ref ? 'id' : 'field_code',
    );
  return customRow(ctx, entity, ref);
}

// ---------------------------------------------------------------- input and its rules

export interface OptionInput {
  label: string;
}

export interface ImportantFieldsInput {
  enabled?: boolean | undefined;
  stage_ids?: number[] | undefined;
}

export interface RequiredFieldsInput extends ImportantFieldsInput {
  statuses?: Record<string, ('won' | 'lost')[]> | undefined;
}

/** A field's settings in v2's words (v1 requests are mapped onto them). */
export interface FieldInput {
  field_name?: string | undefined;
  ui_visibility?: Record<string, unknown> | undefined;
  important_fields?: ImportantFieldsInput | undefined;
  required_fields?: RequiredFieldsInput | undefined;
  description?: string | null | undefined;
}

export interface AddFieldInput extends FieldInput {
  field_name: string;
  field_type: CustomFieldType;
  options?: OptionInput[] | undefined;
  /**
   * The key a field keeps when it comes from another system: a team moving from Pipedrive keeps its
   * integrations' 40-hex keys (imports, tests). Not taken from the API, which makes a new one.
   */
  key?: string | undefined;
}

type Json = Record<string, unknown>;

/** ui_visibility of a new field per entity, as v2 documents the defaults. */
function defaultUiVisibility(entity: ListedEntity, addVisible: boolean): Json {
  const base = { add_visible_flag: addVisible, details_visible_flag: true };
  switch (entity) {
    case 'deal':
      return {
        ...base,
        projects_detail_visible_flag: false,
        show_in_pipelines: { show_in_all: true, pipeline_ids: [] },
      };
    case 'person':
      return { ...base, show_in_add_deal_dialog: { show: false, order: null } };
    case 'organization':
      return {
        ...base,
        org_detail_visible_flag: true,
        person_detail_visible_flag: false,
        deal_detail_visible_flag: false,
        show_in_add_deal_dialog: { show: false, order: null },
        show_in_add_person_dialog: { show: false, order: null },
      };
    default:
      return base;
  }
}

export function defaultImportantFields(entity: ListedEntity): Json {
  return entity === 'product' || entity === 'activity' ? {} : { enabled: false, stage_ids: [] };
}

export function defaultRequiredFields(entity: ListedEntity): Json {
  return entity === 'deal' ? { enabled: false, stage_ids: [], statuses: {} } : { enabled: false };
}

/** Two levels of merge: a nested object sent in part keeps the keys it does not name. */
function merge(base: Json, patch: Json | undefined): Json {
  if (!patch) return base;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const old = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' && !Array.isArray(old)
        ? { ...(old as Json), ...(v as Json) }
        : v;
  }
  return out;
}

async function requireLive(
  ctx: Ctx,
  table: typeof stages | typeof pipelines,
  ids: number[],
  field: string,
  what: string,
) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await ctx.db
    .select({ id: table.id })
    .from(table)
    .where(and(scoped(ctx, table), inArray(table.id, wanted)));
  const have = new Set(found.map((r) => r.id));
  const missing = wanted.find((id) => !have.has(id));
  if (missing !== undefined) throw invalid(field, `${what} ${missing} does not exist or is deleted`);
}

/** The stages and pipelines a field's settings name must be live ones of the company. */
async function checkReferences(ctx: Ctx, input: FieldInput): Promise<void> {
  const stageIds = [
    ...(input.important_fields?.stage_ids ?? []).map((id) => ['important_fields.stage_ids', id] as const),
    ...(input.required_fields?.stage_ids ?? []).map((id) => ['required_fields.stage_ids', id] as const),
  ];
  for (const field of ['important_fields.stage_ids', 'required_fields.stage_ids']) {
    const ids = stageIds.filter(([f]) => f === field).map(([, id]) => id);
    await requireLive(ctx, stages, ids, field, 'stage');
  }
  const show = input.ui_visibility?.show_in_pipelines as { pipeline_ids?: number[] } | undefined;
  await requireLive(
    ctx,
    pipelines,
    show?.pipeline_ids ?? [],
    'ui_visibility.show_in_pipelines.pipeline_ids',
    'pipeline',
  );
  await requireLive(
    ctx,
    pipelines,
    Object.keys(input.required_fields?.statuses ?? {}).map(Number),
    'required_fields.statuses',
    'pipeline',
  );
}

/** The columns a field's settings set: the jsonb objects whole, and the flags they decide. */
function settingsOf(entity: ListedEntity, before: FieldRow | null, input: FieldInput) {
  const ui = merge(
    (before?.uiVisibility as Json | null) ?? defaultUiVisibility(entity, false),
    input.ui_visibility,
  );
  const important = merge(
    (before?.importantFields as Json | null) ?? defaultImportantFields(entity),
    input.important_fields as Json,
  );
  const required = merge(
    (before?.requiredFields as Json | null) ?? defaultRequiredFields(entity),
    input.required_fields as Json,
  );
  return {
    uiVisibility: ui,
    importantFields: important,
    requiredFields: required,
    addVisibleFlag: ui.add_visible_flag === true,
    detailsVisibleFlag: ui.details_visible_flag !== false,
    importantFlag: important.enabled === true,
    mandatoryFlag: required.enabled === true,
  };
}

// ---------------------------------------------------------------- writing

function addedChanges(row: FieldRow): FieldChange[] {
  return [
    { field_key: 'name', old_value: null, new_value: row.name },
    { field_key: 'field_type', old_value: null, new_value: row.fieldType },
  ];
}

export async function addField(ctx: Ctx, entity: FieldEntity, input: AddFieldInput): Promise<Field> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const withOpts = OPTION_TYPES.includes(input.field_type);
    if (withOpts && (input.options ?? []).length === 0)
      throw invalid('options', `a field of type ${input.field_type} needs at least one option`);
    if (!withOpts && input.options !== undefined && input.options.length > 0)
      throw invalid('options', `a field of type ${input.field_type} has no options`);
    await checkReferences(ctx, input);
    if (input.key !== undefined) await assertKeyFree(ctx, entity, input.key);
    const [m] = await ctx.db
      .select({ m: max(fieldDefinitions.orderNr) })
      .from(fieldDefinitions)
      .where(and(scoped(ctx, fieldDefinitions, { deleted: 'too' }), eq(fieldDefinitions.entity, entity)));
    const [row] = await ctx.db
      .insert(fieldDefinitions)
      .values({
        companyId: ctx.companyId,
        entity,
        key: input.key ?? randomBytes(20).toString('hex'),
        name: input.field_name,
        fieldType: input.field_type,
        orderNr: (m?.m ?? -1) + 1,
        description: entity === 'deal' ? (input.description ?? null) : null,
        ...settingsOf(entity, null, input),
        createdByUserId: ctx.user.id,
        lastUpdatedByUserId: ctx.user.id,
      })
      .returning();
    if (!row) throw new AppError('internal', 'field not created');
    const options = withOpts ? await insertOptions(ctx, row.id, input.options ?? [], 0) : [];
    await recordEvent(ctx, {
      itemType: 'field',
      itemId: row.id,
      action: 'create',
      changes: addedChanges(row),
    });
    return { kind: 'custom', entity, row, options, deletedOptions: [] };
  });
}

/** A kept key must look like Pipedrive's and name no other field of the entity (deleted ones too). */
async function assertKeyFree(ctx: TxCtx, entity: FieldEntity, key: string): Promise<void> {
  if (!KEY.test(key)) throw invalid('key', 'expected 40 hexadecimal characters');
  const [taken] = await ctx.db
    .select({ id: fieldDefinitions.id })
    .from(fieldDefinitions)
    .where(
      and(
        scoped(ctx, fieldDefinitions, { deleted: 'too' }),
        eq(fieldDefinitions.entity, entity),
        eq(fieldDefinitions.key, key),
      ),
    );
  if (taken) throw invalid('key', 'another field of this entity has this key');
}

export interface UpdateFieldInput extends FieldInput {
  /** v1: every live option, existing ones with their id; an option left out is deleted */
  options?: { id?: number | undefined; label: string }[] | undefined;
}

export async function updateField(
  ctx: Ctx,
  entity: FieldEntity,
  ref: FieldRefInput,
  input: UpdateFieldInput,
): Promise<Field> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const builtIn = 'id' in ref ? systemField(entity, ref.id) : systemField(entity, ref.code);
    if (builtIn?.mandatory && input.ui_visibility?.add_visible_flag === false)
      throw invalid(
        'ui_visibility.add_visible_flag',
        `${codeOf(builtIn)} is a required field and stays in the add dialog`,
      );
    const before = await ownField(ctx, entity, ref, 'changed');
    await checkReferences(ctx, input);
    const optionsChange =
      input.options === undefined ? [] : [await replaceOptions(ctx, before, input.options)];
    const [row] = await ctx.db
      .update(fieldDefinitions)
      .set({
        name: input.field_name ?? before.name,
        description:
          entity === 'deal' && input.description !== undefined ? input.description : before.description,
        ...settingsOf(entity, before, input),
        lastUpdatedByUserId: ctx.user.id,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.id, before.id)))
      .returning();
    if (!row) throw notFound('Field');
    const changes: FieldChange[] = [
      ...(row.name === before.name
        ? []
        : [{ field_key: 'name', old_value: before.name, new_value: row.name }]),
      ...optionsChange,
    ];
    await recordEvent(ctx, { itemType: 'field', itemId: row.id, action: 'change', changes });
    const [field] = await withOptions(ctx, entity, [row]);
    return field as Field;
  });
}

/** A field that a live formula reads stays: its formula would read nothing. */
async function refuseFormulaInputs(ctx: TxCtx, rows: FieldRow[], field: string): Promise<void> {
  const deal = rows.filter((r) => r.entity === 'deal');
  if (deal.length === 0) return;
  const readers = await ctx.db
    .select({ id: fieldDefinitions.id, name: fieldDefinitions.name, formula: fieldDefinitions.formula })
    .from(fieldDefinitions)
    .where(
      and(
        scoped(ctx, fieldDefinitions),
        eq(fieldDefinitions.entity, 'deal'),
        sql`${fieldDefinitions.formula} IS NOT NULL`,
      ),
    );
  const gone = new Set(deal.map((r) => r.id));
  for (const r of deal)
    for (const reader of readers)
      if (!gone.has(reader.id) && reader.formula?.includes(`{${r.key}}`))
        throw invalid(field, `the formula of ${reader.name} reads ${r.name}; change the formula first`);
}

/** Marks fields deleted; their values stay stored (history shows them by name), writes naming them are ignored. */
async function softDeleteFields(ctx: TxCtx, rows: FieldRow[], field: string): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await refuseFormulaInputs(ctx, rows, field);
  await ctx.db
    .update(fieldDefinitions)
    .set({
      isDeleted: true,
      deleteTime: new Date(),
      lastUpdatedByUserId: ctx.user.id,
      updateTime: new Date(),
    })
    .where(and(scoped(ctx, fieldDefinitions), inArray(fieldDefinitions.id, ids)));
  for (const r of rows) await recordEvent(ctx, { itemType: 'field', itemId: r.id, action: 'delete' });
}

export async function deleteField(ctx: Ctx, entity: FieldEntity, ref: FieldRefInput): Promise<Field> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const row = await ownField(ctx, entity, ref, 'deleted');
    const [field] = await withOptions(ctx, entity, [row]);
    await softDeleteFields(ctx, [row], 'id' in ref ? 'id' : 'field_code');
    return field as Field;
  });
}

/** v1 bulk delete: all or nothing; an id that is no live custom field of the entity is a 404 naming `ids`. */
export async function deleteFields(ctx: Ctx, entity: FieldEntity, ids: number[]): Promise<number[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const wanted = [...new Set(ids)];
    const builtIn = wanted.find((id) => systemField(entity, id));
    if (builtIn !== undefined)
      throw invalid('ids', `field ${builtIn} is a built-in field and cannot be deleted`);
    const rows = await ctx.db
      .select()
      .from(fieldDefinitions)
      .where(
        and(
          scoped(ctx, fieldDefinitions),
          eq(fieldDefinitions.entity, entity),
          inArray(fieldDefinitions.id, wanted),
        ),
      );
    const missing = wanted.find((id) => !rows.some((r) => r.id === id));
    if (missing !== undefined) throw new AppError('not_found', `Field ${missing} not found`, 'ids');
    await softDeleteFields(ctx, rows, 'ids');
    return wanted;
  });
}
