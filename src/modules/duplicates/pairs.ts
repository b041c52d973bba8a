import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { type Address, organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { invalid } from '../errors.ts';
import { leads } from '../leads/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { dismissedAbove, type PairKind } from './dismissals.ts';
import { findOrganizationCandidates } from './organizations.ts';
import { findPersonCandidates, needsRegion } from './persons.ts';
import type { Band, Reason, ReasonDetail } from './score.ts';
import { callerRegion } from './service.ts';

/**
 * The merge tool's list of duplicate pairs across the company (GET /api/ext/duplicates/pairs): the
 * records the caller sees are walked by id, and each is looked up with the same matcher as the
 * dialogs (findPersonCandidates / findOrganizationCandidates); a candidate with a lower id than the
 * record is skipped, so each pair appears once, lower id first, scored as the lower id's look-up
 * scores it. Pairs said "not a duplicate" (duplicate_dismissals) are left out.
 *
 * Paging is a cursor over the walk: the last record looked up and, when the page ended inside its
 * candidates, the last candidate sent (candidates come best first, equal scores by id). A page stops at
 * `limit` pairs, after MAX_SCAN records or once the time budget is spent, so a page may be short, even
 * empty, with a next cursor: the walk then goes on from there.
 */

export interface PairSide {
  id: number;
  name: string;
  ownerId: number;
  ownerName: string | null;
  /** persons */
  emails: string[];
  phones: string[];
  organizationName: string | null;
  /** organizations: the one-line address */
  address: string | null;
  openDealsCount: number;
  openLeadsCount: number;
}

export interface DuplicatePair {
  items: [PairSide, PairSide];
  score: number;
  band: Band;
  reasons: Reason[];
  details: ReasonDetail[];
}

export interface PairsPage {
  pairs: DuplicatePair[];
  nextCursor: string | null;
}

/** Records looked up per page at most, and how long a page may keep looking (then it stops early). */
const MAX_SCAN = 500;
const TIME_BUDGET_MS = 2000;
/** Records read per step of the walk. */
const WALK_BATCH = 100;
/** Candidates looked at per record (the dialogs' limit). */
const PER_RECORD = 20;

// ---------------------------------------------------------------- cursor

/** Where the walk stands: record `r` looked up; `s`/`c`: the last of its pairs sent (absent: all). */
interface PairsCursor {
  r: number;
  s?: number;
  c?: number;
}

const badCursor = () => invalid('cursor', 'invalid cursor');
const isId = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export function encodePairsCursor(c: PairsCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodePairsCursor(cursor: string): PairsCursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badCursor();
  const { r, s, c } = v as Record<string, unknown>;
  if (!isId(r)) throw badCursor();
  if (s === undefined && c === undefined) return { r: r as number };
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > 1 || !isId(c)) throw badCursor();
  return { r: r as number, s, c: c as number };
}

// ---------------------------------------------------------------- the walk

interface Found {
  id: number;
  score: number;
  band: Band;
  reasons: Reason[];
  details: ReasonDetail[];
}

type Walked = { id: number; lookUp: (tx: TxCtx) => Promise<Found[]> };

/** The next records of the walk (id ≥ from), each with its look-up. */
async function walkPersons(
  tx: TxCtx,
  from: number,
  region: () => Promise<CountryCode | undefined>,
): Promise<Walked[]> {
  const rows = await tx.db
    .select({
      id: persons.id,
      name: persons.name,
      emails: persons.emails,
      phones: persons.phones,
      orgId: persons.orgId,
      birthday: persons.birthday,
      address: persons.postalAddress,
    })
    .from(persons)
    .where(and(scoped(tx, persons), gte(persons.id, from)))
    .orderBy(asc(persons.id))
    .limit(WALK_BATCH);
  return rows.map((p) => ({
    id: p.id,
    lookUp: async (tx) => {
      const phones = p.phones.map((e) => e.value);
      const found = await findPersonCandidates(
        tx,
        {
          name: p.name,
          emails: p.emails.map((e) => e.value),
          phones,
          orgId: p.orgId,
          birthday: p.birthday,
          address: p.address,
          excludeId: p.id,
        },
        { region: needsRegion(phones) ? await region() : undefined, limit: PER_RECORD },
      );
      return found.map((c) => ({ ...c, id: c.row.id }));
    },
  }));
}

async function walkOrganizations(tx: TxCtx, from: number): Promise<Walked[]> {
  const rows = await tx.db
    .select({ id: organizations.id, name: organizations.name, address: organizations.address })
    .from(organizations)
    .where(and(scoped(tx, organizations), gte(organizations.id, from)))
    .orderBy(asc(organizations.id))
    .limit(WALK_BATCH);
  return rows.map((o) => ({
    id: o.id,
    lookUp: (tx) =>
      findOrganizationCandidates(
        tx,
        { name: o.name, address: o.address, excludeId: o.id },
        { limit: PER_RECORD },
      ),
  }));
}

/** A pair of one record's look-up after the cursor's last one (best first, equal scores by id). */
const after = (f: Found, cur: PairsCursor) =>
  cur.s === undefined || cur.c === undefined || f.score < cur.s || (f.score === cur.s && f.id > cur.c);

/**
 * One page of duplicate pairs of `kind`, strongest first within the page.
 */
export async function listDuplicatePairs(
  ctx: Ctx,
  q: { kind: PairKind; cursor?: string | undefined; limit: number },
): Promise<PairsPage> {
  const start = q.cursor ? decodePairsCursor(q.cursor) : undefined;
  const began = Date.now();
  return inTx(ctx, async (tx) => {
    let regionOnce: Promise<CountryCode | undefined> | undefined;
    const region = () => {
      regionOnce ??= callerRegion(tx);
      return regionOnce;
    };
    const found: { low: number; f: Found }[] = [];
    let from = start ? (start.s === undefined ? start.r + 1 : start.r) : 1;
    let scanned = 0;
    let next: PairsCursor | null = null;
    walk: while (true) {
      const batch =
        q.kind === 'person' ? await walkPersons(tx, from, region) : await walkOrganizations(tx, from);
      if (batch.length === 0) break;
      const dismissed = await dismissedAbove(
        tx,
        q.kind,
        batch.map((b) => b.id),
      );
      for (const rec of batch) {
        const resumed = start && rec.id === start.r ? start : undefined;
        const mine = (await rec.lookUp(tx)).filter(
          (f) => f.id > rec.id && !dismissed.has(`${rec.id}:${f.id}`) && (!resumed || after(f, resumed)),
        );
        scanned += 1;
        const room = q.limit - found.length;
        for (const f of mine.slice(0, room)) found.push({ low: rec.id, f });
        if (mine.length > room) {
          // the page ends inside this record's pairs (room ≥ 1: a full page stops before the next)
          const last = mine[room - 1] as Found;
          next = { r: rec.id, s: last.score, c: last.id };
          break walk;
        }
        const full = found.length >= q.limit;
        const spent = scanned >= MAX_SCAN || Date.now() - began >= TIME_BUDGET_MS;
        if (full || spent) {
          next = { r: rec.id };
          break walk;
        }
      }
      from = (batch[batch.length - 1]?.id ?? from) + 1;
    }
    // a full page that ended on the last record: the next page is simply empty (no extra look-up)
    const sides = await sidesOf(
      tx,
      q.kind,
      found.flatMap(({ low, f }) => [low, f.id]),
    );
    const pairs = found
      .sort((a, b) => b.f.score - a.f.score || a.low - b.low || a.f.id - b.f.id)
      .flatMap(({ low, f }) => {
        const a = sides.get(low);
        const b = sides.get(f.id);
        if (!a || !b) return [];
        return [{ items: [a, b], score: f.score, band: f.band, reasons: f.reasons, details: f.details }];
      }) as DuplicatePair[];
    return { pairs, nextCursor: next ? encodePairsCursor(next) : null };
  });
}

// ---------------------------------------------------------------- what the list shows of each record

const idsParam = (ids: number[]) => sql`ANY(${sql.param(ids)}::bigint[])`;

async function sidesOf(ctx: Ctx, kind: PairKind, ids: number[]): Promise<Map<number, PairSide>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  if (kind === 'person') {
    const rows = await ctx.db
      .select({
        id: persons.id,
        name: persons.name,
        ownerId: persons.ownerId,
        ownerName: users.name,
        emails: persons.emails,
        phones: persons.phones,
        organizationName: organizations.name,
        openDealsCount: sql<number>`(SELECT count(*)::int FROM ${deals}
          WHERE ${scoped(ctx, deals, { visibility: 'any' })} AND ${deals.personId} = ${persons.id}
            AND ${deals.status} = 'open')`,
        openLeadsCount: sql<number>`(SELECT count(*)::int FROM ${leads}
          WHERE ${scoped(ctx, leads, { visibility: 'any' })} AND ${leads.personId} = ${persons.id}
            AND ${leads.isArchived} = false)`,
      })
      .from(persons)
      .leftJoin(users, and(eq(users.id, persons.ownerId), eq(users.companyId, ctx.companyId)))
      .leftJoin(
        organizations,
        and(
          eq(organizations.id, persons.orgId),
          scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
        ),
      )
      .where(and(scoped(ctx, persons), sql`${persons.id} = ${idsParam(unique)}`));
    return new Map(
      rows.map((r) => [
        r.id,
        {
          ...r,
          emails: r.emails.map((e) => e.value),
          phones: r.phones.map((e) => e.value),
          address: null,
          openDealsCount: Number(r.openDealsCount),
          openLeadsCount: Number(r.openLeadsCount),
        },
      ]),
    );
  }
  const rows = await ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      ownerId: organizations.ownerId,
      ownerName: users.name,
      address: organizations.address,
      openDealsCount: sql<number>`(SELECT count(*)::int FROM ${deals}
        WHERE ${scoped(ctx, deals, { visibility: 'any' })} AND ${deals.orgId} = ${organizations.id}
          AND ${deals.status} = 'open')`,
      openLeadsCount: sql<number>`(SELECT count(*)::int FROM ${leads}
        WHERE ${scoped(ctx, leads, { visibility: 'any' })} AND ${leads.organizationId} = ${organizations.id}
          AND ${leads.isArchived} = false)`,
    })
    .from(organizations)
    .leftJoin(users, and(eq(users.id, organizations.ownerId), eq(users.companyId, ctx.companyId)))
    .where(and(scoped(ctx, organizations), sql`${organizations.id} = ${idsParam(unique)}`));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        emails: [],
        phones: [],
        organizationName: null,
        address: oneLine(r.address),
        openDealsCount: Number(r.openDealsCount),
        openLeadsCount: Number(r.openLeadsCount),
      },
    ]),
  );
}

const oneLine = (a: Address | null) => a?.value?.trim() || null;
