import { createHash } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { nameKey } from '../contacts/name-key.ts';
import { normalizeEmail } from '../contacts/normalize.ts';
import { organizations, personChannels, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { liveRows, scoped, visibleRows } from '../scope.ts';
import { users } from '../users/tables.ts';
import type { PersonWithInfo } from './dialog.ts';
import { phoneLookupKeys } from './phone-keys.ts';
import { type Reason, scorePerson } from './score.ts';

/** What a person candidate is matched by: the fields of a new person, or those of an existing one. */
export interface PersonProbe {
  name?: string | null | undefined;
  emails: string[];
  phones: string[];
  orgId?: number | null | undefined;
  /** the existing person itself, never its own duplicate */
  excludeId?: number | undefined;
}

export type PersonCandidate = PersonWithInfo & { score: number; reasons: Reason[] };

const unique = <T>(list: T[]) => [...new Set(list)];

/** Whether reading the phones needs a default region (some are written in a national form). */
export const needsRegion = (phones: string[]) => phones.some((p) => !/^\s*(\+|00)/.test(p));

/**
 * The best candidates by their signals, in SQL: the order of score.ts's scores (its bands are
 * lexicographic in these keys), so the statement can cut to `limit` before anything is loaded.
 */
function candidatesSql(ctx: Ctx, probe: PersonProbe, region: CountryCode | undefined, limit: number) {
  const c = ctx.companyId;
  const key = nameKey(probe.name);
  const emails = unique(probe.emails.map(normalizeEmail).filter((e) => e !== ''));
  const phones = unique(probe.phones.flatMap((p) => phoneLookupKeys(p, region)));

  const lookups: SQL[] = [];
  const channel = (kind: 'email' | 'phone', values: string[]) =>
    sql`SELECT ${personChannels.personId} AS id, ${sql.raw(kind === 'email' ? 'true AS e, false AS ph' : 'false AS e, true AS ph')}
        FROM ${personChannels}
        WHERE ${personChannels.companyId} = ${c} AND ${personChannels.kind} = ${kind}
          AND ${personChannels.normalized} = ANY(${sql.param(values)}::text[])`;
  if (emails.length > 0) lookups.push(channel('email', emails));
  if (phones.length > 0) lookups.push(channel('phone', phones));
  if (lookups.length === 0 && key === null) return undefined;

  const scope = and(
    eq(persons.companyId, c),
    liveRows(persons),
    visibleRows(ctx, persons),
    probe.excludeId !== undefined ? sql`${persons.id} <> ${probe.excludeId}` : undefined,
  );
  const sameOrg = probe.orgId != null ? sql`coalesce(${persons.orgId} = ${probe.orgId}, false)` : sql`false`;
  const similarity = probe.name
    ? sql`(similarity(f_unaccent(lower(${persons.name})), f_unaccent(lower(${probe.name}::text))))::float8`
    : sql`0::float8`;
  const hasChannels = lookups.length > 0;
  const signals: SQL[] = [];
  if (key !== null) {
    // the same name key: read once, through the (company_id, name_key) index
    signals.push(sql`
      SELECT ${persons.id} AS id, ${hasChannels ? sql`coalesce(ch.email, false)` : sql`false`} AS email,
        ${hasChannels ? sql`coalesce(ch.phone, false)` : sql`false`} AS phone, true AS name,
        ${sameOrg} AS org, ${similarity} AS sim
      FROM ${persons} ${hasChannels ? sql`LEFT JOIN ch ON ch.id = ${persons.id}` : sql``}
      WHERE ${persons.nameKey} = ${key} AND ${scope}`);
  }
  if (hasChannels) {
    // the same e-mail or phone under another name
    signals.push(sql`
      SELECT ${persons.id} AS id, ch.email, ch.phone, false AS name, ${sameOrg} AS org, ${similarity} AS sim
      FROM ch JOIN ${persons} ON ${persons.id} = ch.id
      WHERE ${key !== null ? sql`${persons.nameKey} IS DISTINCT FROM ${key} AND ` : sql``}${scope}`);
  }
  const ch = hasChannels
    ? sql`ch AS (SELECT id, bool_or(e) AS email, bool_or(ph) AS phone
                 FROM (${sql.join(lookups, sql` UNION ALL `)}) hits GROUP BY id),`
    : sql``;
  return sql`(
    WITH ${ch}
    sig AS (${sql.join(signals, sql` UNION ALL `)}),
    band AS (
      SELECT sig.*, name AND (email OR phone OR org) AS rule, (email OR phone) AS contact FROM sig
    )
    SELECT id, email, phone, name, org, sim, row_number() OVER (ORDER BY rule DESC, contact DESC,
      CASE WHEN rule THEN email::int + phone::int + org::int ELSE 2 * (email AND phone)::int + email::int END DESC,
      CASE WHEN rule THEN 0 ELSE org::int END DESC,
      sim DESC, id) AS rank
    FROM band
    ORDER BY rank
    LIMIT ${limit}
  ) AS top`;
}

/**
 * Persons of the caller's company that may be the probe, best first, at most `limit`: not deleted,
 * visible to the caller, sharing an e-mail, a phone or the name key with it. One statement: the
 * persons with the name key through the (company_id, name_key) index, united with those found by
 * e-mail or phone through person_channels (company_id, kind, normalized); ordered as score.ts
 * scores and cut to `limit`; then joined to what the duplicate dialog shows (owner, organization,
 * open deals). The scores and reasons come from score.ts.
 */
export async function findPersonCandidates(
  ctx: Ctx,
  probe: PersonProbe,
  opts: { region?: CountryCode | undefined; limit: number },
): Promise<PersonCandidate[]> {
  const query = personCandidatesQuery(ctx, probe, opts);
  if (!query) return [];
  // A named statement per shape of the query (a few dozen at most): PostgreSQL parses it once per
  // connection and soon plans it once, which halves the look-up's time on the server.
  const name = `dups_${createHash('sha1').update(query.toSQL().sql).digest('hex').slice(0, 20)}`;
  const rows = await query.prepare(name).execute();
  return rows.map((r) => ({
    row: r.row,
    ownerName: r.ownerName,
    organizationName: r.organizationName,
    openDealsCount: Number(r.openDealsCount),
    ...scorePerson({
      name: r.name,
      email: r.email,
      phone: r.phone,
      organization: r.org,
      similarity: Number(r.sim),
    }),
  }));
}

/** The statement of findPersonCandidates (exported for EXPLAIN in bench/duplicates.ts). */
export function personCandidatesQuery(
  ctx: Ctx,
  probe: PersonProbe,
  opts: { region?: CountryCode | undefined; limit: number },
) {
  const top = candidatesSql(ctx, probe, opts.region, opts.limit);
  if (!top) return undefined;
  return ctx.db
    .select({
      row: persons,
      email: sql<boolean>`top.email`,
      phone: sql<boolean>`top.phone`,
      name: sql<boolean>`top.name`,
      org: sql<boolean>`top.org`,
      sim: sql<number>`top.sim`,
      ownerName: users.name,
      organizationName: organizations.name,
      openDealsCount: sql<number>`(
        SELECT count(*)::int FROM ${deals}
        WHERE ${scoped(ctx, deals, { visibility: 'any' })} AND ${deals.personId} = top.id
          AND ${deals.status} = 'open')`,
    })
    .from(top)
    .innerJoin(persons, sql`${persons.id} = top.id`)
    .leftJoin(users, and(eq(users.id, persons.ownerId), eq(users.companyId, ctx.companyId)))
    .leftJoin(
      organizations,
      and(
        eq(organizations.id, persons.orgId),
        scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
      ),
    )
    .orderBy(sql`top.rank`);
}
