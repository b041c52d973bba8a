import { setFormula } from '../../src/modules/fields/formula-field.ts';
import { deleteOptions } from '../../src/modules/fields/options.ts';
import { addField, deleteField } from '../../src/modules/fields/service.ts';
import type { CustomFieldType, FieldEntity } from '../../src/modules/fields/types.ts';
import type { Maker } from './tenant.ts';

export interface MadeField {
  id: number;
  key: string;
  name: string;
  options: { id: number; label: string }[];
}

/**
 * A custom field of the tenant's company, with its options, made by the fields use cases (addField, then
 * setFormula for a formula), as the API makes it. `key` keeps a fixed key, as an import does.
 */
export async function makeField(
  t: Maker,
  entity: FieldEntity,
  o: {
    /** a fixed key (tests that name one); a new one otherwise */
    key?: string;
    name: string;
    field_type: CustomFieldType;
    options?: string[];
    formula?: string;
    required_fields?: { enabled: boolean; stage_ids?: number[] };
  },
): Promise<MadeField> {
  const made = await addField(t.ctx, entity, {
    field_name: o.name,
    field_type: o.field_type,
    key: o.key,
    options: o.options?.map((label) => ({ label })),
    required_fields: o.required_fields,
  });
  if (made.kind !== 'custom') throw new Error('field not made');
  if (o.formula !== undefined) await setFormula(t.ctx, made.row.key, o.formula);
  return {
    id: made.row.id,
    key: made.row.key,
    name: made.row.name,
    options: made.options.map((opt) => ({ id: opt.id, label: opt.label })),
  };
}

/** Deletes a field through the fields use case (soft: its values and history stay readable). */
export async function removeField(t: Maker, entity: FieldEntity, field: MadeField): Promise<void> {
  await deleteField(t.ctx, entity, { id: field.id });
}

/** Deletes one option of a field through the fields use case (soft). */
export async function removeOption(t: Maker, entity: FieldEntity, field: MadeField, optionId: number) {
  await deleteOptions(t.ctx, entity, field.key, [{ id: optionId }]);
}
