import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { leads } from '../leads/tables.ts';
import { scoped } from '../scope.ts';
import { candidates, type Scored, type Window, windowOpen } from './candidates.ts';
import { bestScore, type Match, mainRank, type Term, textMatch } from './match.ts';
import { type LeadItem, presentLead } from './present.ts';
import { customFieldsMatch, notesMatch } from './sources.ts';

export const LEAD_FIELDS = ['custom_fields', 'notes', 'title'] as const;

export interface LeadSearch {
  fields: readonly string[];
  personId?: number | undefined;
  organizationId?: number | undefined;
  includeWasSeen?: boolean | undefined;
}

const NONE = sql<string[]>`'[]'::jsonb`;

/**
 * Leads whose title, notes or custom-field values match (spec §4.1 searchLeads, §4.4), archived ones
 * included; deleted ones never. Phones and e-mails are those of the lead's person.
 */
export async function searchLeads(
  ctx: Ctx,
  term: Term,
  opts: LeadSearch,
  window: Window,
): Promise<Scored<LeadItem>[]> {
  const fields = new Set(opts.fields);
  const title = fields.has('title') ? textMatch(leads.title, term) : undefined;
  const cf = fields.has('custom_fields') ? customFieldsMatch(leads.customFields, term) : undefined;
  const notes = fields.has('notes') ? notesMatch(ctx, 'leadId', leads.id, term) : undefined;
  const matches = [title, cf, notes].filter((m): m is Match => m !== undefined);
  if (matches.length === 0 || !windowOpen(window)) return [];

  const scope = and(
    scoped(ctx, leads),
    opts.personId !== undefined ? eq(leads.personId, opts.personId) : undefined,
    opts.organizationId !== undefined ? eq(leads.organizationId, opts.organizationId) : undefined,
  );
  const hits = candidates(
    ctx,
    leads,
    leads.id,
    scope,
    matches,
    mainRank(title ? leads.title : undefined, term),
  );
  const rows = await ctx.db
    .select({
      id: leads.id,
      title: leads.title,
      ownerId: leads.ownerId,
      personId: persons.id,
      personName: persons.name,
      phones: persons.phones,
      emails: persons.emails,
      orgId: organizations.id,
      orgName: organizations.name,
      valueAmount: leads.valueAmount,
      valueCurrency: leads.valueCurrency,
      visibleTo: leads.visibleTo,
      isArchived: leads.isArchived,
      wasSeen: leads.wasSeen,
      customFieldHits: cf ? cf.hits : NONE,
      noteHits: notes ? notes.hits : NONE,
      score: bestScore(matches).as('score'),
    })
    .from(hits)
    .innerJoin(leads, eq(leads.id, hits.id))
    .leftJoin(persons, and(eq(persons.id, leads.personId), scoped(ctx, persons, { visibility: 'any' })))
    .leftJoin(
      organizations,
      and(eq(organizations.id, leads.organizationId), scoped(ctx, organizations, { visibility: 'any' })),
    )
    .orderBy(desc(sql`score`), asc(leads.id))
    .limit(window.count)
    .offset(window.offset);
  return rows.map((r) => ({
    score: Number(r.score),
    item: presentLead({ ...r, phones: r.phones ?? [], emails: r.emails ?? [] }, opts.includeWasSeen ?? false),
  }));
}
