import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  /** a deal field's formula, canonical and readable */
  formula: (code: string) => ['fields', 'formula', code] as const,
  /** every deal field that has a formula (the rest are plain fields) */
  formulas: ['fields', 'formulas'] as const,
  /** an expression checked (and computed on a deal) by the server while it is typed */
  preview: (body: FormulaPreviewBody) =>
    ['fields', 'preview', body.expression, body.deal_id ?? null, body.field_code ?? null] as const,
  /** deals to compute a formula on: the latest, or those matching a term */
  previewDeals: (term: string) => ['fields', 'previewDeals', term] as const,
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
  return useQuery({
    queryKey: fieldKeys.list(entity),
    queryFn: () => fetchFields(entity),
    staleTime: FIELDS_STALE_MS,
    select: onlyCustom,
  });
}

// one function, so the selected list stays the same array while the fields do
const onlyCustom = (fields: Field[]) => fields.filter((f) => f.is_custom_field);

// ---------------------------------------------------------------- formulas

export type FormulaView = Schemas['FormulaField'];
export type FormulaPreview = Schemas['FormulaPreview'];
export interface FormulaPreviewBody {
  expression: string;
  deal_id?: number | undefined;
  field_code?: string | undefined;
}

const formulaPath = (code: string) => `/api/ext/dealFields/${code}/formula`;

export async function fetchFormula(code: string): Promise<FormulaView> {
  return (await api.get<FormulaView>(formulaPath(code))).data;
}

/** The formula of a double or monetary deal field (expression null: none). */
export function useFormula(code: string | null) {
  return useQuery({
    queryKey: fieldKeys.formula(code ?? ''),
    queryFn: () => fetchFormula(code ?? ''),
    enabled: code !== null,
    staleTime: FIELDS_STALE_MS,
  });
}

export async function fetchFormulas(): Promise<FormulaView[]> {
  return (await api.get<FormulaView[]>('/api/ext/dealFields/formulas')).data;
}

/**
 * The deal fields that have a formula, by field code (one request for them all). `enabled` false (a list
 * of other fields) asks nothing and knows none.
 */
export function useFormulas(enabled = true) {
  return useQuery({
    queryKey: fieldKeys.formulas,
    queryFn: fetchFormulas,
    enabled,
    staleTime: FIELDS_STALE_MS,
    select: (list) => new Map(list.map((f) => [f.field_code, f])),
  });
}

export async function fetchFormulaPreview(body: FormulaPreviewBody): Promise<FormulaPreview> {
  return (await api.post<FormulaPreview>('/api/ext/dealFields/formula/preview', body)).data;
}

/**
 * The server's check of an expression (valid, or the error and its position) and its value on a deal.
 * `body` null asks nothing (an empty or locally refused expression); the last answer stays shown while
 * the next one comes.
 */
export function useFormulaPreview(body: FormulaPreviewBody | null) {
  return useQuery({
    queryKey: fieldKeys.preview(body ?? { expression: '' }),
    queryFn: () => fetchFormulaPreview(body as FormulaPreviewBody),
    enabled: body !== null,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export interface PreviewDeal {
  id: number;
  title: string;
}

/** Deals to preview a formula on: the 20 changed last, or up to 20 whose title matches `term`. */
export async function fetchPreviewDeals(term: string): Promise<PreviewDeal[]> {
  if (term.trim().length >= 2) {
    const res = await api.get<{ items: { item: PreviewDeal }[] }>('/api/v2/deals/search', {
      term: term.trim(),
      fields: 'title',
      limit: 20,
    });
    return res.data.items.map(({ item }) => ({ id: item.id, title: item.title }));
  }
  const res = await api.get<PreviewDeal[]>('/api/v2/deals', {
    limit: 20,
    sort_by: 'update_time',
    sort_direction: 'desc',
  });
  return res.data.map((d) => ({ id: d.id, title: d.title }));
}

export function usePreviewDeals(term: string) {
  return useQuery({
    queryKey: fieldKeys.previewDeals(term.trim().length >= 2 ? term.trim() : ''),
    queryFn: () => fetchPreviewDeals(term),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- changes (Settings → Data fields)

/** An option as the editor holds it: a live one has its id, a new one none yet. */
export interface OptionDraft {
  id?: number | undefined;
  label: string;
}

export interface NewField {
  field_name: string;
  field_type: string;
  options?: OptionDraft[] | undefined;
  /** deal double/monetary fields: the canonical expression to set once the field exists */
  formula?: string | null | undefined;
}

export interface FieldChange {
  /** the field as listed before the change */
  field: Field;
  field_name?: string | undefined;
  /** every live option in the wanted order (left out: deleted; without id: added) */
  options?: OptionDraft[] | undefined;
  /** deal double/monetary fields: a canonical expression, null to remove; undefined leaves it */
  formula?: string | null | undefined;
}

const refreshAfter = (qc: ReturnType<typeof useQueryClient>) => () =>
  qc.invalidateQueries({ queryKey: fieldKeys.all });

/** POST /api/v2/{entity}Fields with its options, then its formula (the editor checked it first). */
export function useAddField(entity: FieldEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewField) => {
      const { formula, options, ...rest } = body;
      // checked before the field is made, so a refused formula leaves no field behind
      if (formula) {
        const check = await fetchFormulaPreview({ expression: formula });
        if (!check.valid) throw new Error(check.error?.message ?? 'Invalid formula');
      }
      const created = (
        await api.post<Field>(fieldsPath(entity), {
          ...rest,
          ...(options && options.length > 0 ? { options: options.map((o) => ({ label: o.label })) } : {}),
        })
      ).data;
      if (formula) await api.put(formulaPath(created.field_code), { expression: formula });
      return created;
    },
    onSettled: refreshAfter(qc),
  });
}

/** What PUT /api/ext/{entity}Fields/{code} takes (the dialog sends only the parts that changed). */
interface SaveFieldBody {
  field_name?: string;
  options?: { id?: number; label: string }[];
  formula?: string | null;
}

/**
 * Saves a field's changes in one call, PUT /api/ext/{entity}Fields/{code}: its name, its options as
 * the whole wanted list (with id: kept or renamed, without: added, left out: deleted; in order) and its
 * formula, in one transaction on the server — a refusal of any part (a formula that does not parse, an
 * option gone meanwhile) saves none of them. Parts that did not change are left out.
 */
export function useUpdateField(entity: FieldEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ field, ...change }: FieldChange) => {
      const body: SaveFieldBody = {};
      if (change.field_name !== undefined && change.field_name !== field.field_name)
        body.field_name = change.field_name;
      if (change.options && optionsChanged(field, change.options))
        body.options = change.options.map((o) =>
          o.id === undefined ? { label: o.label } : { id: o.id, label: o.label },
        );
      if (change.formula !== undefined) body.formula = change.formula;
      if (Object.keys(body).length === 0) return;
      await api.put(`/api/ext/${SEGMENT[entity]}/${field.field_code}`, body);
    },
    onSettled: refreshAfter(qc),
  });
}

/** Whether the wanted options differ from the field's live ones (ids, labels or order). */
function optionsChanged(field: Field, wanted: OptionDraft[]): boolean {
  const current = field.options ?? [];
  return (
    wanted.length !== current.length ||
    wanted.some(
      (o, i) => o.id === undefined || o.id !== Number(current[i]?.id) || o.label !== current[i]?.label,
    )
  );
}

/** DELETE /api/v2/{entity}Fields/{code}. */
export function useDeleteField(entity: FieldEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.del(`${fieldsPath(entity)}/${code}`),
    onSettled: refreshAfter(qc),
  });
}

/**
 * PUT /api/ext/{entity}Fields/order with the custom fields' codes in the new order; the list shows the
 * new order at once (put back if the server refuses).
 */
export function useReorderFields(entity: FieldEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (codes: string[]) => api.put(`/api/ext/${SEGMENT[entity]}/order`, { field_codes: codes }),
    onMutate: async (codes) => {
      await qc.cancelQueries({ queryKey: fieldKeys.list(entity) });
      const before = qc.getQueryData<Field[]>(fieldKeys.list(entity));
      if (before) {
        const custom = codes.flatMap((c) => before.filter((f) => f.field_code === c));
        const rest = before.filter((f) => f.is_custom_field && !codes.includes(f.field_code));
        qc.setQueryData(fieldKeys.list(entity), [
          ...before.filter((f) => !f.is_custom_field),
          ...custom,
          ...rest,
        ]);
      }
      return { before };
    },
    onError: (_e, _codes, context) => {
      if (context?.before) qc.setQueryData(fieldKeys.list(entity), context.before);
    },
    onSettled: refreshAfter(qc),
  });
}
