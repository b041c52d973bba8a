import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { notes } from '../notes/tables.ts';
import { escapeLike, foldedMatch, type Match, type Term } from './match.ts';

/**
 * Matches over several values of a record (its custom-field values, its notes): the record matches
 * when one value does; the score is the best value's; `hits` are the matching values, shown in the
 * item's `custom_fields` / `notes`.
 */
export interface ValuesMatch extends Match {
  hits: SQL<string[]>;
}

const HITS_SHOWN = 10;
const NOTE_SHOWN = 500;

/**
 * `values` is a FROM item yielding one text column `txt` per value, correlated to the outer record.
 * `cond` may be given where a set-based condition serves the candidate query better than the
 * correlated one.
 */
function valuesMatch(values: SQL, term: Term, cond?: SQL): ValuesMatch {
  const m = foldedMatch(sql`f_unaccent(lower(v.txt))`, term.folded, term.exact);
  return {
    cond: cond ?? sql`EXISTS (SELECT 1 FROM ${values} WHERE ${m.cond})`,
    score: sql`COALESCE((SELECT max(${m.score}) FROM ${values} WHERE ${m.cond}), 0::float8)`,
    hits: sql<
      string[]
    >`(SELECT COALESCE(jsonb_agg(h.txt), '[]'::jsonb) FROM (SELECT left(v.txt, ${NOTE_SHOWN}) AS txt
      FROM ${values} WHERE ${m.cond} LIMIT ${HITS_SHOWN}) AS h)`,
  };
}

/**
 * The searchable text of a custom-field value: strings and numbers as they are, address and
 * monetary values by their formatted address or value; option ids, users and dates are not text.
 */
function customFieldText(value: SQL): SQL {
  return sql`(CASE jsonb_typeof(${value})
    WHEN 'string' THEN ${value} #>> '{}'
    WHEN 'number' THEN ${value} #>> '{}'
    WHEN 'object' THEN COALESCE(${value} ->> 'formatted_address', ${value} ->> 'value')
    END)`;
}

/** The custom-field values of the record's `custom_fields` jsonb column. */
export function customFieldsMatch(column: AnyColumn, term: Term): ValuesMatch {
  const values = sql`(SELECT ${customFieldText(sql`cf.value`)} AS txt
    FROM jsonb_each(CASE WHEN jsonb_typeof(${column}) = 'object' THEN ${column} ELSE '{}'::jsonb END) AS cf) AS v`;
  const exists = valuesMatch(values, term);
  // A value that contains the term leaves it in the jsonb text too (unless the term has characters
  // that jsonb escapes): one cheap test per row before unpacking the object.
  const escaped = [...term.folded].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20);
  if (escaped) return exists;
  const inText = sql`f_unaccent(lower(${column}::text)) ILIKE ${`%${escapeLike(term.folded)}%`}`;
  return { ...exists, cond: sql`(${inText} AND ${exists.cond})` };
}

/** Notes are sanitised HTML: their text without tags, the common entities and runs of white space. */
function noteText(content: SQL | AnyColumn): SQL {
  const decoded = sql`replace(replace(replace(replace(replace(
    regexp_replace(${content}, '<[^>]*>', ' ', 'g'),
    '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')`;
  return sql`btrim(regexp_replace(${decoded}, '\\s+', ' ', 'g'))`;
}

type NoteLink = 'dealId' | 'leadId' | 'personId' | 'orgId';

/**
 * The active notes attached to the record (the notes table), plus an own text column of the record
 * (persons keep a `notes` text of contact sync).
 */
export function notesMatch(
  ctx: Ctx,
  link: NoteLink,
  recordId: AnyColumn,
  term: Term,
  ownText?: AnyColumn,
): ValuesMatch {
  const linkColumn = notes[link];
  const attached = sql`SELECT ${noteText(notes.content)} AS txt FROM ${notes}
    WHERE ${notes.companyId} = ${ctx.companyId} AND ${linkColumn} = ${recordId} AND ${notes.activeFlag}`;
  const values = ownText
    ? sql`(SELECT ${ownText} AS txt WHERE ${ownText} IS NOT NULL UNION ALL ${attached}) AS v`
    : sql`(${attached}) AS v`;
  // Candidates: one pass over the company's notes rather than a look-up per record.
  const m = foldedMatch(sql`f_unaccent(lower(${noteText(notes.content)}))`, term.folded, term.exact);
  const viaNotes = sql`${recordId} IN (SELECT ${linkColumn} FROM ${notes}
    WHERE ${notes.companyId} = ${ctx.companyId} AND ${notes.activeFlag} AND ${linkColumn} IS NOT NULL
    AND ${m.cond})`;
  const own = ownText ? foldedMatch(sql`f_unaccent(lower(${ownText}))`, term.folded, term.exact) : undefined;
  return valuesMatch(values, term, own ? sql`(${own.cond} OR ${viaNotes})` : viaNotes);
}
