import type { Ctx } from '../context.ts';
import { customFieldDefs } from './defs.ts';
import type { FieldDef, FieldEntity } from './types.ts';
import { type StoredValues, V1_PARTS } from './values.ts';

/** Custom values as the API shows them: v1 root keys, v2 `custom_fields` (values.ts parses and stores them). */

/** The live option ids of a stored enum/set value (deleted options disappear). */
function liveOptions(def: FieldDef, v: unknown): number[] {
  const ids = Array.isArray(v) ? v : [v];
  return ids.filter((x): x is number => typeof x === 'number' && def.options.some((o) => o.id === x));
}

/**
 * v1 root keys of the stored values of live fields, in field order: `<key>` and `<key>_<part>`; an enum
 * id as a string, a set as CSV of ids. Fields without a value are left out.
 */
export function presentV1(defs: readonly FieldDef[], stored: StoredValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (def.isDeleted || !Object.hasOwn(stored, def.key)) continue;
    const v = stored[def.key];
    if (v === null || v === undefined) continue;
    if (def.fieldType === 'enum' || def.fieldType === 'set') {
      const ids = liveOptions(def, v);
      if (ids.length > 0) out[def.key] = ids.join(',');
      continue;
    }
    const parts = V1_PARTS[def.fieldType];
    if (parts && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      out[def.key] = o.value ?? null;
      for (const part of parts) if (Object.hasOwn(o, part)) out[`${def.key}_${part}`] = o[part];
      continue;
    }
    out[def.key] = v;
  }
  return out;
}

export interface PresentV2Options {
  /** `?custom_fields=`: only these keys */
  keys?: readonly string[] | undefined;
  /** `?include_option_labels=true`: options as `{id, label}` */
  optionLabels?: boolean | undefined;
}

/** One live field as presentV2 shows it: its key, and for option fields its live ids and labels. */
interface PlannedField {
  key: string;
  kind: 'plain' | 'enum' | 'set';
  live: ReadonlyMap<number, string> | null;
}

/**
 * The live fields of a definitions list, in field order, with their live options as maps: made once
 * per list (a request reads the definitions once and shows every row by them), so a row costs a
 * lookup per stored value instead of a scan of the definitions and of each field's options.
 */
const plans = new WeakMap<readonly FieldDef[], PlannedField[]>();
function planOf(defs: readonly FieldDef[]): PlannedField[] {
  let plan = plans.get(defs);
  if (!plan) {
    plan = defs
      .filter((d) => !d.isDeleted)
      .map((d) =>
        d.fieldType === 'enum' || d.fieldType === 'set'
          ? { key: d.key, kind: d.fieldType, live: new Map(d.options.map((o) => [o.id, o.label])) }
          : { key: d.key, kind: 'plain' as const, live: null },
      );
    plans.set(defs, plan);
  }
  return plan;
}

/** The live ids of a stored option value: the value itself when all are live (nothing copied). */
function liveIdsOf(live: ReadonlyMap<number, string>, v: unknown): number[] {
  if (typeof v === 'number') return live.has(v) ? [v] : [];
  if (!Array.isArray(v)) return [];
  let all = true;
  for (const x of v) if (typeof x !== 'number' || !live.has(x)) all = false;
  return all ? (v as number[]) : v.filter((x): x is number => typeof x === 'number' && live.has(x));
}

/** v2 `custom_fields` of the stored values of live fields (the stored shape; deleted options disappear). */
export function presentV2(
  defs: readonly FieldDef[],
  stored: StoredValues,
  opts: PresentV2Options = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = opts.keys ? new Set(opts.keys) : null;
  for (const f of planOf(defs)) {
    const v = stored[f.key];
    if (v === null || v === undefined || (wanted && !wanted.has(f.key)) || !Object.hasOwn(stored, f.key))
      continue;
    if (f.live === null) {
      out[f.key] = v;
      continue;
    }
    const ids = liveIdsOf(f.live, v);
    if (ids.length === 0) continue;
    if (opts.optionLabels) {
      const shown = ids.map((i) => ({ id: i, label: f.live?.get(i) ?? null }));
      out[f.key] = f.kind === 'enum' ? shown[0] : shown;
    } else out[f.key] = f.kind === 'enum' ? ids[0] : ids;
  }
  return out;
}

/**
 * v1 root keys of stored values when the definitions are not at hand (changelog comparisons): objects
 * spread into `<key>` and `<key>_<part>`, lists into CSV. presentV1 is the answer's form.
 */
export function flattenV1(stored: StoredValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(stored)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[key] = v.join(',');
    else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out[key] = o.value ?? null;
      for (const [part, pv] of Object.entries(o)) if (part !== 'value') out[`${key}_${part}`] = pv;
    } else out[key] = v;
  }
  return out;
}

/** The entity's definitions when any of the records has values (none read for records without). */
export async function defsForValues(
  ctx: Ctx,
  entity: FieldEntity,
  records: readonly { customFields: StoredValues }[],
): Promise<FieldDef[] | undefined> {
  for (const r of records) for (const _ in r.customFields) return customFieldDefs(ctx, entity);
  return undefined;
}
