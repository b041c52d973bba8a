/**
 * The duplicates benchmark's company (bench/duplicates.ts): n persons with their person_channels rows,
 * name keys and some deliberate duplicates (every 50th person repeats the one before it: name in
 * another word order, e-mail in upper case, phone in the other national or international form), one
 * organization per ten persons and one deal per ten persons, in set-based INSERT … SELECT statements.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { nameKey } from '../../../src/modules/contacts/name-key.ts';
import {
  addPersonChannels,
  analyzeTables,
  type BenchCompany,
  createBenchCompany,
  rowsOf,
} from './company.ts';

/** The company's name: a kept database's company is found by it. */
export const DUPLICATES_COMPANY = 'Dups Bench';

const FIRST = (
  'James,Mary,Seán,Åsa,José,Zoë,Björn,Chloé,Søren,Anna,Mateo,Kenji,Jürgen,Renée,Łukasz,' +
  'Noémie,John,Linda,Émile,Ines,Carlos,Sarah,Dmitri,Olga,Paul,Grace,Omar,Aisha,Liam,Mia,Noah,' +
  'Ella,Yuki,Hana,Pedro,Lucía,Tomás,Ana,Erik,Ingrid'
).split(',');
const LAST = (
  "O'Brien,Öberg,Müller,García,Smith-Jones,Nguyễn,Van der Berg,Johansson,Løvik,Kowalski," +
  "D'Angelo,Dubois,Rossi,Novák,Søndergaard,Şahin,Ito,Kim,Silva,Costa,Jensen,Nielsen,Hansen," +
  'Andersson,Virtanen,Horvat,Popescu,Ivanova,Papadopoulos,Fernández,McDonald,Murphy,Walsh,' +
  'Byrne,Ryan,Schmidt,Schneider,Fischer,Weber,Meyer'
).split(',');
const MIDDLE = 'ABCDEFGHJK'.split('');
/** Distinct names: 40 × 10 × 40 = 16,000, so a name repeats every 16,000 persons. */
const COMBOS = FIRST.length * MIDDLE.length * LAST.length;

function nameTables() {
  const names: string[] = [];
  const reordered: string[] = [];
  const keys: string[] = [];
  for (let k = 0; k < COMBOS; k++) {
    const f = FIRST[k % 40] as string;
    const m = MIDDLE[Math.floor(k / 40) % 10] as string;
    const l = LAST[Math.floor(k / 400)] as string;
    names.push(`${f} ${m}. ${l}`);
    reordered.push(`${l.toUpperCase()}, ${f} ${m}`);
    keys.push(nameKey(`${f} ${m}. ${l}`) as string);
  }
  return { names, reordered, keys };
}

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await run();
  console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Persons g = 1…n: name combination k(g) scattered over the 16,000 names; e-mail first.last.g@…;
 * phone +46 7… (national 07… for every third); every 50th person repeats person g−1.
 */
export async function seedDuplicates(db: Db, n: number): Promise<BenchCompany> {
  const company = await createBenchCompany(db, DUPLICATES_COMPANY);
  const c = company.companyId;
  const u = company.userId;
  const t = nameTables();
  const orgs = Math.max(1, Math.round(n / 10));
  // each name's blocking keys made once by the database (f_name_blocks, as nameBlocks writes them),
  // not once per person; a key holds no space, so each name's keys travel as one string
  const made = rowsOf(
    await db.execute(sql`
      SELECT array_to_string(f_name_blocks(n), ' ') AS plain, array_to_string(f_name_blocks(r), ' ') AS reordered
      FROM unnest(${sql.param(t.names)}::text[], ${sql.param(t.reordered)}::text[]) WITH ORDINALITY AS x(n, r, i)
      ORDER BY i`),
  );
  const blocks = { plain: made.map((r) => String(r.plain)), reordered: made.map((r) => String(r.reordered)) };
  await timed(`${orgs} organizations`, () =>
    db.execute(sql`
      INSERT INTO organizations (company_id, name, name_key, owner_id, visible_to)
      SELECT ${c}, 'Org ' || g, 'org ' || g, ${u}, 3 FROM generate_series(1, ${orgs}::int) g`),
  );
  // the name GIN indexes (trigrams, blocking keys) built once after the rows, not row by row
  const gins = rowsOf(
    await db.execute(sql`
      SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'persons' AND indexdef LIKE '%USING gin%'
        AND indexdef LIKE '%name%'`),
  ).map((r) => ({ name: String(r.indexname), def: String(r.indexdef) }));
  for (const g of gins) await db.execute(sql.raw(`DROP INDEX ${g.name}`));
  await timed(`${n} persons`, () =>
    db.execute(sql`
      -- the 16,000 names as rows (a subscript into a long text[] walks it), folded once each
      WITH w AS MATERIALIZED (
        SELECT x.k::bigint AS k, x.name, x.reordered, x.key, f_unaccent(lower(x.name)) AS folded,
          f_unaccent(lower(x.reordered)) AS reordered_folded, string_to_array(x.blocks, ' ') AS blocks,
          string_to_array(x.reordered_blocks, ' ') AS reordered_blocks
        FROM unnest(${sql.param(t.names)}::text[], ${sql.param(t.reordered)}::text[], ${sql.param(t.keys)}::text[],
          ${sql.param(blocks.plain)}::text[], ${sql.param(blocks.reordered)}::text[])
          WITH ORDINALITY AS x(name, reordered, key, blocks, reordered_blocks, k)),
      o AS (SELECT min(id) AS first FROM organizations WHERE company_id = ${c}),
      s AS (
        SELECT g, CASE WHEN g % 50 = 0 THEN g - 1 ELSE g END AS src, g % 50 = 0 AS dup
        FROM generate_series(1, ${n}::int) g
      ),
      v AS (
        SELECT s.g, s.dup, (s.src::bigint * 7919) % ${COMBOS} + 1 AS k, s.src,
          'p' || s.src || '.' || (ARRAY['example.com','mail.test','corp.example'])[1 + s.src % 3] AS email,
          (700000000 + s.src)::text AS nsn
        FROM s
      )
      INSERT INTO persons (company_id, name, name_key, name_folded, name_blocks, owner_id, org_id, visible_to, emails, phones,
        add_time, update_time)
      SELECT ${c}, CASE WHEN v.dup THEN w.reordered ELSE w.name END, w.key,
        CASE WHEN v.dup THEN w.reordered_folded ELSE w.folded END,
        CASE WHEN v.dup THEN w.reordered_blocks ELSE w.blocks END, ${u},
        CASE WHEN v.g % 5 = 0 THEN NULL ELSE o.first + (v.src * 13) % ${orgs} END, 3,
        jsonb_build_array(jsonb_build_object('value', CASE WHEN v.dup THEN upper(v.email) ELSE v.email END,
          'primary', true, 'label', 'work')),
        jsonb_build_array(jsonb_build_object('value',
          CASE WHEN (v.src % 3 = 0) <> v.dup THEN '0' || v.nsn ELSE '+46 ' || v.nsn END,
          'primary', true, 'label', 'mobile')),
        now() - (${n}::int - v.g) * interval '1 minute', now()
      FROM v JOIN w ON w.k = v.k, o`),
  );
  await timed(`${gins.length} name indexes`, async () => {
    for (const g of gins) await db.execute(sql.raw(g.def));
  });
  await timed('person_channels', () => addPersonChannels(db, c));
  await timed(`${Math.round(n / 10)} deals`, () =>
    db.execute(sql`
      WITH st AS (SELECT s.pipeline_id, s.id FROM stages s WHERE s.company_id = ${c} ORDER BY s.order_nr LIMIT 1),
      p AS (SELECT min(id) AS first FROM persons WHERE company_id = ${c})
      INSERT INTO deals (company_id, title, owner_id, creator_user_id, person_id, pipeline_id, stage_id,
        currency, status, origin)
      SELECT ${c}, 'Deal ' || g, ${u}, ${u}, p.first + (g::bigint * 7) % ${n}, st.pipeline_id, st.id, 'USD',
        CASE WHEN g % 3 = 0 THEN 'won' ELSE 'open' END, 'API'
      FROM generate_series(1, ${Math.round(n / 10)}::int) g, st, p`),
  );
  await timed('vacuum analyze', () =>
    analyzeTables(db, ['organizations', 'persons', 'person_channels', 'deals'], { vacuum: true }),
  );
  return company;
}
