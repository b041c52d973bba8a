import { diffFields } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import type { Ctx } from '../context.ts';
import { customFieldDefs } from './defs.ts';
import type { FieldDef, FieldEntity } from './types.ts';
import { HASH, type StoredValues } from './values.ts';

/** Custom-field changes in history: one per field that changed, named and with option labels. */

/**
 * Custom-field changes as history keeps them: each names its field (`field_name`, readable after the
 * field is deleted) and shows option ids as their labels (readable after the option is deleted).
 * Changes of other fields pass as they are. Keys are `<key>` or a v1 part key `<key>_<part>`.
 */
export function nameChanges(defs: readonly FieldDef[], changes: FieldChange[]): FieldChange[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  return changes.map((c) => {
    const def = byKey.get(c.field_key.slice(0, 40));
    if (!def || !HASH.test(c.field_key.slice(0, 40))) return c;
    if (c.field_key.length > 40 || (def.fieldType !== 'enum' && def.fieldType !== 'set')) {
      return { ...c, field_name: def.name };
    }
    const label = (v: unknown) => {
      if (v === null || v === undefined) return null;
      const ids = Array.isArray(v) ? v : String(v).split(',');
      return ids.map((i) => def.options.find((o) => o.id === Number(i))?.label ?? String(i)).join(', ');
    };
    return { ...c, field_name: def.name, old_value: label(c.old_value), new_value: label(c.new_value) };
  });
}

/**
 * One change per custom field whose value differs, by field key in key order: how deals, persons and
 * organizations record custom values (then named by nameCustomChanges), never one change of the whole
 * `custom_fields` object.
 */
export function customFieldChanges(before: StoredValues, after: StoredValues): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return diffFields(before, after, keys);
}

/** nameChanges with the entity's definitions, read only when a custom field changed. */
export async function nameCustomChanges(
  ctx: Ctx,
  entity: FieldEntity,
  changes: FieldChange[],
): Promise<FieldChange[]> {
  if (!changes.some((c) => HASH.test(c.field_key.slice(0, 40)))) return changes;
  return nameChanges(await customFieldDefs(ctx, entity), changes);
}
