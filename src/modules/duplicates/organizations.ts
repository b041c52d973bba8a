import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import { nameKey } from '../contacts/name-key.ts';
import { type Address, organizations } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import { addressKey, sameAddress } from './address-key.ts';
import { type Band, byScore, type Reason, type ReasonDetail, scoreOrganization } from './score.ts';

export interface Candidate {
  id: number;
  score: number;
  reasons: Reason[];
  band: Band;
  details: ReasonDetail[];
}

/** What an organization candidate is matched by. */
export interface OrganizationProbe {
  name?: string | null | undefined;
  /** a one-line address, or a stored address with its parts */
  address?: Address | string | null | undefined;
  excludeId?: number | undefined;
}

/**
 * Legal-form words, folded as nameKey folds them ("A/S" → "as", "S.A." → "sa", "Co." → "co"): they
 * say how a company is registered, not which one it is, so "Acme AB", "ACME Ltd" and "Acme" match.
 */
const LEGAL_FORMS = new Set(
  (
    'ab hb kb ltd limited llc llp lp inc incorporated corp corporation co company gmbh mbh ag kg ohg ug ' +
    'ev oy oyj as asa aps sa sas sarl sl bv nv vof srl spa plc pty pte sro kft zrt doo'
  ).split(' '),
);

/**
 * An organization's name folded for matching: its name key (case, accents, punctuation, word order)
 * without legal-form words; a name made only of them keeps them ("AB" stays "ab").
 */
export function organizationKey(name: string | null | undefined): string | null {
  const key = nameKey(name);
  if (key === null) return null;
  const words = key.split(' ').filter((w) => !LEGAL_FORMS.has(w));
  return words.length > 0 ? words.join(' ') : key;
}

/**
 * How many same-name organizations are compared by address. Organizations sharing a name key are
 * few in practice; beyond this many, the most similar spellings (then the oldest) are compared.
 */
const HIT_CAP = 500;

/**
 * Organizations of the caller's company that may be the probe: not deleted, visible to the caller,
 * with the same name key (one index look-up on organizations (company_id, name_key)); the address
 * decides the band (score.ts). Best first, at most `limit`.
 */
export async function findOrganizationCandidates(
  ctx: Ctx,
  probe: OrganizationProbe,
  opts: { limit?: number } = {},
): Promise<Candidate[]> {
  const key = nameKey(probe.name);
  const core = organizationKey(probe.name);
  if (key === null || core === null) return [];
  const folded = sql`f_unaccent(lower(${organizations.name}))`;
  const similarity = sql<number>`(similarity(${folded}, f_unaccent(lower(${probe.name ?? ''}::text))))::float8`;
  // the same name key (organizations (company_id, name_key)), or names holding the probe's words
  // without its legal form (pg_trgm's <%, word similarity ≥ 0.6, on the GIN index of the folded
  // name), kept below when their own key without legal forms is the probe's
  const rows = await ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      address: organizations.address,
      sim: similarity,
    })
    .from(organizations)
    .where(
      and(
        scoped(ctx, organizations),
        or(eq(organizations.nameKey, key), sql`${core} <% ${folded}`),
        probe.excludeId !== undefined ? ne(organizations.id, probe.excludeId) : undefined,
      ),
    )
    .orderBy(desc(similarity), asc(organizations.id))
    .limit(HIT_CAP);
  const wanted = addressKey(probe.address);
  return rows
    .filter((r) => organizationKey(r.name) === core)
    .map((r) => {
      const theirs = addressKey(r.address);
      return {
        id: r.id,
        ...scoreOrganization({
          legalForm: nameKey(r.name) !== key,
          addressKnown: wanted !== null && theirs !== null,
          address: sameAddress(wanted, theirs),
          similarity: Number(r.sim),
        }),
      };
    })
    .sort(byScore)
    .slice(0, opts.limit ?? 20);
}
