import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { organizations, personChannels as pc, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import { candidates, type Scored, type Window, windowOpen } from './candidates.ts';
import { bestScore, foldedMatch, type Match, mainRank, type Term, textMatch } from './match.ts';
import { type PersonItem, presentPerson } from './present.ts';
import { customFieldsMatch, notesMatch, type ValuesMatch } from './sources.ts';

export const PERSON_FIELDS = ['custom_fields', 'email', 'notes', 'phone', 'name'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export interface PersonSearch {
  fields: readonly string[];
  organizationId?: number | undefined;
  includePicture?: boolean | undefined;
}

const f8 = (n: number) => sql.raw(`${n}::float8`);

/** E-mail addresses in person_channels: exact (the index) or anywhere in the address. */
function emailMatch(ctx: Ctx, term: Term): Match {
  const scope = sql`${pc.companyId} = ${ctx.companyId} AND ${pc.kind} = 'email'`;
  const m = term.exact
    ? { cond: sql`${pc.normalized} = ${term.email}`, score: f8(1) }
    : foldedMatch(sql`${pc.normalized}`, term.email, false);
  return {
    cond: sql`${persons.id} IN (SELECT ${pc.personId} FROM ${pc} WHERE ${scope} AND ${m.cond})`,
    score: sql`COALESCE((SELECT max(${m.score}) FROM ${pc}
      WHERE ${scope} AND ${pc.personId} = ${persons.id} AND ${m.cond}), ${f8(0)})`,
  };
}

/**
 * Phone numbers compared by their digits. Exact: the same digits, or the term is the national number
 * (trunk zeros dropped) of a stored international one ("070 123 45 67" is +46 70 123 45 67). Not
 * exact: the digits anywhere in the number. A scan of the company's phone rows.
 */
function phoneMatch(ctx: Ctx, digits: string, exact: boolean): Match {
  const scope = sql`${pc.companyId} = ${ctx.companyId} AND ${pc.kind} = 'phone'`;
  const d = sql`regexp_replace(${pc.normalized}, '[^0-9]', '', 'g')`;
  const national = digits.replace(/^0+/, '');
  const same =
    national.length >= 6
      ? sql`(${d} = ${digits} OR (length(${d}) - ${national.length}::int BETWEEN 1 AND 3
          AND right(${d}, ${national.length}::int) = ${national}))`
      : sql`${d} = ${digits}`;
  const anywhere =
    national !== digits && national.length >= 3
      ? sql`(${d} LIKE ${`%${digits}%`} OR ${d} LIKE ${`%${national}%`})`
      : sql`${d} LIKE ${`%${digits}%`}`;
  const cond = exact ? same : anywhere;
  const score = sql`(CASE WHEN ${d} = ${digits} THEN ${f8(1)} WHEN ${same} THEN ${f8(0.95)} ELSE ${f8(0.5)} END)`;
  return {
    cond: sql`${persons.id} IN (SELECT ${pc.personId} FROM ${pc} WHERE ${scope} AND ${cond})`,
    score: sql`COALESCE((SELECT max(${score}) FROM ${pc}
      WHERE ${scope} AND ${pc.personId} = ${persons.id} AND ${cond}), ${f8(0)})`,
  };
}

const NONE = sql<string[]>`'[]'::jsonb`;

/** Persons whose name, e-mail, phone, notes or custom-field values match (spec §7 searchPersons). */
export async function searchPersons(
  ctx: Ctx,
  term: Term,
  opts: PersonSearch,
  window: Window,
): Promise<Scored<PersonItem>[]> {
  const fields = new Set(opts.fields);
  const name = fields.has('name') ? textMatch(persons.name, term) : undefined;
  const email = fields.has('email') ? emailMatch(ctx, term) : undefined;
  const phone = fields.has('phone') && term.digits ? phoneMatch(ctx, term.digits, term.exact) : undefined;
  const cf: ValuesMatch | undefined = fields.has('custom_fields')
    ? customFieldsMatch(persons.customFields, term)
    : undefined;
  const notes = fields.has('notes')
    ? notesMatch(ctx, 'personId', persons.id, term, persons.notes)
    : undefined;
  const matches = [name, email, phone, cf, notes].filter((m): m is Match => m !== undefined);
  if (matches.length === 0 || !windowOpen(window)) return [];

  const scope: SQL | undefined = and(
    scoped(ctx, persons),
    opts.organizationId !== undefined ? eq(persons.orgId, opts.organizationId) : undefined,
  );
  const hits = candidates(
    ctx,
    persons,
    persons.id,
    scope,
    matches,
    mainRank(name ? persons.name : undefined, term),
  );
  const rows = await ctx.db
    .select({
      id: persons.id,
      name: persons.name,
      phones: persons.phones,
      emails: persons.emails,
      visibleTo: persons.visibleTo,
      ownerId: persons.ownerId,
      pictureId: persons.pictureId,
      orgId: organizations.id,
      orgName: organizations.name,
      customFieldHits: cf ? cf.hits : NONE,
      noteHits: notes ? notes.hits : NONE,
      score: bestScore(matches).as('score'),
    })
    .from(hits)
    .innerJoin(persons, eq(persons.id, hits.id))
    .leftJoin(
      organizations,
      and(eq(organizations.id, persons.orgId), scoped(ctx, organizations, { visibility: 'any' })),
    )
    .orderBy(desc(sql`score`), asc(persons.id))
    .limit(window.count)
    .offset(window.offset);
  return rows.map((r) => ({ score: Number(r.score), item: presentPerson(r, opts.includePicture ?? false) }));
}
