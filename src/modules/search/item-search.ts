import type { Ctx } from '../context.ts';
import type { Scored } from './candidates.ts';
import { encodeOffsetCursor } from './cursor.ts';
import { DEAL_FIELDS, searchDeals } from './deals.ts';
import { LEAD_FIELDS, searchLeads } from './leads.ts';
import { SCAN_CAP, type Term } from './match.ts';
import { ORGANIZATION_FIELDS, searchOrganizations } from './organizations.ts';
import { PERSON_FIELDS, searchPersons } from './persons.ts';
import type { SearchItem } from './present.ts';

/** itemSearch (spec §13): the item types and fields a request may name. */
export const ITEM_TYPES = [
  'deal',
  'person',
  'organization',
  'product',
  'lead',
  'file',
  'mail_attachment',
  'project',
] as const;
export const ITEM_FIELDS = [
  'address',
  'code',
  'custom_fields',
  'email',
  'name',
  'notes',
  'phone',
  'title',
  'description',
] as const;
export const ITEM_INCLUDE_FIELDS = ['deal.cc_email', 'person.picture', 'product.price'] as const;

export type ItemType = (typeof ITEM_TYPES)[number];

export interface ItemSearch {
  types?: readonly ItemType[] | undefined;
  fields?: readonly string[] | undefined;
  include?: readonly string[] | undefined;
  offset: number;
  limit: number;
}

/** The fields of one type that the request searches: those it names, or all of the type's. */
function fieldsOf(typeFields: readonly string[], asked: readonly string[] | undefined): string[] {
  return asked?.length ? typeFields.filter((f) => asked.includes(f)) : [...typeFields];
}

/**
 * Searches several item types at once and ranks the items by score across them (ties keep the order
 * of ITEM_TYPES, then each type's own order). Products, files, mail attachments and projects have no
 * records here and give nothing.
 */
export async function searchItems(
  ctx: Ctx,
  term: Term,
  q: ItemSearch,
): Promise<{ items: Scored<SearchItem>[]; nextCursor: string | null }> {
  const types = new Set<ItemType>(q.types?.length ? q.types : ITEM_TYPES);
  // Each type ranks at most SCAN_CAP items: a cursor beyond them all has nothing to show.
  if (q.offset >= SCAN_CAP * types.size) return { items: [], nextCursor: null };
  const include = new Set(q.include ?? []);
  // Each type's best `offset + limit + 1`: enough to cut this page from the merged ranking.
  const window = { offset: 0, count: Math.min(q.offset + q.limit + 1, SCAN_CAP) };
  const searchType = (type: ItemType): Promise<Scored<SearchItem>[]> => {
    switch (type) {
      case 'deal':
        return searchDeals(
          ctx,
          term,
          { fields: fieldsOf(DEAL_FIELDS, q.fields), includeCcEmail: include.has('deal.cc_email') },
          window,
        );
      case 'person':
        return searchPersons(
          ctx,
          term,
          { fields: fieldsOf(PERSON_FIELDS, q.fields), includePicture: include.has('person.picture') },
          window,
        );
      case 'organization':
        return searchOrganizations(ctx, term, { fields: fieldsOf(ORGANIZATION_FIELDS, q.fields) }, window);
      case 'lead':
        return searchLeads(ctx, term, { fields: fieldsOf(LEAD_FIELDS, q.fields) }, window);
      default:
        return Promise.resolve([]);
    }
  };
  // One type after the other: the embedded database serialises queries anyway, and a search holds
  // one pooled connection at a time on PostgreSQL.
  const merged: Scored<SearchItem>[] = [];
  for (const type of ITEM_TYPES) if (types.has(type)) merged.push(...(await searchType(type)));
  merged.sort((a, b) => b.score - a.score);
  const items = merged.slice(q.offset, q.offset + q.limit);
  const more = merged.length > q.offset + q.limit;
  return { items, nextCursor: more ? encodeOffsetCursor(q.offset + q.limit) : null };
}
