import { useMemo } from 'react';
import { api } from './client.ts';
import { type Field, fieldKeys, useFormulas } from './fields.ts';
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
 * The codes of the given deal fields that are formula fields (the one list of formulas, cached like the
 * fields; `fields` undefined asks nothing). `pending` while it is unknown: a number or money field is
 * then shown read-only.
 */
export function useFormulaCodes(fields: readonly Field[] | undefined): {
  codes: Set<string>;
  pending: boolean;
} {
  const asks = (fields ?? []).some(mayHoldFormula);
  const formulas = useFormulas(asks);
  return useMemo(
    () => ({
      codes: new Set((fields ?? []).flatMap((f) => (formulas.data?.has(f.field_code) ? [f.field_code] : []))),
      pending: asks && formulas.isPending,
    }),
    [fields, formulas.data, formulas.isPending, asks],
  );
}
