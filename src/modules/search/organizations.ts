import { asc, desc, eq, sql } from 'drizzle-orm';
import { organizations } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import { candidates, type Scored, type Window, windowOpen } from './candidates.ts';
import { bestScore, type Match, mainRank, type Term, textMatch } from './match.ts';
import { type OrganizationItem, presentOrganization } from './present.ts';
import { customFieldsMatch, notesMatch } from './sources.ts';

export const ORGANIZATION_FIELDS = ['address', 'custom_fields', 'notes', 'name'] as const;

export interface OrganizationSearch {
  fields: readonly string[];
}

const NONE = sql<string[]>`'[]'::jsonb`;

/** Organizations whose name, address line, notes or custom-field values match (spec §8). */
export async function searchOrganizations(
  ctx: Ctx,
  term: Term,
  opts: OrganizationSearch,
  window: Window,
): Promise<Scored<OrganizationItem>[]> {
  const fields = new Set(opts.fields);
  const name = fields.has('name') ? textMatch(organizations.name, term) : undefined;
  const address = fields.has('address')
    ? textMatch(sql`(${organizations.address} ->> 'value')`, term)
    : undefined;
  const cf = fields.has('custom_fields') ? customFieldsMatch(organizations.customFields, term) : undefined;
  const notes = fields.has('notes') ? notesMatch(ctx, 'orgId', organizations.id, term) : undefined;
  const matches = [name, address, cf, notes].filter((m): m is Match => m !== undefined);
  if (matches.length === 0 || !windowOpen(window)) return [];

  const scope = scoped(ctx, organizations);
  const hits = candidates(
    ctx,
    organizations,
    organizations.id,
    scope,
    matches,
    mainRank(name ? organizations.name : undefined, term),
  );
  const rows = await ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      address: organizations.address,
      visibleTo: organizations.visibleTo,
      ownerId: organizations.ownerId,
      customFieldHits: cf ? cf.hits : NONE,
      noteHits: notes ? notes.hits : NONE,
      score: bestScore(matches).as('score'),
    })
    .from(hits)
    .innerJoin(organizations, eq(organizations.id, hits.id))
    .orderBy(desc(sql`score`), asc(organizations.id))
    .limit(window.count)
    .offset(window.offset);
  return rows.map((r) => ({ score: Number(r.score), item: presentOrganization(r) }));
}
