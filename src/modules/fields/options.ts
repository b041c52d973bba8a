import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import { type FieldRow, type OptionInput, type OptionRow, ownField } from './service.ts';
import { fieldDefinitions, fieldOptions } from './tables.ts';
import { type CustomFieldType, type FieldEntity, OPTION_TYPES } from './types.ts';

/**
 * Options of single and multiple option fields: v2's atomic option endpoints (add, rename, delete) and
 * v1's whole-list replacement on a field update. Split from service.ts, which keeps the fields.
 */

export async function insertOptions(ctx: TxCtx, fieldId: number, labels: OptionInput[], from: number) {
  if (labels.length === 0) return [];
  return ctx.db
    .insert(fieldOptions)
    .values(labels.map((o, i) => ({ companyId: ctx.companyId, fieldId, label: o.label, orderNr: from + i })))
    .returning();
}

function needsOptions(row: FieldRow, field: string) {
  if (!OPTION_TYPES.includes(row.fieldType as CustomFieldType))
    throw invalid(field, `a field of type ${row.fieldType} has no options`);
}

async function liveOptions(ctx: Ctx, fieldId: number): Promise<OptionRow[]> {
  return ctx.db
    .select()
    .from(fieldOptions)
    .where(and(scoped(ctx, fieldOptions), eq(fieldOptions.fieldId, fieldId)))
    .orderBy(asc(fieldOptions.orderNr), asc(fieldOptions.id));
}

/** Every id must be a live option of the field, each once, or nothing changes; `path` names each in errors. */
function ownOptions(current: OptionRow[], ids: { id: number; path: string }[]): OptionRow[] {
  const seen = new Set<number>();
  return ids.map(({ id, path }) => {
    const found = current.find((o) => o.id === id);
    if (!found) throw new AppError('not_found', `Option ${id} not found`, path);
    if (seen.has(id)) throw invalid(path, `option ${id} is named twice`);
    seen.add(id);
    return found;
  });
}

async function softDeleteOptions(ctx: TxCtx, gone: OptionRow[]): Promise<OptionRow[]> {
  if (gone.length === 0) return [];
  const ids = gone.map((o) => o.id);
  return ctx.db
    .update(fieldOptions)
    .set({ isDeleted: true, deleteTime: new Date(), updateTime: new Date() })
    .where(and(scoped(ctx, fieldOptions), inArray(fieldOptions.id, ids)))
    .returning();
}

async function touch(ctx: TxCtx, row: FieldRow, changes: FieldChange[]) {
  await ctx.db
    .update(fieldDefinitions)
    .set({ updateTime: new Date(), lastUpdatedByUserId: ctx.user.id })
    .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.id, row.id)));
  await recordEvent(ctx, { itemType: 'field', itemId: row.id, action: 'change', changes });
}

const optionChange = (old: OptionRow[], now: { id: number; label: string }[]): FieldChange => ({
  field_key: 'options',
  old_value: old.map((o) => ({ id: o.id, label: o.label })),
  new_value: now.map((o) => ({ id: o.id, label: o.label })),
});

async function optionsField(ctx: Ctx, entity: FieldEntity, code: string): Promise<FieldRow> {
  const row = await ownField(ctx, entity, { code }, 'changed');
  needsOptions(row, 'field_code');
  return row;
}

export async function addOptions(
  ctx: Ctx,
  entity: FieldEntity,
  code: string,
  items: OptionInput[],
): Promise<OptionRow[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const row = await optionsField(ctx, entity, code);
    const current = await liveOptions(ctx, row.id);
    const from = Math.max(-1, ...current.map((o) => o.orderNr)) + 1;
    const added = await insertOptions(ctx, row.id, items, from);
    await touch(ctx, row, [optionChange(current, [...current, ...added])]);
    return added;
  });
}

export async function updateOptions(
  ctx: Ctx,
  entity: FieldEntity,
  code: string,
  items: { id: number; label: string }[],
): Promise<OptionRow[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const row = await optionsField(ctx, entity, code);
    const current = await liveOptions(ctx, row.id);
    ownOptions(
      current,
      items.map((item, i) => ({ id: item.id, path: `${i}.id` })),
    );
    const updated: OptionRow[] = [];
    for (const item of items) {
      const [o] = await ctx.db
        .update(fieldOptions)
        .set({ label: item.label, updateTime: new Date() })
        .where(and(scoped(ctx, fieldOptions), eq(fieldOptions.id, item.id)))
        .returning();
      if (o) updated.push(o);
    }
    const now = current.map((o) => updated.find((u) => u.id === o.id) ?? o);
    await touch(ctx, row, [optionChange(current, now)]);
    return updated;
  });
}

export async function deleteOptions(
  ctx: Ctx,
  entity: FieldEntity,
  code: string,
  items: { id: number }[],
): Promise<OptionRow[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const row = await optionsField(ctx, entity, code);
    const current = await liveOptions(ctx, row.id);
    const gone = ownOptions(
      current,
      items.map((item, i) => ({ id: item.id, path: `${i}.id` })),
    );
    if (gone.length === current.length)
      throw invalid('0.id', `a field of type ${row.fieldType} keeps at least one option`);
    const deleted = await softDeleteOptions(ctx, gone);
    await touch(ctx, row, [
      optionChange(
        current,
        current.filter((o) => !gone.includes(o)),
      ),
    ]);
    return deleted;
  });
}

/**
 * v1 update with options: the list is every live option; those with an id are renamed, those without
 * are added, live ones left out are deleted. An id that is no live option of the field fails the call.
 */
export async function replaceOptions(
  ctx: TxCtx,
  row: FieldRow,
  items: { id?: number | undefined; label: string }[],
): Promise<FieldChange> {
  needsOptions(row, 'options');
  if (items.length === 0)
    throw invalid('options', `a field of type ${row.fieldType} needs at least one option`);
  const current = await liveOptions(ctx, row.id);
  const kept = ownOptions(
    current,
    items.flatMap((item, i) => (item.id === undefined ? [] : [{ id: item.id, path: `options.${i}.id` }])),
  );
  await softDeleteOptions(
    ctx,
    current.filter((o) => !kept.includes(o)),
  );
  let order = 0;
  for (const item of items) {
    if (item.id === undefined) {
      await insertOptions(ctx, row.id, [item], order);
    } else {
      const old = current.find((o) => o.id === item.id);
      if (old && (old.label !== item.label || old.orderNr !== order))
        await ctx.db
          .update(fieldOptions)
          .set({ label: item.label, orderNr: order, updateTime: new Date() })
          .where(and(scoped(ctx, fieldOptions), eq(fieldOptions.id, item.id)));
    }
    order++;
  }
  return optionChange(current, await liveOptions(ctx, row.id));
}
