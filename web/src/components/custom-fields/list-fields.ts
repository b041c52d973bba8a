import { useMemo } from 'react';
import { type Field, type FieldEntity, useCustomFields, useFormulas } from '../../api/fields.ts';

/** What a list shows: an entity's records, or leads (whose fields are the deal fields). */
export type ListEntity = FieldEntity | 'lead';

/**
 * The custom fields a list can show and filter by: the entity's, and for leads the deal fields without
 * formulas (Pipedrive's leads have none). Empty until known.
 */
export function useListFields(entity: ListEntity): Field[] {
  const lead = entity === 'lead';
  const fields = useCustomFields(lead ? 'deal' : entity).data;
  const formulas = useFormulas(lead).data;
  return useMemo(() => {
    if (!fields) return [];
    if (!lead) return fields;
    return formulas ? fields.filter((f) => !formulas.has(f.field_code)) : [];
  }, [fields, formulas, lead]);
}
