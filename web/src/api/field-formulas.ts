import { useQueries } from '@tanstack/react-query';
import { api } from './client.ts';
import { FIELDS_STALE_MS, type Field, fieldKeys } from './fields.ts';
import type { Schemas } from './types.ts';

/**
 * Formulas of deal fields (Pipewright's own GET /api/ext/dealFields/{code}/formula). Only a custom
 * double or monetary deal field can hold one; its values are computed by the server and cannot be
 * written. The keys sit under `fieldKeys.all`, so whatever refreshes the fields refreshes these.
 */

export type FieldFormula = Schemas['FormulaField'];

export const formulaKeys = {
  all: [...fieldKeys.all, 'formula'] as const,
  one: (code: string) => [...fieldKeys.all, 'formula', code] as const,
};

export async function fetchFormula(code: string): Promise<FieldFormula> {
  return (await api.get<FieldFormula>(`/api/ext/dealFields/${encodeURIComponent(code)}/formula`)).data;
}

/** A deal field that may hold a formula: a custom double or monetary one. */
export const mayHoldFormula = (f: Field) =>
  f.is_custom_field && (f.field_type === 'double' || f.field_type === 'monetary');

/**
 * The codes of the given deal fields that are formula fields (one request per number or money field,
 * cached like the fields). `pending` while any is still unknown: such a field is shown read-only.
 */
export function useFormulaCodes(fields: readonly Field[] | undefined): {
  codes: Set<string>;
  pending: boolean;
} {
  const candidates = (fields ?? []).filter(mayHoldFormula);
  return useQueries({
    queries: candidates.map((f) => ({
      queryKey: formulaKeys.one(f.field_code),
      queryFn: () => fetchFormula(f.field_code),
      staleTime: FIELDS_STALE_MS,
    })),
    combine: (results) => ({
      codes: new Set(
        results.flatMap((r, i) => (r.data?.expression ? [candidates[i]?.field_code ?? ''] : [])),
      ),
      pending: results.some((r) => r.isPending),
    }),
  });
}
