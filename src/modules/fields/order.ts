import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import { type FieldRow, getField, type OptionRow } from './service.ts';
import { codeOf, systemField } from './system.ts';
import { fieldDefinitions, fieldOptions } from './tables.ts';
import { type CustomFieldType, type FieldEntity, OPTION_TYPES } from './types.ts';

/**
 * The new order of the items a request names, in the slots they hold now: the named items take the
 * order numbers they occupy between them, sorted, in the order given; items not named keep theirs. A
 * full list is a full reorder; a part of one moves only its own items among themselves.
 */
function placeInSlots<T extends { id: number; orderNr: number }>(named: T[]): Map<number, number> {
  const slots = named.map((n) => n.orderNr).sort((a, b) => a - b);
  // equal order numbers (fields made before ordering existed) are spread out so the order holds
  for (let i = 1; i < slots.length; i++)
    if ((slots[i] as number) <= (slots[i - 1] as number)) slots[i] = (slots[i - 1] as number) + 1;
  return new Map(named.map((n, i) => [n.id, slots[i] as number]));
}

/** Each entry once; `path(i)` names the entry in the error. */
function refuseTwice<T>(items: T[], path: (i: number) => string): void {
  const seen = new Set<T>();
  items.forEach((item, i) => {
    if (seen.has(item)) throw invalid(path(i), `${String(item)} is named twice`);
    seen.add(item);
  });
}

export interface FieldOrder {
  field_code: string;
  order_nr: number;
}

/**
 * Reorders an entity's custom fields (built-in fields keep their place first). Every code must be a
 * live custom field of the entity, each once, or nothing changes; a change event per field moved.
 * Answers the custom fields in their new order.
 */
export async function reorderFields(ctx: Ctx, entity: FieldEntity, codes: string[]): Promise<FieldOrder[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    refuseTwice(codes, (i) => `field_codes.${i}`);
    codes.forEach((code, i) => {
      const builtIn = systemField(entity, code);
      if (builtIn)
        throw invalid(`field_codes.${i}`, `${codeOf(builtIn)} is a built-in field and keeps its place`);
    });
    const rows: FieldRow[] = await ctx.db
      .select()
      .from(fieldDefinitions)
      .where(
        and(
          scoped(ctx, fieldDefinitions),
          eq(fieldDefinitions.entity, entity),
          inArray(fieldDefinitions.key, codes.length > 0 ? codes : ['']),
        ),
      );
    const named = codes.map((code, i) => {
      const row = rows.find((r) => r.key === code);
      if (!row) throw new AppError('not_found', `Field ${code} not found`, `field_codes.${i}`);
      return row;
    });
    const order = placeInSlots(named);
    for (const row of named) {
      const orderNr = order.get(row.id) as number;
      if (orderNr === row.orderNr) continue;
      await ctx.db
        .update(fieldDefinitions)
        .set({ orderNr, updateTime: new Date(), lastUpdatedByUserId: ctx.user.id })
        .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.id, row.id)));
      await recordEvent(ctx, {
        itemType: 'field',
        itemId: row.id,
        action: 'change',
        changes: [{ field_key: 'order_nr', old_value: row.orderNr, new_value: orderNr }],
      });
    }
    const all = await ctx.db
      .select({ key: fieldDefinitions.key, orderNr: fieldDefinitions.orderNr })
      .from(fieldDefinitions)
      .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.entity, entity)))
      .orderBy(asc(fieldDefinitions.orderNr), asc(fieldDefinitions.id));
    return all.map((r) => ({ field_code: r.key, order_nr: r.orderNr }));
  });
}

/**
 * Reorders the options of an enum or set field: every id a live option of the field, each once, or
 * nothing changes; one change event with the options before and after. Answers the live options in order.
 */
export async function reorderOptions(
  ctx: Ctx,
  entity: FieldEntity,
  code: string,
  ids: number[],
): Promise<OptionRow[]> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const field = await getField(ctx, entity, { code });
    if (field.kind === 'system')
      throw invalid('field_code', `${code} is a built-in field and cannot be changed`);
    if (!OPTION_TYPES.includes(field.row.fieldType as CustomFieldType))
      throw invalid('field_code', `a field of type ${field.row.fieldType} has no options`);
    refuseTwice(ids, (i) => `option_ids.${i}`);
    const current = field.options;
    const named = ids.map((id, i) => {
      const option = current.find((o) => o.id === id);
      if (!option) throw new AppError('not_found', `Option ${id} not found`, `option_ids.${i}`);
      return option;
    });
    const order = placeInSlots(named);
    let moved = false;
    for (const option of named) {
      const orderNr = order.get(option.id) as number;
      if (orderNr === option.orderNr) continue;
      moved = true;
      await ctx.db
        .update(fieldOptions)
        .set({ orderNr, updateTime: new Date() })
        .where(and(scoped(ctx, fieldOptions), eq(fieldOptions.id, option.id)));
    }
    const after = await ctx.db
      .select()
      .from(fieldOptions)
      .where(and(scoped(ctx, fieldOptions), eq(fieldOptions.fieldId, field.row.id)))
      .orderBy(asc(fieldOptions.orderNr), asc(fieldOptions.id));
    if (moved) {
      await ctx.db
        .update(fieldDefinitions)
        .set({ updateTime: new Date(), lastUpdatedByUserId: ctx.user.id })
        .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.id, field.row.id)));
      const labels = (os: OptionRow[]) => os.map((o) => ({ id: o.id, label: o.label }));
      await recordEvent(ctx, {
        itemType: 'field',
        itemId: field.row.id,
        action: 'change',
        changes: [{ field_key: 'options', old_value: labels(current), new_value: labels(after) }],
      });
    }
    return after;
  });
}
