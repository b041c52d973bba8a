import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { customFieldDefs } from './defs.ts';
import type { CustomFilterInput } from './schema.ts';
import type { FieldDef, FieldEntity } from './types.ts';

/**
 * The one-field filter of the lists (inbox, deals, persons, organizations): `custom_field_code` names a
 * live field of the entity, `custom_field_value` the value as text. Returns what the records' stored
 * values must contain (`custom_fields @> {key: …}`, served by each table's GIN index), or undefined
 * when no filter is asked. One half without the other, an unknown key or a value of the wrong type is
 * a 400 naming the parameter.
 */
export async function customValueFilter(
  ctx: Ctx,
  entity: FieldEntity,
  q: CustomFilterInput,
): Promise<Record<string, unknown> | undefined> {
  const { custom_field_code: code, custom_field_value: value } = q;
  if (code === undefined && value === undefined) return undefined;
  if (code === undefined) throw invalid('custom_field_code', 'required with custom_field_value');
  if (value === undefined) throw invalid('custom_field_value', 'required with custom_field_code');
  const def = (await customFieldDefs(ctx, entity)).find((d) => d.key === code && !d.isDeleted);
  if (!def) throw invalid('custom_field_code', `no ${entity} field has this key`);
  return { [def.key]: containedValue(def, value, 'custom_field_value') };
}

/**
 * What a record's stored values must contain (`custom_fields @> {key: …}`, served by a GIN index) for
 * the field to hold the value a filter names as text: an option id (a set holds it among others), a
 * number, an amount (any currency), an address's or a range's `value`, or the exact text.
 */
export function containedValue(def: FieldDef, text: string, field: string): unknown {
  const number = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw invalid(field, 'expected a number');
    return n;
  };
  const idOf = () => {
    if (!/^\d{1,15}$/.test(text)) throw invalid(field, 'expected an id');
    return Number(text);
  };
  switch (def.fieldType) {
    case 'double':
      return number();
    case 'monetary':
      return { value: number() };
    case 'enum':
    case 'user':
    case 'org':
    case 'people':
      return idOf();
    case 'set':
      return [idOf()];
    case 'daterange':
    case 'time':
    case 'timerange':
    case 'address':
      return { value: text };
    default:
      return text;
  }
}
