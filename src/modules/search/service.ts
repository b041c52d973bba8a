import { sql } from 'drizzle-orm';
import { v1Page } from '../../http/query.ts';
import { type Ctx, inTx } from '../context.ts';
import type { Scored, Window } from './candidates.ts';
import { decodeOffsetCursor, encodeOffsetCursor } from './cursor.ts';
import { DEAL_FIELDS, type DealSearch, searchDeals } from './deals.ts';
import { type FieldSearch, searchByField } from './field-search.ts';
import { type ItemSearch, searchItems } from './item-search.ts';
import { LEAD_FIELDS, type LeadSearch, searchLeads } from './leads.ts';
import { prepareTerm, SCAN_CAP } from './match.ts';
import { ORGANIZATION_FIELDS, searchOrganizations } from './organizations.ts';
import { PERSON_FIELDS, searchPersons } from './persons.ts';

/** The search use cases behind the routes: term checks, paging, defaults. */

/**
 * Runs a search in one read transaction without JIT: the planner prices the per-row custom-field and
 * note look-ups high enough to JIT-compile the query, which costs PostgreSQL seconds for a query
 * that runs in milliseconds.
 */
function searching<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return inTx(ctx, async (tx) => {
    await tx.db.execute(sql`SET LOCAL jit = off`);
    return fn(tx);
  });
}

interface TermInput {
  term: string;
  exact_match?: boolean | undefined;
}

interface CursorInput {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface SearchPage<T> {
  items: Scored<T>[];
  nextCursor: string | null;
}

/** One page of a ranking from an offset: `limit + 1` rows tell whether there is more. */
async function rankedPage<T>(
  offset: number,
  limit: number,
  run: (w: Window) => Promise<Scored<T>[]>,
): Promise<{ items: Scored<T>[]; more: boolean }> {
  const rows = await run({ offset, count: limit + 1 });
  return { items: rows.slice(0, limit), more: rows.length > limit && offset + limit < SCAN_CAP };
}

async function cursorPage<T>(
  q: CursorInput,
  run: (w: Window) => Promise<Scored<T>[]>,
): Promise<SearchPage<T>> {
  const offset = decodeOffsetCursor(q.cursor);
  const limit = q.limit ?? 100;
  const page = await rankedPage(offset, limit, run);
  return { items: page.items, nextCursor: page.more ? encodeOffsetCursor(offset + limit) : null };
}

const withDefault = (asked: readonly string[] | undefined, all: readonly string[]) =>
  asked?.length ? asked : all;

export async function personSearch(
  ctx: Ctx,
  q: TermInput &
    CursorInput & { fields?: string[]; organization_id?: number; include_fields?: string[] | undefined },
) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    return cursorPage(q, (w) =>
      searchPersons(
        ctx,
        term,
        {
          fields: withDefault(q.fields, PERSON_FIELDS),
          organizationId: q.organization_id,
          includePicture: q.include_fields?.includes('person.picture'),
        },
        w,
      ),
    );
  });
}

export async function organizationSearch(ctx: Ctx, q: TermInput & CursorInput & { fields?: string[] }) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    return cursorPage(q, (w) =>
      searchOrganizations(ctx, term, { fields: withDefault(q.fields, ORGANIZATION_FIELDS) }, w),
    );
  });
}

export async function dealSearch(
  ctx: Ctx,
  q: TermInput &
    CursorInput & {
      fields?: string[];
      person_id?: number;
      organization_id?: number;
      status?: DealSearch['status'];
      include_fields?: string[];
    },
) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    return cursorPage(q, (w) =>
      searchDeals(
        ctx,
        term,
        {
          fields: withDefault(q.fields, DEAL_FIELDS),
          personId: q.person_id,
          organizationId: q.organization_id,
          status: q.status,
          includeCcEmail: q.include_fields?.includes('deal.cc_email'),
        },
        w,
      ),
    );
  });
}

type LeadInput = TermInput & {
  fields?: string[];
  person_id?: number;
  organization_id?: number;
  include_fields?: string[];
};

const leadOptions = (q: LeadInput): LeadSearch => ({
  fields: withDefault(q.fields, LEAD_FIELDS),
  personId: q.person_id,
  organizationId: q.organization_id,
  includeWasSeen: q.include_fields?.includes('lead.was_seen'),
});

export async function leadSearchV2(ctx: Ctx, q: LeadInput & CursorInput) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    return cursorPage(q, (w) => searchLeads(ctx, term, leadOptions(q), w));
  });
}

/** v1: offset pagination with start/limit (spec §4.4). */
export async function leadSearchV1(ctx: Ctx, q: LeadInput & { start?: number; limit?: number }) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    const { start, limit } = v1Page(q);
    const page = await rankedPage(start, limit, (w) => searchLeads(ctx, term, leadOptions(q), w));
    return { ...page, start, limit };
  });
}

export async function itemSearch(
  ctx: Ctx,
  q: TermInput &
    CursorInput & {
      item_types?: ItemSearch['types'];
      fields?: string[];
      include_fields?: string[];
    },
) {
  return searching(ctx, async (ctx) => {
    const term = await prepareTerm(ctx, q.term, q.exact_match ?? false);
    return searchItems(ctx, term, {
      types: q.item_types,
      fields: q.fields,
      include: q.include_fields,
      offset: decodeOffsetCursor(q.cursor),
      limit: q.limit ?? 100,
    });
  });
}

export async function fieldSearch(
  ctx: Ctx,
  q: CursorInput & {
    term: string;
    entity_type: FieldSearch['entityType'];
    field: string;
    match?: FieldSearch['match'];
  },
) {
  return searching(ctx, async (ctx) => {
    const match = q.match ?? 'exact';
    const term = await prepareTerm(ctx, q.term, match === 'exact');
    return searchByField(ctx, term, {
      entityType: q.entity_type,
      field: q.field,
      match,
      limit: q.limit ?? 100,
      cursor: q.cursor,
    });
  });
}
