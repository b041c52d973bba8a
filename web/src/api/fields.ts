import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/**
 * Data fields (v2 `…Fields`): system and custom fields of deals (leads share them), persons,
 * organizations and products. Custom fields are the ones with `is_custom_field`; their values sit in an
 * object's `custom_fields` under `field_code` (v2) or as root keys (v1 leads).
 */

export type Field = Schemas['FieldV2'];
export type FieldEntity = 'deal' | 'person' | 'organization' | 'product';

const SEGMENT: Record<FieldEntity, string> = {
  deal: 'dealFields',
  person: 'personFields',
  organization: 'organizationFields',
  product: 'productFields',
};

/** The v2 path of an entity's fields, e.g. `/api/v2/dealFields`. */
export const fieldsPath = (entity: FieldEntity) => `/api/v2/${SEGMENT[entity]}`;

export const fieldKeys = {
  all: ['fields'] as const,
  list: (entity: FieldEntity) => ['fields', 'list', entity] as const,
};

/** Fields change when an admin edits them in Settings: a minute is fresh enough elsewhere. */
export const FIELDS_STALE_MS = 60_000;

/** Every field of an entity in its order, with ui_visibility and required_fields where it has them. */
export async function fetchFields(entity: FieldEntity): Promise<Field[]> {
  const include = entity === 'product' ? 'ui_visibility' : 'ui_visibility,required_fields,important_fields';
  const out: Field[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.get<Field[]>(fieldsPath(entity), { limit: 500, cursor, include_fields: include });
    out.push(...res.data);
    cursor = res.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function useFields(entity: FieldEntity) {
  return useQuery({
    queryKey: fieldKeys.list(entity),
    queryFn: () => fetchFields(entity),
    staleTime: FIELDS_STALE_MS,
  });
}

/** Only the custom fields of an entity (what detail views, columns and filters add to the built-in ones). */
export function useCustomFields(entity: FieldEntity) {
  const q = useFields(entity);
  return { ...q, data: q.data?.filter((f) => f.is_custom_field) };
}
