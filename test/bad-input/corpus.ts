/**
 * A corpus of hostile requests generated from the server's own OpenAPI document: every operation,
 * wrong types, missing and extra fields, huge strings, NUL characters and lone surrogates, broken
 * encodings, hostile paths, query strings and headers. A route added tomorrow is in it the day it is
 * documented. Sampling is deterministic (a seeded PRNG), so a failure names a case that comes back.
 */

// ---------------------------------------------------------------- the document

export interface JsonSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  pattern?: string;
  format?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: RequestBody }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RequestBody {
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  /** e.g. `POST /api/v2/persons/{id}` */
  name: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | null;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: body ? resolve(doc, body) : null,
      });
    }
  }
  return ops.sort((a, b) => a.name.localeCompare(b.name));
}

/** Follows `$ref`s to components, all the way down (the documents here have no cycles in bodies). */
function resolve(doc: OpenApiDocument, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(doc, doc.components?.schemas?.[name] ?? {}, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]),
    );
  }
  if (schema.items) out.items = resolve(doc, schema.items, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (list) out[key] = list.map((s) => resolve(doc, s, depth + 1));
  }
  return out;
}

// ---------------------------------------------------------------- the records requests point at

/** Ids of live records of the corpus's company, by what they are. */
export interface World {
  person: number;
  organization: number;
  deal: number;
  lead: string;
  leadLabel: string;
  pipeline: number;
  stage: number;
  activity: number;
  activityType: number;
  note: number;
  comment: string;
  user: number;
  job: string;
  conversion: string;
  /** an enum custom field per fields path (`dealFields` → its field_code) */
  fieldCodes: Record<string, string>;
}

/** The record a path segment or a field name is about. */
function recordOf(name: string): keyof World | null {
  const n = name.toLowerCase();
  const table: Array<[RegExp, keyof World]> = [
    [/^persons?(_id)?$|^person/, 'person'],
    [/^organizations?$|^org_id$|^organization_id$|^org/, 'organization'],
    [/^deals?(_id)?$/, 'deal'],
    [/^leadlabels?$|^label_ids?$|^label_id$/, 'leadLabel'],
    [/^leads?(_ids?)?$/, 'lead'],
    [/^pipelines?(_id)?$/, 'pipeline'],
    [/^stages?(_id)?$/, 'stage'],
    [/^activitytypes?$/, 'activityType'],
    [/^activities$|^activity_id$/, 'activity'],
    [/^notes?(_id)?$/, 'note'],
    [/^comments?(id)?$/, 'comment'],
    [/^users?$|^owner_id$|^user_id$|^creator_user_id$|_user_id$/, 'user'],
    [/^jobs?$/, 'job'],
    [/^conversion_id$/, 'conversion'],
  ];
  for (const [re, key] of table) if (re.test(n)) return key;
  return null;
}

/** A valid value for a path parameter: the record named by the segment before it. */
function pathValue(world: World, path: string, param: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  if (param === 'field_code') return world.fieldCodes[segments[at - 1] ?? ''] ?? 'title';
  const key = recordOf(param === 'id' ? (segments[at - 1] ?? '') : param);
  return key ? String(world[key]) : '1';
}

// ---------------------------------------------------------------- valid values (the base to mutate)

const options = (s: JsonSchema): JsonSchema[] =>
  s.anyOf ?? s.oneOf ?? (s.allOf ? [Object.assign({}, ...s.allOf)] : []);

/** A value that a schema accepts, or near enough: mutations then reach deeper layers. */
export function sample(world: World, schema: JsonSchema, name = ''): unknown {
  const alternatives = options(schema);
  if (alternatives.length > 0) {
    const pick = alternatives.find((o) => o.type === 'object') ?? alternatives.find((o) => o.type !== 'null');
    return pick ? sample(world, pick, name) : null;
  }
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const record = recordOf(name);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return record && typeof world[record] === 'number' ? world[record] : Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string': {
      if (record && typeof world[record] === 'string' && schema.format === 'uuid') return world[record];
      if (schema.format === 'uuid') return world.lead;
      if (/mail/i.test(name)) return 'someone@example.test';
      const pattern = schema.pattern ?? '';
      if (pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-03-04';
      if (pattern.includes('[A-Z]{3}')) return 'EUR';
      if (pattern.includes('\\d{1,15}')) return String(record ? world[record] : 1);
      if (pattern.includes('{40}')) return 'a'.repeat(40);
      if (pattern.includes(':[0-5]')) return '10:30';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    case 'array': {
      if ((schema.minItems ?? 0) < 1 || !schema.items) return [];
      return [sample(world, schema.items, name.replace(/s$/, ''))];
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const prop = schema.properties[key];
        if (prop) out[key] = sample(world, prop, key);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Every place a value can go in a body: paths to leaves, arrays entered at their first item. */
interface Leaf {
  path: Array<string | number>;
  schema: JsonSchema;
}

function leavesOf(schema: JsonSchema, path: Array<string | number> = [], depth = 0): Leaf[] {
  if (depth > 6) return [];
  const object = schema.properties ? schema : options(schema).find((o) => o.properties);
  if (object?.properties) {
    const inner = Object.entries(object.properties).flatMap(([k, v]) => leavesOf(v, [...path, k], depth + 1));
    return path.length > 0 ? [{ path, schema }, ...inner] : inner;
  }
  const array = schema.type === 'array' ? schema : options(schema).find((o) => o.type === 'array');
  if (array?.items) return [{ path, schema }, ...leavesOf(array.items, [...path, 0], depth + 1)];
  return [{ path, schema }];
}

const isStringLeaf = (s: JsonSchema) => s.type === 'string' || options(s).some((o) => o.type === 'string');

/** A copy of `base` with `value` at `path` (creating the objects and arrays on the way). */
function setAt(base: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(base) ? [...base] : [];
    list[head] = setAt(list[head] ?? {}, rest, value);
    return list;
  }
  const obj = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as object) } : {};
  (obj as Record<string, unknown>)[head as string] = setAt(
    (obj as Record<string, unknown>)[head as string],
    rest,
    value,
  );
  return obj;
}

// ---------------------------------------------------------------- hostile values

const HUGE = 200_000;

/**
 * Long strings that make backtracking patterns work hard: each is refused by a length check in
 * linear time, or accepted by a linear pattern. A super-linear pattern on any of them shows up as a
 * test that times out (200,000 characters took a quadratic e-mail pattern over a minute).
 */
export const ADVERSARIAL: Array<[string, () => string]> = [
  ['e-mail-like', () => `a@${'a.'.repeat(HUGE / 2)}@`],
  ['digits', () => `${'1'.repeat(HUGE)}x`],
  ['blanks', () => `${' '.repeat(HUGE)}x`],
  ['underscores', () => `a${'_'.repeat(HUGE)}a`],
  ['angle brackets', () => '<'.repeat(HUGE)],
  ['time fraction', () => `2026-01-01T00:00:00.${'1'.repeat(HUGE)}x`],
  ['id list', () => `${'1,'.repeat(HUGE / 2)}x`],
  ['letters', () => 'a'.repeat(HUGE)],
];

const WRONG_TYPES: unknown[] = [12345, 'text', true, null, [], {}, -1, 1.5, 1e308, '', [null], { a: 1 }];

const TEXT_HOSTILE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDFFF'],
  ['only NUL', '\u0000'],
  ['script', '<script>alert(1)</script>'],
  ['sql', "'; DROP TABLE persons; --"],
  ['right-to-left and zero-width', '\u202Eabc\u200B'],
];

/** Raw JSON texts that a parser must refuse, or take as a number it checks. */
const RAW_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '-0', '0.0000000001'];

const PATH_HOSTILE: Array<[string, string]> = [
  ['too long', 'a'.repeat(300)],
  ['NUL', '%00'],
  ['encoded surrogate (invalid UTF-8)', '%ED%A0%80'],
  ['bad percent-encoding', '%E0%A4%A'],
  ['lone percent', '%'],
  ['negative', '-1'],
  ['zero', '0'],
  ['fraction', '1.5'],
  ['beyond bigint', '99999999999999999999'],
  ['letters', 'abc'],
  ['traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['unicode', '%C3%BC'],
  ['encoded slash', '1%2F2'],
  ['overlong UTF-8', '%C0%AE'],
];

const QUERY_HOSTILE: Array<[string, string]> = [
  ['letters', 'abc'],
  ['negative', '-1'],
  ['huge number', '1e99'],
  ['NUL', '%00'],
  ['invalid UTF-8', '%ED%A0%80'],
  ['bad percent-encoding', '%E0%A4%A'],
  ['empty', ''],
  ['long id list', `${'1,'.repeat(3000)}1`],
  ['long digits', '9'.repeat(5000)],
  ['long blanks', `${'%20'.repeat(3000)}x`],
];

// ---------------------------------------------------------------- cases

export interface Case {
  op: string;
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** text or bytes sent as the body, as is */
  payload?: string | Buffer;
  /** always kept by the sampling (the huge-string cases: they guard against slow patterns) */
  always?: boolean;
}

/** mulberry32: a small, seeded PRNG, so a sample is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** All hostile cases of one operation (before sampling). */
export function allCasesFor(op: Operation, world: World): Case[] {
  const pathWith = (overrides: Record<string, string> = {}) =>
    op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => overrides[p] ?? pathValue(world, op.path, p));
  const url = pathWith();
  const hasBody = op.body !== null;
  const base = hasBody ? sample(world, op.body as JsonSchema) : undefined;
  const baseText = hasBody ? JSON.stringify(base) : undefined;
  const cases: Case[] = [];
  const add = (label: string, c: Partial<Case> & { url?: string }) =>
    cases.push({
      op: op.name,
      label,
      method: op.method,
      url: c.url ?? url,
      headers: c.headers ?? (hasBody ? JSON_HEADERS : {}),
      ...(c.payload !== undefined ? { payload: c.payload } : baseText ? { payload: baseText } : {}),
      ...(c.always ? { always: true } : {}),
    });

  // hostile path parameters
  for (const param of op.pathParams) {
    for (const [label, value] of PATH_HOSTILE)
      add(`path ${param}: ${label}`, { url: pathWith({ [param]: value }) });
  }

  // hostile query parameters, and unknown ones
  for (const q of op.query) {
    for (const [label, value] of QUERY_HOSTILE)
      add(`query ${q.name}: ${label}`, { url: `${url}?${q.name}=${value}` });
    add(`query ${q.name}: repeated`, { url: `${url}?${q.name}=1&${q.name}=2` });
    add(`query ${q.name}: bracketed`, { url: `${url}?${q.name}[a]=1` });
  }
  add('query: unknown parameter', { url: `${url}?unknown_param=%00&__proto__=1` });
  add('query: huge', { url: `${url}?q=${'a'.repeat(10_000)}`, always: true });

  // hostile headers (through the router; Node's parser limits are tested over a socket)
  add('header: unsupported content type', { headers: { 'content-type': 'text/plain' }, payload: 'hello' });
  add('header: content type with a strange charset', {
    headers: { 'content-type': 'application/json; charset=utf-7' },
  });
  add('header: multipart without boundary', {
    headers: { 'content-type': 'multipart/form-data' },
    payload: 'x',
  });
  add('header: accept-version', { headers: { ...JSON_HEADERS, 'accept-version': '9.9.9' } });
  add('header: form body with NUL', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'name=a%00b&title=%ED%A0%80&content=%E0%A4%A',
  });
  add('header: gzip that is not', { headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' } });

  if (!hasBody) {
    add('body where none is expected', { headers: JSON_HEADERS, payload: '{"unexpected":"\\u0000"}' });
    return cases;
  }
  const body = op.body as JsonSchema;

  // the body as a whole
  add('body: empty object', { payload: '{}' });
  for (const [label, text] of [
    ['array', '[]'],
    ['string', '"text"'],
    ['null', 'null'],
    ['number', '123'],
    ['truncated JSON', '{"name":'],
    ['trailing garbage', `${baseText}xyz`],
    ['duplicate keys', '{"name":"a","name":"b"}'],
    ['__proto__ key', `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`],
    ['deep nesting', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
    ['NUL escape at the top', '{"\\u0000":"\\u0000"}'],
    ['surrogate escape at the top', '{"\\ud800":"\\udfff"}'],
  ] as const) {
    add(`body: ${label}`, { payload: text });
  }
  add('body: invalid UTF-8', {
    payload: Buffer.concat([
      Buffer.from('{"name":"a'),
      Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]),
  });
  add('body: UTF-16', { payload: Buffer.from(`\ufeff${baseText}`, 'utf16le') });
  add('body: extra field', {
    payload: JSON.stringify({ ...(base as object), unexpected_field: 'x', id: 1 }),
  });
  for (const key of body.required ?? []) {
    const copy = { ...(base as Record<string, unknown>) };
    delete copy[key];
    add(`body: missing ${key}`, { payload: JSON.stringify(copy) });
  }

  // each field
  const leaves = leavesOf(body);
  leaves.forEach((leaf, i) => {
    const field = leaf.path.join('.');
    const put = (value: unknown) => JSON.stringify(setAt(base, leaf.path, value));
    for (const wrong of WRONG_TYPES) add(`${field}: ${JSON.stringify(wrong)}`, { payload: put(wrong) });
    for (const [label, value] of TEXT_HOSTILE) add(`${field}: ${label}`, { payload: put(value) });
    for (const raw of RAW_NUMBERS) {
      add(`${field}: raw number ${raw}`, { payload: put('__RAW__').replace('"__RAW__"', raw) });
    }
    add(`${field}: huge array`, { payload: put(Array.from({ length: 20_000 }, (_, k) => k)) });
    add(`${field}: huge object`, {
      payload: put(Object.fromEntries(Array.from({ length: 5_000 }, (_, k) => [`k${k}`, k]))),
    });
    // every text field gets huge adversarial strings, always: a slow pattern times the test out.
    // The e-mail-like one (the pattern that once took a minute) goes everywhere, the others take
    // turns, so an operation with a few text fields gets all of them.
    if (isStringLeaf(leaf.schema)) {
      for (const k of [0, 1 + (i % (ADVERSARIAL.length - 1))]) {
        const [label, make] = ADVERSARIAL[k]!;
        add(`${field}: huge ${label} string`, { payload: put(make()), always: true });
      }
    } else if (leaf.path.length === 1) {
      const [label, make] = ADVERSARIAL[i % ADVERSARIAL.length]!;
      add(`${field}: huge ${label} string`, { payload: put(make()), always: true });
    }
  });
  return cases;
}

/**
 * The cases of one operation: those always kept, and `perOperation` others drawn with a PRNG
 * seeded by the operation's name, so every run sends the same requests.
 */
export function casesFor(op: Operation, world: World, perOperation: number): Case[] {
  const all = allCasesFor(op, world);
  const always = all.filter((c) => c.always);
  const rest = all.filter((c) => !c.always);
  const random = prng(seedOf(op.name));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...always, ...rest.slice(0, perOperation)];
}

// ---------------------------------------------------------------- what every refusal looks like

/** Why a body is not Pipedrive's error envelope, or null when it is. */
export function envelopeViolation(status: number, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return `${status}: not a JSON object`;
  const b = body as Record<string, unknown>;
  if (b.success !== false) return `${status}: success is not false`;
  if (typeof b.error !== 'string' || b.error === '') return `${status}: no error message`;
  if (b.data !== null) return `${status}: data is not null`;
  if (b.additional_data !== null) return `${status}: additional_data is not null`;
  if ('error_info' in b && typeof b.error_info !== 'string') return `${status}: error_info is not a string`;
  return null;
}
