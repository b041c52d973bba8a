import { and, asc, gt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { organizations, personChannels as pc, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { invalid } from '../errors.ts';
import { leads } from '../leads/tables.ts';
import { scoped } from '../scope.ts';
import { escapeLike, folded, type Term } from './match.ts';

export const FIELD_ENTITY_TYPES = ['deal', 'lead', 'person', 'organization', 'product', 'project'] as const;
export const FIELD_MATCHES = ['exact', 'beginning', 'middle'] as const;
export type FieldEntityType = (typeof FIELD_ENTITY_TYPES)[number];
export type FieldMatchKind = (typeof FIELD_MATCHES)[number];

/** The fields each entity can be searched by, besides custom fields (40-hex keys). */
export const SEARCHABLE_FIELDS: Record<FieldEntityType, readonly string[]> = {
  deal: ['title'],
  lead: ['title'],
  person: ['name', 'email', 'phone'],
  organization: ['name', 'address'],
  product: ['name', 'code'],
  project: ['title'],
};

const CUSTOM_FIELD_KEY = /^[0-9a-f]{40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FieldSearch {
  entityType: FieldEntityType;
  field: string;
  match: FieldMatchKind;
  limit: number;
  cursor?: string | undefined;
}

export type FieldHit = { id: number; name: string } | { id: number | string; title: string };

/** Case-sensitive comparison of a text value with the term (spec §13 searchItemByField). */
function compare(value: SQL | PgColumn, term: Term, match: FieldMatchKind): SQL {
  const e = escapeLike(term.raw);
  if (match === 'exact') return sql`${value} = ${term.raw}`;
  return sql`${value} LIKE ${match === 'beginning' ? `${e}%` : `%${e}%`}`;
}

/**
 * The same comparison, preceded by its accent- and case-insensitive form on the trigram index: a value
 * that contains the term also contains it once both are folded, so the index narrows the rows first.
 */
function compareIndexed(column: PgColumn, term: Term, match: FieldMatchKind): SQL {
  const e = escapeLike(term.folded);
  const loose = match === 'exact' ? e : match === 'beginning' ? `${e}%` : `%${e}%`;
  return sql`(${folded(column)} ILIKE ${loose} AND ${compare(column, term, match)})`;
}

function afterCursor(cursor: string | undefined, id: PgColumn, uuid: boolean): SQL | undefined {
  if (cursor === undefined) return undefined;
  const c = decodeCursor(cursor);
  const ok = uuid ? typeof c.id === 'string' && UUID.test(c.id) : Number.isSafeInteger(c.id);
  if (!ok) throw invalid('cursor', 'invalid cursor');
  return gt(id, c.id);
}

/** A 400 naming `field` when the entity has no such field. */
function checkField(q: FieldSearch): void {
  if (CUSTOM_FIELD_KEY.test(q.field) || SEARCHABLE_FIELDS[q.entityType].includes(q.field)) return;
  const known = SEARCHABLE_FIELDS[q.entityType].join(', ');
  throw invalid('field', `unknown field for ${q.entityType}; expected one of ${known} or a custom field key`);
}

const CUSTOM_FIELDS_COLUMN = {
  deal: deals.customFields,
  lead: leads.customFields,
  person: persons.customFields,
  organization: organizations.customFields,
};

/** The condition on the field (see checkField); products and projects never get here. */
function fieldCondition(
  ctx: Ctx,
  q: FieldSearch & { entityType: keyof typeof CUSTOM_FIELDS_COLUMN },
  term: Term,
) {
  if (CUSTOM_FIELD_KEY.test(q.field)) {
    return compare(sql`(${CUSTOM_FIELDS_COLUMN[q.entityType]} ->> ${q.field})`, term, q.match);
  }
  switch (`${q.entityType}.${q.field}`) {
    case 'deal.title':
      return compareIndexed(deals.title, term, q.match);
    case 'lead.title':
      return compareIndexed(leads.title, term, q.match);
    case 'person.name':
      return compareIndexed(persons.name, term, q.match);
    case 'organization.name':
      return compareIndexed(organizations.name, term, q.match);
    case 'organization.address':
      return compare(sql`(${organizations.address} ->> 'value')`, term, q.match);
    default: {
      const kind = q.field === 'email' ? 'email' : 'phone';
      return sql`${persons.id} IN (SELECT ${pc.personId} FROM ${pc}
        WHERE ${pc.companyId} = ${ctx.companyId} AND ${pc.kind} = ${kind} AND ${compare(pc.value, term, q.match)})`;
    }
  }
}

/**
 * Records of one entity type whose field matches, by id; `[{id, name}]` (`title` for deals and
 * leads). Products and projects have no records here.
 */
export async function searchByField(
  ctx: Ctx,
  term: Term,
  q: FieldSearch,
): Promise<{ rows: FieldHit[]; nextCursor: string | null }> {
  checkField(q);
  if (q.entityType === 'product' || q.entityType === 'project') return { rows: [], nextCursor: null };
  const cond = fieldCondition(ctx, { ...q, entityType: q.entityType }, term);
  const n = q.limit + 1;
  let rows: FieldHit[];
  if (q.entityType === 'deal' || q.entityType === 'lead') {
    const t = q.entityType === 'deal' ? deals : leads;
    rows = await ctx.db
      .select({ id: t.id, title: t.title })
      .from(t)
      .where(and(scoped(ctx, t), cond, afterCursor(q.cursor, t.id, q.entityType === 'lead')))
      .orderBy(asc(t.id))
      .limit(n);
  } else {
    const t = q.entityType === 'person' ? persons : organizations;
    rows = await ctx.db
      .select({ id: t.id, name: t.name })
      .from(t)
      .where(and(scoped(ctx, t), cond, afterCursor(q.cursor, t.id, false)))
      .orderBy(asc(t.id))
      .limit(n);
  }
  if (rows.length <= q.limit) return { rows, nextCursor: null };
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1] as FieldHit;
  return { rows: page, nextCursor: encodeCursor({ v: last.id, id: last.id }) };
}
