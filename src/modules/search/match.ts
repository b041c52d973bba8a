import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';

/**
 * The SQL building blocks every search shares: the search term in its folded form, LIKE patterns that
 * take the term literally, and the score of a match.
 *
 * Text is compared in its folded form `f_unaccent(lower(text))` (the expression of the trigram
 * indexes), with ILIKE so that the comparison stays case-insensitive even where the database's locale
 * cannot lower-case non-ASCII letters: "oberg", "OBERG" and "Öberg" all find "Öberg".
 */

/** Candidates scored per entity type and request; results beyond it are not reachable. */
export const SCAN_CAP = 2000;
/** Longest term accepted (a longer one cannot be a name, title, e-mail or phone number). */
export const TERM_MAX = 500;

export interface Term {
  /** the term as typed, trimmed */
  raw: string;
  exact: boolean;
  /** f_unaccent(lower(term)), computed by the database so that it folds exactly like the columns */
  folded: string;
  /** the term as e-mail addresses are stored in person_channels (trimmed, lower-cased) */
  email: string;
  /** the digits of a term that looks like a phone number (3 digits at least), else null */
  digits: string | null;
}

/** Escapes the LIKE wildcards `%` and `_` (and the escape character) so the text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Whether the term is a phone number; its digits if so. */
export function phoneDigits(term: string): string | null {
  if (!/^[\d\s+\-()./]+$/.test(term)) return null;
  const digits = term.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/**
 * Checks a search term: at least 2 characters, or 1 with exact_match (spec §4.1, §13). Returns it
 * trimmed.
 */
export function checkTerm(term: string, exact: boolean): string {
  const trimmed = term.trim();
  const length = [...trimmed].length;
  if (length === 0) throw invalid('term', 'must not be empty');
  if (length < (exact ? 1 : 2)) throw invalid('term', 'at least 2 characters (1 with exact_match)');
  if (length > TERM_MAX) throw invalid('term', `at most ${TERM_MAX} characters`);
  if (trimmed.includes('\u0000')) throw invalid('term', 'must not contain NUL characters');
  return trimmed;
}

/** Checks the term and folds it the way the database folds the columns. */
export async function prepareTerm(ctx: Ctx, term: string, exact: boolean): Promise<Term> {
  const raw = checkTerm(term, exact);
  const [row] = await ctx.db
    .select({ folded: sql<string>`f_unaccent(lower(${raw}::text))` })
    .from(sql`(select 1) as one`);
  return {
    raw,
    exact,
    folded: row?.folded ?? raw.toLowerCase(),
    email: raw.toLowerCase(),
    digits: phoneDigits(raw),
  };
}

/** The folded form of a column or expression, as the trigram indexes store it. */
export const folded = (expr: SQL | unknown) => sql`f_unaccent(lower(${expr}))`;

/** A match of one field: the condition that selects a row and the score of the row when it holds. */
export interface Match {
  cond: SQL;
  score: SQL;
}

const f8 = (n: number) => sql.raw(`${n}::float8`);

/**
 * Matches an expression that is already folded (see `folded`) against a needle in the same form.
 * Exact: the whole value equals the term (score 1). Otherwise the term anywhere in the value, scored
 * by where: whole value 1, start of the value 0.6–0.9, start of a word 0.4–0.7, elsewhere 0.1–0.4
 * (the trigram similarity orders matches of one kind, closer lengths first).
 */
export function foldedMatch(expr: SQL, needle: string, exact: boolean): Match {
  const e = escapeLike(needle);
  if (exact) return { cond: sql`${expr} ILIKE ${e}`, score: f8(1) };
  const sim = sql`similarity(${expr}, ${needle})::float8`;
  return {
    cond: sql`${expr} ILIKE ${`%${e}%`}`,
    score: sql`(CASE WHEN ${expr} ILIKE ${e} THEN ${f8(1)}
      WHEN ${expr} ILIKE ${`${e}%`} THEN ${f8(0.6)} + ${f8(0.3)} * ${sim}
      WHEN ${expr} ILIKE ${`% ${e}%`} THEN ${f8(0.4)} + ${f8(0.3)} * ${sim}
      ELSE ${f8(0.1)} + ${f8(0.3)} * ${sim} END)`,
  };
}

/** A text column matched by its folded form. */
export function textMatch(column: unknown, term: Term): Match {
  return foldedMatch(folded(column), term.folded, term.exact);
}

/** Any of the matches holds. */
export function anyMatch(matches: Match[]): SQL {
  return sql`(${sql.join(
    matches.map((m) => sql`(${m.cond})`),
    sql` OR `,
  )})`;
}

/** The best score of the matches that hold, rounded to 4 decimals; 0 when none holds. */
export function bestScore(matches: Match[]): SQL<number> {
  const parts = matches.map((m) => sql`(CASE WHEN ${m.cond} THEN ${m.score} ELSE ${f8(0)} END)`);
  const best = parts.length === 1 ? parts[0] : sql`GREATEST(${sql.join(parts, sql`, `)})`;
  return sql<number>`round((${best})::numeric, 4)::float8`.mapWith(Number);
}

/**
 * The rank by which candidates are kept when more than SCAN_CAP rows match: the whole main field,
 * then its start. Cheap on purpose: it is computed for every matching row.
 */
export function mainRank(main: AnyColumn | undefined, term: Term): SQL {
  if (!main || term.exact) return sql`0`;
  const e = escapeLike(term.folded);
  const f = folded(main);
  return sql`(CASE WHEN ${f} ILIKE ${e} THEN 2 WHEN ${f} ILIKE ${`${e}%`} THEN 1 ELSE 0 END)`;
}
