import type { Field } from '../../api/fields.ts';
import type { ContactChoice } from '../contact-pickers.tsx';
import { resolveContact } from '../contact-pickers.tsx';
import type { Option } from '../inline-field/choice.tsx';
import type { FieldTypeName } from '../inline-field/index.ts';
import type { Money } from '../inline-field/number.tsx';
import { hhmm, type Range } from '../inline-field/range.tsx';

/**
 * Custom-field values between the API and the inline editors. The API keeps one value per field in v2's
 * shape (`custom_fields[code]`: a string, a number, an option id, a list of ids, or an object for the
 * types with parts); v1 leads show the same at the root with `<code>_<part>` keys. Each Pipedrive type
 * names the editor that edits it (`editorOf`) and how its value reads and writes.
 */

/** A value as v2 keeps it (`custom_fields[code]`); undefined or null is none. */
export type Wire = unknown;

const obj = (v: Wire): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== ''
      ? Number(v)
      : null;
/** an option id as v2 shows it: a number, or `{id, label}` with include_option_labels */
const optionId = (v: unknown): number | null => num(obj(v)?.id ?? v);

/** The editor (a name in `fieldTypes`) of each custom-field type. */
const EDITOR: Record<string, FieldTypeName> = {
  varchar: 'varchar',
  varchar_auto: 'varchar_auto',
  // a custom phone field is one number, typed as text (the person's phones are a list of channels)
  phone: 'varchar',
  text: 'text',
  address: 'address',
  double: 'double',
  monetary: 'monetary',
  date: 'date',
  daterange: 'daterange',
  time: 'time',
  timerange: 'timerange',
  enum: 'enum',
  set: 'set',
  user: 'optionalUser',
  org: 'org',
  people: 'people',
};

/** The editor of a field's type; unknown types are edited as one line of text. */
export const editorOf = (field: Field): FieldTypeName => EDITOR[field.field_type] ?? 'varchar';

/** A field's options as the choice editors take them. */
export const optionsOf = (field: Field): Option[] =>
  (field.options ?? []).map((o) => ({
    value: String(o.id),
    label: o.label,
    ...(o.color ? { color: o.color } : {}),
  }));

/** What the editor of `field` edits, from the API's value. Contacts come without their name (the view looks it up). */
export function toEditor(field: Field, v: Wire): unknown {
  const o = obj(v);
  switch (field.field_type) {
    case 'double':
      return num(v);
    case 'monetary': {
      const amount = num(o?.value);
      return amount === null ? null : ({ amount, currency: str(o?.currency) ?? '' } satisfies Money);
    }
    case 'date':
      return str(v);
    case 'daterange':
      return o ? ({ value: str(o.value), until: str(o.until) } satisfies Range) : null;
    case 'time':
      return hhmm(str(o?.value ?? v));
    case 'timerange':
      return o ? ({ value: hhmm(str(o.value)), until: hhmm(str(o.until)) } satisfies Range) : null;
    case 'enum': {
      const id = optionId(v);
      return id === null ? null : String(id);
    }
    case 'set':
      return Array.isArray(v) ? v.map((x) => String(optionId(x))) : [];
    case 'user':
      return num(v);
    case 'org':
    case 'people': {
      const id = num(obj(v)?.value ?? v);
      return id === null ? null : ({ kind: 'existing', id, name: '' } satisfies ContactChoice);
    }
    case 'address':
      return str(o ? o.value : v);
    default:
      return typeof v === 'number' ? String(v) : str(v);
  }
}

/** The API's value of what the editor of `field` holds (null clears); a contact typed as new is made first. */
export async function fromEditor(field: Field, v: unknown): Promise<Wire> {
  if (v === null || v === undefined) return null;
  switch (field.field_type) {
    case 'monetary': {
      const m = v as Money;
      return { value: m.amount, currency: m.currency || null };
    }
    case 'daterange':
    case 'timerange': {
      const r = v as NonNullable<Range>;
      return r.value && r.until ? { value: r.value, until: r.until } : null;
    }
    case 'time':
      return { value: v };
    case 'enum':
      return Number(v);
    case 'set': {
      const ids = (v as string[]).map(Number);
      return ids.length === 0 ? null : ids;
    }
    case 'org':
    case 'people':
      return resolveContact(v as ContactChoice, {
        entity: field.field_type === 'org' ? 'organization' : 'person',
      });
    case 'double':
    case 'user':
      return v;
    default: {
      const s = String(v).trim();
      return s === '' ? null : s;
    }
  }
}

/** The parts a type's value shows at v1's root as `<code>_<part>` (besides `<code>` for `value`). */
const V1_PARTS: Record<string, readonly string[]> = {
  monetary: ['currency'],
  daterange: ['until'],
  time: ['timezone_id', 'timezone_name'],
  timerange: ['until', 'timezone_id', 'timezone_name'],
};

/** A v1 record's (a lead's) value of `field` in v2's shape: `<code>` and its `<code>_<part>` keys. */
export function fromV1(field: Field, record: Record<string, unknown>): Wire {
  const code = field.field_code;
  const main = record[code];
  if (main === undefined || main === null || main === '') return null;
  const parts = V1_PARTS[field.field_type];
  if (parts) {
    const out: Record<string, unknown> = { value: main };
    for (const p of parts) if (record[`${code}_${p}`] !== undefined) out[p] = record[`${code}_${p}`];
    return out;
  }
  if (field.field_type === 'set') return String(main).split(',').map(Number);
  if (field.field_type === 'enum') return Number(main);
  return main;
}

/** A v2 value of `field` as a v1 write's root keys (a lead's PATCH). */
export function toV1(field: Field, v: Wire): Record<string, unknown> {
  const code = field.field_code;
  const o = obj(v);
  if (v === null || v === undefined) return { [code]: null };
  if (o && field.field_type !== 'address') {
    const out: Record<string, unknown> = { [code]: o.value };
    for (const p of V1_PARTS[field.field_type] ?? [])
      if (o[p] !== undefined && o[p] !== null) out[`${code}_${p}`] = o[p];
    return out;
  }
  return { [code]: v };
}
