import { and, asc, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import { organizations, persons } from './tables.ts';

/** Letters that carry no combining mark in NFKD but that people write without it. */
const FOLDED: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Punctuation and modifier symbols (` ´ ^ ¨): they vanish without splitting the word. */
const PUNCTUATION = /[\p{P}\p{Sk}]/gu;

/**
 * A name folded for duplicate matching: compatibility-decomposed (NFKD), accents stripped,
 * lower-cased, punctuation removed (`O’Brien`, `O'Brien` and `OBrien` alike; `Smith-Jones` becomes
 * `smithjones`), whitespace collapsed and the words sorted, so word order does not matter:
 * `"O’Brien, Seán"` and `"Sean OBrien"` both give `"obrien sean"`. Scripts without case or
 * accents (`王小明`) are kept as they are. A name with no letters or digits has no key (null), and
 * rows without a key never match by name.
 */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const words = name
    // control characters separate words; format characters (soft hyphen, zero-width space) vanish
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    // before NFKD too: it turns a spacing accent (´ in O´Brien) into a space and a combining mark
    .replace(PUNCTUATION, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => FOLDED[c] ?? c)
    .replace(PUNCTUATION, '')
    .split(/[\s\p{Z}]+/u)
    .filter((w) => w !== '');
  if (words.length === 0) return null;
  return words.sort().join(' ');
}

/**
 * A person's `name_folded`: the name unaccented and lower-cased by the database itself, as the
 * duplicate look-up folds the name it looks for (`f_unaccent(lower(…))`), so both sides fold alike.
 * Written with the name on every insert and update (SQL: `f_unaccent(lower(name))`).
 */
export const foldedName = (name: string | SQL): SQL => sql`f_unaccent(lower(${name}::text))`;

/**
 * A person's `name_blocks`, the duplicate look-up's blocking keys, made by the database itself
 * (`f_name_blocks(name)`, migration 0022): each folded word of two letters up, each word of four
 * letters up with one letter left out, and adjacent words joined. Two names share a key when a word
 * is the same, one typo apart, or split by a stray space. Written with the name on every insert and
 * update, as name_folded is.
 */
export const nameBlocks = (name: string | SQL): SQL => sql`f_name_blocks(${name}::text)`;

const BATCH = 1000;

/**
 * One-off backfill of `name_key` for the company's persons and organizations stored before keys
 * were kept (rows with NULL). Walks the rows by id in batches and updates each batch with one
 * statement. Called by nothing yet (a maintenance script or a job can run it); returns how many rows
 * got a key.
 */
export async function backfillNameKeys(ctx: Ctx): Promise<{ persons: number; organizations: number }> {
  const out = { persons: 0, organizations: 0 };
  for (const [kind, table] of [
    ['persons', persons],
    ['organizations', organizations],
  ] as const) {
    let after = 0;
    for (;;) {
      const rows = await ctx.db
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(
          and(
            scoped(ctx, table, { deleted: 'too', visibility: 'any' }),
            isNull(table.nameKey),
            gt(table.id, after),
          ),
        )
        .orderBy(asc(table.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const keyed = rows.map((r) => ({ id: r.id, key: nameKey(r.name) })).filter((r) => r.key !== null);
      if (keyed.length > 0) {
        await ctx.db.execute(sql`
          UPDATE ${table} SET name_key = v.key
          FROM unnest(${sql.param(keyed.map((r) => r.id))}::bigint[], ${sql.param(keyed.map((r) => r.key))}::text[])
            AS v(id, key)
          WHERE ${table.companyId} = ${ctx.companyId} AND ${table.id} = v.id AND ${table.nameKey} IS NULL`);
        out[kind] += keyed.length;
      }
      if (rows.length < BATCH) break;
    }
  }
  return out;
}
