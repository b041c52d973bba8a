import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { stages } from '../pipelines/tables.ts';
import { scoped } from '../scope.ts';
import { candidates, type Scored, type Window, windowOpen } from './candidates.ts';
import { bestScore, type Match, mainRank, type Term, textMatch } from './match.ts';
import { type DealItem, dealCcEmail, presentDeal } from './present.ts';
import { customFieldsMatch, notesMatch } from './sources.ts';

export const DEAL_FIELDS = ['custom_fields', 'notes', 'title'] as const;
export const DEAL_SEARCH_STATUSES = ['open', 'won', 'lost'] as const;

export interface DealSearch {
  fields: readonly string[];
  personId?: number | undefined;
  organizationId?: number | undefined;
  status?: readonly (typeof DEAL_SEARCH_STATUSES)[number][] | undefined;
  includeCcEmail?: boolean | undefined;
}

const NONE = sql<string[]>`'[]'::jsonb`;

/**
 * Deals whose title, notes or custom-field values match (spec §6.1 searchDeals, §6.4). Archived
 * deals are found (with is_archived); deleted ones never.
 */
export async function searchDeals(
  ctx: Ctx,
  term: Term,
  opts: DealSearch,
  window: Window,
): Promise<Scored<DealItem>[]> {
  const fields = new Set(opts.fields);
  const title = fields.has('title') ? textMatch(deals.title, term) : undefined;
  const cf = fields.has('custom_fields') ? customFieldsMatch(deals.customFields, term) : undefined;
  const notes = fields.has('notes') ? notesMatch(ctx, 'dealId', deals.id, term) : undefined;
  const matches = [title, cf, notes].filter((m): m is Match => m !== undefined);
  if (matches.length === 0 || !windowOpen(window)) return [];

  const scope = and(
    scoped(ctx, deals),
    opts.personId !== undefined ? eq(deals.personId, opts.personId) : undefined,
    opts.organizationId !== undefined ? eq(deals.orgId, opts.organizationId) : undefined,
    opts.status?.length ? inArray(deals.status, [...opts.status]) : undefined,
  );
  const hits = candidates(
    ctx,
    deals,
    deals.id,
    scope,
    matches,
    mainRank(title ? deals.title : undefined, term),
  );
  const rows = await ctx.db
    .select({
      id: deals.id,
      title: deals.title,
      value: deals.value,
      currency: deals.currency,
      status: deals.status,
      visibleTo: deals.visibleTo,
      ownerId: deals.ownerId,
      stageId: deals.stageId,
      stageName: stages.name,
      personId: persons.id,
      personName: persons.name,
      orgId: organizations.id,
      orgName: organizations.name,
      isArchived: deals.isArchived,
      customFieldHits: cf ? cf.hits : NONE,
      noteHits: notes ? notes.hits : NONE,
      score: bestScore(matches).as('score'),
    })
    .from(hits)
    .innerJoin(deals, eq(deals.id, hits.id))
    // the deal's stage, by name even when the stage was deleted
    .leftJoin(stages, and(eq(stages.id, deals.stageId), scoped(ctx, stages, { deleted: 'too' })))
    .leftJoin(persons, and(eq(persons.id, deals.personId), scoped(ctx, persons, { visibility: 'any' })))
    .leftJoin(
      organizations,
      and(eq(organizations.id, deals.orgId), scoped(ctx, organizations, { visibility: 'any' })),
    )
    .orderBy(desc(sql`score`), asc(deals.id))
    .limit(window.count)
    .offset(window.offset);
  return rows.map((r) => ({
    score: Number(r.score),
    item: presentDeal(r, opts.includeCcEmail ? dealCcEmail(ctx.companyId, r.id) : null),
  }));
}
