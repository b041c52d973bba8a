import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
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
  if (key === null) return [];
  const similarity = sql<number>`(similarity(f_unaccent(lower(${organizations.name})), f_unaccent(lower(${probe.name ?? ''}::text))))::float8`;
  const rows = await ctx.db
    .select({ id: organizations.id, address: organizations.address, sim: similarity })
    .from(organizations)
    .where(
      and(
        scoped(ctx, organizations),
        eq(organizations.nameKey, key),
        probe.excludeId !== undefined ? ne(organizations.id, probe.excludeId) : undefined,
      ),
    )
    .orderBy(desc(similarity), asc(organizations.id))
    .limit(HIT_CAP);
  const wanted = addressKey(probe.address);
  return rows
    .map((r) => {
      const theirs = addressKey(r.address);
      return {
        id: r.id,
        ...scoreOrganization({
          addressKnown: wanted !== null && theirs !== null,
          address: sameAddress(wanted, theirs),
          similarity: Number(r.sim),
        }),
      };
    })
    .sort(byScore)
    .slice(0, opts.limit ?? 20);
}
