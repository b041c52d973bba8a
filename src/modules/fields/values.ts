import { and, eq, sql } from 'drizzle-orm';
import { storable, ymd } from '../../http/fields.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import { users } from '../users/tables.ts';
import { customFieldDefs } from './defs.ts';
import { ADDRESS_PARTS, type CustomFieldType, type FieldDef, type FieldEntity } from './types.ts';

/**
 * Custom-field values: one stored form, three wire forms (spec §1.3). Each entity keeps its values in
 * its `custom_fields` jsonb, keyed by field key, in the v2 shape: a string, a number, an option id, a
 * list of option ids, or an object for the types with parts (monetary, ranges, time, address). A
 * field without a value has no key. v1 objects (leads, the v1 deal) show them at the root with
 * `<key>_<part>` keys; v2 objects under `custom_fields`.
 */
export type StoredValue = string | number | number[] | Record<string, string | number | null>;
export type StoredValues = Record<string, unknown>;

/** Which wire form a request uses: v1 root keys or the v2 `custom_fields` object. */
export type ValueShape = 'v1' | 'v2';

/** A parsed change: each named live field's new value, `null` to clear it. */
export type ValueChange = Record<string, StoredValue | null>;

/** The ids a change refers to, by kind: checked against the company in one query per kind. */
export interface ValueRefs {
  user: Map<number, string>;
  org: Map<number, string>;
  people: Map<number, string>;
}

export interface ParseOptions {
  /** the record's stored values, for a v1 write of one part only (`<key>_currency`) */
  before?: StoredValues | undefined;
  /** currency of a monetary value sent without one (readCustomValues: the company's default) */
  currency?: string | undefined;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
export const HASH = /^[0-9a-f]{40}$/;
/** v1 root keys of parts: `<key>_<part>`. */
export const V1_PARTS: Partial<Record<CustomFieldType, readonly string[]>> = {
  monetary: ['currency'],
  daterange: ['until'],
  time: ['timezone_id', 'timezone_name'],
  timerange: ['until', 'timezone_id', 'timezone_name'],
  address: ADDRESS_PARTS,
};
const CURRENCY = /^[A-Z]{3}$/;
const MAX_TEXT: Partial<Record<CustomFieldType, number>> = { text: 65_535 };

class Bad extends Error {}
const bad = (message: string): never => {
  throw new Bad(message);
};

/** The input's value for one field, named as the caller wrote it. */
const fieldName = (shape: ValueShape, key: string) => (shape === 'v2' ? `custom_fields.${key}` : key);

/**
 * Reads a write's custom-field values (v1: the body's root keys that are custom, `<key>` and
 * `<key>_<part>`; v2: the `custom_fields` object) into stored values. Refuses, naming the field:
 * a key that is no field of this entity, a formula field (computed), a value of the wrong type, an
 * option id the field does not have, `[]` for a set (clear with null). Keys of deleted fields are
 * ignored, as Pipedrive does. Users, persons and organizations are collected in `refs`, for
 * `assertValueRefs` to check in one query each.
 */
export function parseCustomValues(
  defs: readonly FieldDef[],
  input: Readonly<Record<string, unknown>>,
  shape: ValueShape,
  opts: ParseOptions = {},
): { change: ValueChange; refs: ValueRefs } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const refs: ValueRefs = { user: new Map(), org: new Map(), people: new Map() };
  const grouped = shape === 'v2' ? v2Inputs(input) : v1Inputs(input, byKey);
  const change: ValueChange = {};
  for (const [key, given] of grouped) {
    const name = fieldName(shape, given.inputKey ?? key);
    const def = byKey.get(key);
    if (!def) throw invalid(name, 'unknown custom field');
    if (def.isDeleted) continue;
    if (def.formula !== null) throw invalid(name, 'a formula field is computed and cannot be written');
    try {
      const value =
        shape === 'v2'
          ? parseV2(def, given.value)
          : parseV1(def, given.value, given.parts, opts.before?.[key], given.hasMain);
      if (value !== null && value !== undefined) {
        const filled = fill(def, value, opts);
        collectRefs(def, filled, name, refs);
        change[key] = filled;
      } else if (value === null) {
        change[key] = null;
      }
    } catch (e) {
      if (e instanceof Bad) throw invalid(name, e.message);
      throw e;
    }
  }
  return { change, refs };
}

interface GivenValue {
  value: unknown;
  /** v1: `<part>` → value of the `<key>_<part>` root keys */
  parts: Record<string, unknown>;
  hasMain: boolean;
  /** the key the caller wrote, when it is a part's (`<key>_currency`) */
  inputKey?: string;
}

function v2Inputs(input: Readonly<Record<string, unknown>>): Map<string, GivenValue> {
  const out = new Map<string, GivenValue>();
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) out.set(key, { value, parts: {}, hasMain: true });
  }
  return out;
}

/** v1 root keys grouped by field: `<key>` and its `<key>_<part>` keys. Non-custom keys are the caller's. */
function v1Inputs(
  input: Readonly<Record<string, unknown>>,
  byKey: Map<string, FieldDef>,
): Map<string, GivenValue> {
  const out = new Map<string, GivenValue>();
  const entry = (key: string) => {
    let e = out.get(key);
    if (!e) {
      e = { value: undefined, parts: {}, hasMain: false };
      out.set(key, e);
    }
    return e;
  };
  for (const [rootKey, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (HASH.test(rootKey)) {
      const e = entry(rootKey);
      e.value = value;
      e.hasMain = true;
      continue;
    }
    const key = rootKey.slice(0, 40);
    const part = rootKey.slice(41);
    const def = byKey.get(key);
    if (!HASH.test(key) || rootKey[40] !== '_' || (def && !V1_PARTS[def.fieldType]?.includes(part))) {
      throw invalid(rootKey, def ? 'unknown part of this custom field' : 'unknown custom field');
    }
    const e = entry(key);
    e.parts[part] = value;
    e.inputKey ??= rootKey;
  }
  for (const e of out.values()) if (e.hasMain) delete e.inputKey;
  return out;
}

/** A value in v2's shape (the stored one); `null` clears. */
function parseV2(def: FieldDef, v: unknown): StoredValue | null {
  if (v === null) return null;
  switch (def.fieldType) {
    case 'varchar':
    case 'varchar_auto':
    case 'text':
    case 'phone':
      return str(v, MAX_TEXT[def.fieldType] ?? 255);
    case 'double':
      return num(v);
    case 'monetary': {
      const o = obj(v, ['value', 'currency']);
      return { value: num(o.value), currency: o.currency == null ? null : currency(o.currency) };
    }
    case 'date':
      return date(v);
    case 'daterange': {
      const o = obj(v, ['value', 'until']);
      return range(date(o.value), date(o.until));
    }
    case 'time': {
      const o = obj(v, ['value', 'timezone_id', 'timezone_name']);
      return { value: time(o.value), ...zone(o) };
    }
    case 'timerange': {
      const o = obj(v, ['value', 'until', 'timezone_id', 'timezone_name']);
      return { ...range(time(o.value), time(o.until)), ...zone(o) };
    }
    case 'enum':
      return option(def, v);
    case 'set':
      return options(def, v, false);
    case 'user':
    case 'org':
    case 'people':
      return id(v);
    case 'address': {
      if (typeof v === 'string') return address(v, {});
      const o = obj(v, ['value', ...ADDRESS_PARTS]);
      return address(o.value, o);
    }
  }
}

/**
 * A value from v1 root keys: `<key>` and its parts. A part sent without `<key>` changes that part of
 * the stored value; `<key>: null` clears the field.
 */
function parseV1(
  def: FieldDef,
  main: unknown,
  parts: Record<string, unknown>,
  before: unknown,
  hasMain: boolean,
): StoredValue | null | undefined {
  if (hasMain && main === null) return null;
  const prior = before !== null && typeof before === 'object' && !Array.isArray(before) ? before : {};
  const merged = (): Record<string, unknown> => ({
    ...prior,
    ...(hasMain ? { value: main } : {}),
    ...parts,
  });
  switch (def.fieldType) {
    case 'double':
      return num(typeof main === 'string' && main.trim() !== '' ? Number(main) : main);
    case 'monetary': {
      const o = merged();
      if (o.value === undefined || o.value === null) bad('expected an amount');
      return parseV2(def, { ...o, value: typeof o.value === 'string' ? Number(o.value) : o.value });
    }
    case 'daterange':
    case 'time':
    case 'timerange':
    case 'address': {
      const o = merged();
      if (o.value === undefined || o.value === null) bad('expected a value');
      if (def.fieldType === 'address' && hasMain) {
        // a new address replaces the old one: parts not sent are empty
        return parseV2(def, { value: main, ...parts });
      }
      return parseV2(def, o);
    }
    case 'enum':
      return option(def, typeof main === 'string' && /^\d+$/.test(main) ? Number(main) : main);
    case 'set':
      return options(def, main, true);
    case 'user':
    case 'org':
    case 'people':
      return id(typeof main === 'string' && /^\d+$/.test(main) ? Number(main) : main);
    default:
      return parseV2(def, main);
  }
}

/** Fills what the caller may leave out: a monetary value's currency. */
function fill(def: FieldDef, v: StoredValue, opts: ParseOptions): StoredValue {
  if (def.fieldType === 'monetary' && typeof v === 'object' && !Array.isArray(v) && v.currency === null) {
    const prior = opts.before?.[def.key] as { currency?: unknown } | undefined;
    // none known here: readCustomValues fills in the company's default currency
    const cur = typeof prior?.currency === 'string' ? prior.currency : opts.currency;
    return { ...v, currency: cur ?? null };
  }
  return v;
}

function collectRefs(def: FieldDef, v: StoredValue, name: string, refs: ValueRefs) {
  if (
    (def.fieldType === 'user' || def.fieldType === 'org' || def.fieldType === 'people') &&
    typeof v === 'number'
  ) {
    if (!refs[def.fieldType].has(v)) refs[def.fieldType].set(v, name);
  }
}

/**
 * Checks that every user, person and organization a change names exists in the company (one query per
 * kind): an unknown one is a 400 naming the field. Persons and organizations as the caller sees them.
 */
export async function assertValueRefs(ctx: Ctx, refs: ValueRefs): Promise<void> {
  await assertExist(ctx, refs.user, 'user');
  await assertExist(ctx, refs.people, 'people');
  await assertExist(ctx, refs.org, 'org');
}

const KIND_NAME = { user: 'user', people: 'person', org: 'organization' } as const;

async function assertExist(ctx: Ctx, ids: Map<number, string>, kind: 'user' | 'people' | 'org') {
  if (ids.size === 0) return;
  const list = sql`${sql.param([...ids.keys()])}::bigint[]`;
  const rows =
    kind === 'user'
      ? await ctx.db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.companyId, ctx.companyId),
              eq(users.activeFlag, true),
              sql`${users.id} = ANY(${list})`,
            ),
          )
      : await ctx.db
          .select({ id: (kind === 'people' ? persons : organizations).id })
          .from(kind === 'people' ? persons : organizations)
          .where(
            kind === 'people'
              ? and(scoped(ctx, persons), sql`${persons.id} = ANY(${list})`)
              : and(scoped(ctx, organizations), sql`${organizations.id} = ANY(${list})`),
          );
  const found = new Set(rows.map((r) => Number(r.id)));
  for (const [rid, name] of ids)
    if (!found.has(rid)) throw invalid(name, `${KIND_NAME[kind]} ${rid} not found`);
}

/** Parses and checks a write's custom values: the one call a write makes. */
export async function readCustomValues(
  ctx: Ctx,
  defs: readonly FieldDef[],
  input: Readonly<Record<string, unknown>>,
  shape: ValueShape,
  opts: ParseOptions = {},
): Promise<ValueChange> {
  const { change, refs } = parseCustomValues(defs, input, shape, opts);
  await assertValueRefs(ctx, refs);
  let currency: string | undefined;
  for (const [key, v] of Object.entries(change)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && v.currency === null) {
      currency ??= (await getCompany(ctx)).defaultCurrency;
      change[key] = { ...v, currency };
    }
  }
  return change;
}

/** The stored values after a change: `null` removes a key, other values replace it. */
export function applyValues(before: StoredValues, change: ValueChange): StoredValues {
  const next: StoredValues = { ...before };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

// ------------------------------------------------------------------------------ value checks

function str(v: unknown, max: number): string {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return bad('expected a string');
  if (v.length > max) bad(`at most ${max} characters`);
  if (!storable(v)) bad('must not contain NUL characters or broken Unicode');
  return v;
}

function num(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return bad('expected a number');
  if (Math.abs(v) > 1e15) bad('out of range');
  return v;
}

function currency(v: unknown): string {
  if (typeof v !== 'string' || !CURRENCY.test(v)) return bad('expected an ISO 4217 code such as USD');
  return v;
}

function date(v: unknown): string {
  if (!ymd.safeParse(v).success) bad('expected a date YYYY-MM-DD');
  return v as string;
}

function time(v: unknown): string {
  if (typeof v !== 'string' || !TIME.test(v)) return bad('expected a time HH:MM:SS');
  return v.length === 5 ? `${v}:00` : v;
}

function range<T extends string>(value: T, until: T): { value: T; until: T } {
  if (until < value) bad('until is before the start');
  return { value, until };
}

function zone(o: Record<string, unknown>): { timezone_id: number | null; timezone_name: string | null } {
  const tzId = o.timezone_id;
  const tzName = o.timezone_name;
  if (tzId != null && (typeof tzId !== 'number' || !Number.isSafeInteger(tzId) || tzId < 0)) {
    bad('timezone_id: expected an id');
  }
  if (tzName != null) {
    if (typeof tzName !== 'string' || tzName.length > 64) bad('timezone_name: expected an IANA time zone');
    try {
      new Intl.DateTimeFormat('en', { timeZone: tzName as string });
    } catch {
      bad('timezone_name: expected an IANA time zone');
    }
  }
  return {
    timezone_id: (tzId as number | null | undefined) ?? null,
    timezone_name: (tzName as string | null) ?? null,
  };
}

function id(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) return bad('expected an id');
  return v;
}

function option(def: FieldDef, v: unknown): number {
  const n = id(v);
  if (!def.options.some((o) => o.id === n)) bad(`option ${n} does not exist`);
  return n;
}

function options(def: FieldDef, v: unknown, v1: boolean): number[] {
  let list: unknown = v;
  if (v1 && typeof v === 'string') list = v.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s));
  else if (v1 && typeof v === 'number') list = [v];
  if (!Array.isArray(list)) return bad('expected a list of option ids');
  if (list.length === 0) bad('send null to clear a field, not []');
  if (list.length > 1000) bad('at most 1000 options');
  return [...new Set(list.map((x) => option(def, x)))];
}

function obj(v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad('expected an object');
  for (const k of Object.keys(v)) if (!keys.includes(k)) bad(`unknown part ${k}`);
  return v as Record<string, unknown>;
}

function address(value: unknown, o: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = { value: str(value, 255) };
  for (const part of ADDRESS_PARTS) out[part] = o[part] == null ? null : str(o[part], 255);
  return out;
}

/**
 * A record's stored values after a write's custom values (v1 root keys or v2 `custom_fields`) of the
 * entity's fields, checked; `undefined` when the write names none (no definitions are read).
 */
export async function writeCustomValues(
  ctx: Ctx,
  entity: FieldEntity,
  before: StoredValues,
  input: Readonly<Record<string, unknown>> | undefined,
  shape: ValueShape,
): Promise<StoredValues | undefined> {
  if (!input) return undefined;
  let any = false;
  for (const _ in input) any = true;
  if (!any) return undefined;
  const defs = await customFieldDefs(ctx, entity);
  return applyValues(before, await readCustomValues(ctx, defs, input, shape, { before }));
}
