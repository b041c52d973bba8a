import { createHash } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { foldedName, nameKey } from '../contacts/name-key.ts';
import { normalizeEmail } from '../contacts/normalize.ts';
import { type Address, organizations, personChannels, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { liveRows, scoped, visibleRows } from '../scope.ts';
import { users } from '../users/tables.ts';
import { addressKey, sameAddress } from './address-key.ts';
import type { PersonWithInfo } from './dialog.ts';
import { compareNames, nameWords } from './name-match.ts';
import { phoneLookupKeys } from './phone-keys.ts';
import { type Band, byScore, type Reason, type ReasonDetail, SHOWN_FROM, scorePerson } from './score.ts';

/** What a person candidate is matched by: the fields of a new person, or those of an existing one. */
export interface PersonProbe {
  name?: string | null | undefined;
  emails: string[];
  phones: string[];
  orgId?: number | null | undefined;
  /** YYYY-MM-DD */
  birthday?: string | null | undefined;
  address?: Address | string | null | undefined;
  /** the existing person itself, never its own duplicate */
  excludeId?: number | undefined;
}

export type PersonCandidate = PersonWithInfo & {
  score: number;
  reasons: Reason[];
  band: Band;
  details: ReasonDetail[];
};

const unique = <T>(list: T[]) => [...new Set(list)];

/** Whether reading the phones needs a default region (some are written in a national form). */
export const needsRegion = (phones: string[]) => phones.some((p) => !/^\s*(\+|00)/.test(p));

/** How many candidates the statement hands to the scoring, and how many each fuzzy branch keeps. */
const PRE_LIMIT = 60;
const FUZZY_LIMIT = 40;
/**
 * How many rows a fuzzy branch reads at most before it ranks them by similarity: the persons sharing
 * a common given name and a common surname are hundreds among a million (626 in the bench), those
 * sharing one word's keys tens of thousands; no look-up visits more than this many per branch. The
 * same name key is its own branch, so a cut never hides the same name.
 */
export const BLOCK_CAP = 300;
/** At most this many pairs of the probe's words are looked up (given name and surname first). */
const MAX_PAIRS = 4;

/**
 * The probe's words for the blocking keys: its folded words of two letters up (initials say too
 * little), and two adjacent words joined, as a stray space may have split a word ("andr ew" →
 * andrew). Pairs of them, and each of them, make the fuzzy branches.
 */
export function probeBlocks(name: string | null | undefined): { pairs: [string, string][]; words: string[] } {
  const all = nameWords(name).words;
  const words = unique(all.filter((w) => w.length >= 2));
  const joined = all
    .slice(0, -1)
    .map((w, i) => (w.length >= 2 && (all[i + 1] as string).length >= 2 ? `${w}${all[i + 1]}` : ''));
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  const add = (a: string, b: string) => {
    const k = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (a === b || seen.has(k) || pairs.length >= MAX_PAIRS) return;
    seen.add(k);
    pairs.push([a, b]);
  };
  // the first and the last word first (given name and surname), then the others
  if (words.length >= 2) add(words[0] as string, words.at(-1) as string);
  for (const [i, a] of words.entries()) for (const b of words.slice(i + 1)) add(a, b);
  // a word split by a space: the joined word with each word that is not one of its halves
  for (const [i, j] of joined.entries()) {
    if (j === '') continue;
    for (const [k, w] of all.entries()) if (k !== i && k !== i + 1 && w.length >= 2) add(j, w);
  }
  return { pairs, words };
}

/** Public mail services: the same domain there says nothing. */
const PUBLIC_DOMAINS = new Set(
  (
    'gmail.com,googlemail.com,hotmail.com,hotmail.se,outlook.com,live.com,live.se,msn.com,yahoo.com,' +
    'yahoo.se,icloud.com,me.com,mac.com,aol.com,proton.me,protonmail.com,gmx.com,gmx.de,gmx.net,web.de,' +
    'mail.com,telia.com,bredband.net,example.com,example.org,example.net'
  ).split(','),
);

/**
 * The candidates by their signals, in SQL: persons with the same name key (the (company_id,
 * name_key) index); persons whose name shares a blocking key (name_blocks, its GIN index: a word
 * the same, one typo apart or split by a space) with two of the probe's words, or, when no one
 * does or the probe has one word, with one of them, each branch reading at most BLOCK_CAP rows and
 * keeping the FUZZY_LIMIT most trigram-similar; and those with the same e-mail or phone
 * (person_channels (company_id, kind, normalized)); roughly ordered by the tiers of score.ts and
 * cut to PRE_LIMIT, which score.ts then scores exactly.
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
  // the probe folded once per statement (an InitPlan), as name_folded is written (foldedName)
  const probeFolded = sql`(SELECT ${foldedName(probe.name ?? '')})`;
  const similarity =
    key !== null ? sql`(similarity(${persons.nameFolded}, ${probeFolded}))::float8` : sql`0::float8`;
  const hasChannels = lookups.length > 0;
  const branches: SQL[] = [];
  const ctes: SQL[] = [];
  if (hasChannels) {
    ctes.push(sql`ch AS (SELECT id, bool_or(e) AS email, bool_or(ph) AS phone
                 FROM (${sql.join(lookups, sql` UNION ALL `)}) hits GROUP BY id)`);
    branches.push(sql`SELECT id FROM ch`);
  }
  if (key !== null) {
    branches.push(
      sql`SELECT ${persons.id} AS id FROM ${persons} WHERE ${persons.nameKey} = ${key} AND ${scope}`,
    );
    const blocks = probeBlocks(probe.name);
    const shares = (word: string) => sql`${persons.nameBlocks} && f_word_blocks(${word}::text)`;
    // at most BLOCK_CAP rows sharing the keys (the GIN index), the most similar of them kept
    const fuzzy = (name: string, where: SQL, unless?: SQL) =>
      ctes.push(sql`${sql.raw(name)} AS (SELECT id FROM (
        SELECT ${persons.id} AS id, ${persons.nameFolded} AS folded FROM ${persons}
        WHERE ${where} AND ${scope} ${unless ? sql`AND NOT EXISTS (${unless})` : sql``}
        LIMIT ${BLOCK_CAP}) blk
      ORDER BY similarity(blk.folded, ${probeFolded}) DESC, id LIMIT ${FUZZY_LIMIT})`);
    const pairNames: string[] = [];
    for (const [i, [a, b]] of blocks.pairs.entries()) {
      // both words as written (a stored name may lack one letter of them: its keys hold that), then,
      // when that finds fewer than a page, each word one typo away (a letter changed, added, swapped)
      fuzzy(`bx${i}`, sql`${persons.nameBlocks} @> ARRAY[${a}::text, ${b}::text]`);
      fuzzy(
        `bp${i}`,
        sql`${shares(a)} AND ${shares(b)}`,
        sql.raw(`SELECT 1 FROM bx${i} HAVING count(*) >= ${FUZZY_LIMIT}`),
      );
      pairNames.push(`bx${i}`, `bp${i}`);
    }
    // one word (the probe has one, or no two of its words are found together): its keys alone
    const anyPair =
      pairNames.length > 0
        ? sql.raw(pairNames.map((n) => `SELECT 1 FROM ${n}`).join(' UNION ALL '))
        : undefined;
    for (const [i, w] of blocks.words.entries()) fuzzy(`bw${i}`, shares(w), anyPair);
    for (const n of [...pairNames, ...blocks.words.map((_, i) => `bw${i}`)]) {
      branches.push(sql.raw(`SELECT id FROM ${n}`));
    }
  }
  ctes.push(sql`ids AS (${sql.join(branches, sql` UNION `)})`);
  ctes.push(sql`sig AS (
    SELECT ${persons.id} AS id,
      ${hasChannels ? sql`coalesce(ch.email, false)` : sql`false`} AS email,
      ${hasChannels ? sql`coalesce(ch.phone, false)` : sql`false`} AS phone,
      ${key !== null ? sql`coalesce(${persons.nameKey} = ${key}, false)` : sql`false`} AS name,
      ${sameOrg} AS org, ${similarity} AS sim
    FROM ids JOIN ${persons} ON ${persons.id} = ids.id
      ${hasChannels ? sql`LEFT JOIN ch ON ch.id = ids.id` : sql``}
    WHERE ${scope})`);
  return sql`(
    WITH ${sql.join(ctes, sql`, `)}
    SELECT id, email, phone, name, org, sim, row_number() OVER (ORDER BY
      (name AND (email OR phone OR org)) DESC, (email OR phone) DESC, name DESC, org DESC, sim DESC, id) AS rank
    FROM sig
    ORDER BY rank
    LIMIT ${Math.max(limit, PRE_LIMIT)}
  ) AS top`;
}

const emailParts = (e: string) => {
  const at = e.lastIndexOf('@');
  return at < 1 ? undefined : { local: e.slice(0, at), domain: e.slice(at + 1) };
};

/** The e-mail signs short of the same address: the same local part elsewhere, the same company domain. */
function emailSigns(probe: string[], theirs: string[]) {
  const mine = probe.map((e) => emailParts(normalizeEmail(e))).filter((p) => p !== undefined);
  const other = theirs.map((e) => emailParts(normalizeEmail(e))).filter((p) => p !== undefined);
  let localPart = false;
  let domain: string | undefined;
  for (const a of mine) {
    for (const b of other) {
      if (a.local === b.local && a.local.length >= 3) localPart = true;
      if (a.domain === b.domain && !PUBLIC_DOMAINS.has(a.domain)) domain = a.domain;
    }
  }
  return { localPart, domain };
}

/**
 * Persons of the caller's company that may be the probe, best first, at most `limit`: not deleted,
 * visible to the caller, sharing an e-mail, a phone or the name key with it, or with a similar name
 * (name-match.ts). One statement finds the candidates with their signals (candidatesSql) and what
 * the duplicate dialog shows (owner, organization, open deals); score.ts scores them with the
 * evidence of the rows (name part by part, e-mail parts, address, birthday) and gives the reasons.
 */
export async function findPersonCandidates(
  ctx: Ctx,
  probe: PersonProbe,
  opts: { region?: CountryCode | undefined; limit: number },
): Promise<PersonCandidate[]> {
  const run = async (ctx: Ctx) => {
    const query = personCandidatesQuery(ctx, probe, opts);
    if (!query) return [];
    // A named statement per shape of the query (a few dozen at most): PostgreSQL parses it once per
    // connection and soon plans it once, which halves the look-up's time on the server.
    const name = `dups_${createHash('sha1').update(query.toSQL().sql).digest('hex').slice(0, 20)}`;
    return query.prepare(name).execute();
  };
  const rows = await run(ctx);
  const wantedAddress = addressKey(probe.address);
  const scored = rows.map((r) => {
    const theirs = r.row;
    const signs =
      probe.emails.length > 0
        ? emailSigns(
            probe.emails,
            theirs.emails.map((e) => e.value),
          )
        : undefined;
    return {
      id: theirs.id,
      row: theirs,
      ownerName: r.ownerName,
      organizationName: r.organizationName,
      openDealsCount: Number(r.openDealsCount),
      ...scorePerson({
        name: r.name,
        email: r.email,
        phone: r.phone,
        organization: r.org,
        similarity: Number(r.sim),
        similarName: r.name ? undefined : compareNames(probe.name, theirs.name),
        address: sameAddress(wantedAddress, addressKey(theirs.postalAddress)),
        birthday:
          probe.birthday && theirs.birthday
            ? probe.birthday === theirs.birthday
              ? 'same'
              : 'different'
            : undefined,
        emailLocalPart: signs?.localPart,
        emailDomain: signs?.domain,
      }),
    };
  });
  return scored
    .filter((c) => c.score >= SHOWN_FROM)
    .sort(byScore)
    .slice(0, opts.limit)
    .map(({ id: _id, ...c }) => c);
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
