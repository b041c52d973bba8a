/**
 * npx tsx bench/duplicates.ts [--pglite-only | --postgres-only] [--pglite N] [--postgres N] [--lookups 500] [--keep] [--explain]
 *
 * Duplicate look-up latency: seeds one company with N persons (100,000 on the embedded database,
 * 1,000,000 on PostgreSQL) in set-based INSERT … SELECT generate_series statements, with their
 * person_channels rows, name keys and some deliberate duplicates (every 50th person repeats the one
 * before it: name in another word order, e-mail in upper case, phone in the other national or
 * international form), then calls the duplicate look-up (findDuplicates: candidate query, scoring and
 * the dialog query) directly, one call at a time, for random existing persons, and prints
 * p50/p95/p99. PostgreSQL is DATABASE_URL's server or postgres://postgres@127.0.0.1:5432; the
 * database pw_dups_bench is created and dropped here (--keep leaves it, and a kept one is reused).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { nameKey } from '../src/modules/contacts/name-key.ts';
import type { Ctx } from '../src/modules/context.ts';
import { personCandidatesQuery } from '../src/modules/duplicates/persons.ts';
import { type DuplicateQuery, findDuplicates } from '../src/modules/duplicates/service.ts';
import { createCompanyWithAdmin } from '../src/modules/users/company.ts';
import { pct } from './lib/child.ts';

const { values: args } = parseArgs({
  options: {
    'pglite-only': { type: 'boolean', default: false },
    'postgres-only': { type: 'boolean', default: false },
    pglite: { type: 'string', default: '100000' },
    postgres: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '500' },
    keep: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const LOOKUPS = Number(args.lookups);
const BENCH_DB = 'pw_dups_bench';
const COMPANY = 'Dups Bench';
const log = (line: string) => console.log(line);

// ------------------------------------------------------------------ names

const FIRST = [
  'James',
  'Mary',
  'Seán',
  'Åsa',
  'José',
  'Zoë',
  'Björn',
  'Chloé',
  'Søren',
  'Anna',
  'Mateo',
  'Kenji',
  'Jürgen',
  'Renée',
  'Łukasz',
  'Noémie',
  'John',
  'Linda',
  'Émile',
  'Ines',
  'Carlos',
  'Sarah',
  'Dmitri',
  'Olga',
  'Paul',
  'Grace',
  'Omar',
  'Aisha',
  'Liam',
  'Mia',
  'Noah',
  'Ella',
  'Yuki',
  'Hana',
  'Pedro',
  'Lucía',
  'Tomás',
  'Ana',
  'Erik',
  'Ingrid',
];
const LAST = [
  "O'Brien",
  'Öberg',
  'Müller',
  'García',
  'Smith-Jones',
  'Nguyễn',
  'Van der Berg',
  'Johansson',
  'Løvik',
  'Kowalski',
  "D'Angelo",
  'Dubois',
  'Rossi',
  'Novák',
  'Søndergaard',
  'Şahin',
  'Ito',
  'Kim',
  'Silva',
  'Costa',
  'Jensen',
  'Nielsen',
  'Hansen',
  'Andersson',
  'Virtanen',
  'Horvat',
  'Popescu',
  'Ivanova',
  'Papadopoulos',
  'Fernández',
  'McDonald',
  'Murphy',
  'Walsh',
  'Byrne',
  'Ryan',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
];
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

// ------------------------------------------------------------------ seeding

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await run();
  log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Persons g = 1…n: name combination k(g) scattered over the 16,000 names; e-mail first.last.g@…;
 * phone +46 7… (national 07… for every third); every 50th person repeats person g−1.
 */
async function seed(db: Database, n: number): Promise<{ companyId: number; userId: number }> {
  const created = await createCompanyWithAdmin(db.db, {
    companyName: COMPANY,
    adminName: 'Bench Admin',
    email: `dups-bench-${process.pid}-${Date.now()}@example.com`,
  });
  const c = created.company.id;
  const u = created.user.id;
  const t = nameTables();
  const orgs = Math.max(1, Math.round(n / 10));
  await timed(`${orgs} organizations`, () =>
    db.db.execute(sql`
      INSERT INTO organizations (company_id, name, name_key, owner_id, visible_to)
      SELECT ${c}, 'Org ' || g, 'org ' || g, ${u}, 3 FROM generate_series(1, ${orgs}::int) g`),
  );
  await timed(`${n} persons`, () =>
    db.db.execute(sql`
      WITH w AS (SELECT ${sql.param(t.names)}::text[] AS names, ${sql.param(t.reordered)}::text[] AS reordered,
                        ${sql.param(t.keys)}::text[] AS keys),
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
      INSERT INTO persons (company_id, name, name_key, owner_id, org_id, visible_to, emails, phones,
        add_time, update_time)
      SELECT ${c}, CASE WHEN v.dup THEN w.reordered[v.k] ELSE w.names[v.k] END, w.keys[v.k], ${u},
        CASE WHEN v.g % 5 = 0 THEN NULL ELSE o.first + (v.src * 13) % ${orgs} END, 3,
        jsonb_build_array(jsonb_build_object('value', CASE WHEN v.dup THEN upper(v.email) ELSE v.email END,
          'primary', true, 'label', 'work')),
        jsonb_build_array(jsonb_build_object('value',
          CASE WHEN (v.src % 3 = 0) <> v.dup THEN '0' || v.nsn ELSE '+46 ' || v.nsn END,
          'primary', true, 'label', 'mobile')),
        now() - (${n}::int - v.g) * interval '1 minute', now()
      FROM v, w, o`),
  );
  await timed('person_channels', () =>
    db.db.execute(sql`
      INSERT INTO person_channels (company_id, person_id, kind, value, normalized)
      SELECT p.company_id, p.id, 'email', e->>'value', lower(trim(e->>'value'))
        FROM persons p, jsonb_array_elements(p.emails) e WHERE p.company_id = ${c}
      UNION ALL
      SELECT p.company_id, p.id, 'phone', e->>'value',
        CASE WHEN e->>'value' LIKE '+%' THEN '+' ELSE '' END || regexp_replace(e->>'value', '[^0-9]', '', 'g')
        FROM persons p, jsonb_array_elements(p.phones) e WHERE p.company_id = ${c}`),
  );
  await timed(`${Math.round(n / 10)} deals`, () =>
    db.db.execute(sql`
      WITH st AS (SELECT s.pipeline_id, s.id FROM stages s WHERE s.company_id = ${c} ORDER BY s.order_nr LIMIT 1),
      p AS (SELECT min(id) AS first FROM persons WHERE company_id = ${c})
      INSERT INTO deals (company_id, title, owner_id, creator_user_id, person_id, pipeline_id, stage_id,
        currency, status, origin)
      SELECT ${c}, 'Deal ' || g, ${u}, ${u}, p.first + (g::bigint * 7) % ${n}, st.pipeline_id, st.id, 'USD',
        CASE WHEN g % 3 = 0 THEN 'won' ELSE 'open' END, 'API'
      FROM generate_series(1, ${Math.round(n / 10)}::int) g, st, p`),
  );
  await timed('vacuum analyze', async () => {
    for (const table of ['organizations', 'persons', 'person_channels', 'deals']) {
      await db.db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
    }
  });
  return { companyId: c, userId: u };
}

// ------------------------------------------------------------------ measuring

interface Sample {
  id: number;
  name: string;
  email: string;
  phone: string;
  orgId: number | null;
}

/** National and international forms swapped: the look-up must find the other spelling. */
const otherForm = (phone: string) =>
  phone.startsWith('+46 ') ? `0${phone.slice(4)}` : `+46 ${phone.replace(/^0/, '')}`;

/** The look-ups, in turn: a new person's fields in several combinations, and an existing person. */
const KINDS = [
  'name + e-mail',
  'phone (other national form)',
  'name only (upper case)',
  'existing person (id)',
  'name + e-mail + phone + org',
];

function queryOf(s: Sample, i: number): DuplicateQuery {
  switch (i % 5) {
    case 0:
      return { itemType: 'person', name: s.name, emails: [s.email], region: 'SE' };
    case 1:
      return { itemType: 'person', phones: [otherForm(s.phone)], region: 'SE' };
    case 2:
      return { itemType: 'person', name: s.name.toUpperCase(), region: 'SE' };
    case 3:
      return { itemType: 'person', id: s.id, region: 'SE' };
    default:
      return {
        itemType: 'person',
        name: s.name,
        emails: [s.email],
        phones: [s.phone],
        orgId: s.orgId ?? undefined,
        region: 'SE',
      };
  }
}

async function measure(
  db: Database,
  label: string,
  tenant: { companyId: number; userId: number },
  explainUrl?: string,
) {
  const ctx: Ctx = {
    db: db.db,
    companyId: tenant.companyId,
    user: { id: tenant.userId, isAdmin: true },
    actor: { type: 'system', userId: null, source: 'system' },
  };
  const picked = await db.db.execute(sql`
    SELECT id, name, emails->0->>'value' AS email, phones->0->>'value' AS phone, org_id
    FROM persons WHERE company_id = ${tenant.companyId} AND NOT is_deleted
    ORDER BY random() LIMIT ${LOOKUPS}`);
  const samples = (picked as unknown as { rows: Record<string, unknown>[] }).rows.map(
    (r): Sample => ({
      id: Number(r.id),
      name: String(r.name),
      email: String(r.email),
      phone: String(r.phone),
      orgId: r.org_id === null ? null : Number(r.org_id),
    }),
  );
  for (let i = 0; i < Math.min(50, samples.length); i++) {
    await findDuplicates(ctx, queryOf(samples[i] as Sample, i));
  }
  const times: number[] = [];
  const byKind = KINDS.map(() => [] as number[]);
  let found = 0;
  let misses = 0;
  for (const [i, s] of samples.entries()) {
    const q = queryOf(s, i);
    const t0 = performance.now();
    const result = await findDuplicates(ctx, q);
    times.push(performance.now() - t0);
    byKind[i % KINDS.length]?.push(times.at(-1) as number);
    found += result.candidates.length;
    // a look-up by e-mail or phone must find the sampled person itself (by name alone it may be
    // one of many same-name persons, beyond the first 20)
    const byContact = q.itemType === 'person' && (q.emails?.length || q.phones?.length);
    if (byContact && !result.candidates.some((c) => c.row.id === s.id)) misses++;
  }
  times.sort((a, b) => a - b);
  const f = (v: number | undefined) => `${(v ?? 0).toFixed(1)} ms`;
  log(
    `${label}: ${times.length} look-ups  p50 ${f(pct(times, 50))}  p95 ${f(pct(times, 95))}  ` +
      `p99 ${f(pct(times, 99))}  max ${f(times.at(-1) ?? 0)}  ` +
      `(${(found / times.length).toFixed(1)} candidates on average, ${misses} e-mail/phone look-ups missed the person itself)`,
  );
  for (const [k, list] of byKind.entries()) {
    list.sort((a, b) => a - b);
    log(`  ${KINDS[k]?.padEnd(28)} p50 ${f(pct(list, 50))}  p95 ${f(pct(list, 95))}`);
  }
  if (args.explain && explainUrl && samples[0]) await explain(explainUrl, ctx, samples[0]);
}

/** EXPLAIN ANALYZE of the candidate statement for one sample (name, e-mail, phone), on PostgreSQL. */
async function explain(url: string, ctx: Ctx, s: Sample) {
  const query = personCandidatesQuery(
    ctx,
    { name: s.name, emails: [s.email], phones: [otherForm(s.phone)], orgId: s.orgId },
    { region: 'SE', limit: 20 },
  );
  if (!query) return;
  const { sql: text, params } = query.toSQL();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params as unknown[]);
    for (const r of plan.rows) log(`    ${Object.values(r)[0]}`);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ the two databases

async function onPglite(n: number) {
  log(`PGlite (embedded), ${n} persons`);
  const db = await openDatabase({});
  try {
    await db.migrate();
    await measure(db, 'PGlite', await seed(db, n));
  } finally {
    await db.close();
  }
}

async function onPostgres(n: number) {
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const url = new URL(base);
  url.pathname = `/${BENCH_DB}`;
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  log(`PostgreSQL (${url.host}/${BENCH_DB}), ${n} persons`);
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  try {
    await db.migrate();
    const kept = await db.db.execute(sql`
      SELECT c.id AS company_id, min(u.id) AS user_id FROM companies c JOIN users u ON u.company_id = c.id
      WHERE c.name = ${COMPANY} GROUP BY c.id ORDER BY c.id DESC LIMIT 1`);
    const row = (kept as unknown as { rows: Record<string, unknown>[] }).rows[0];
    const tenant = row
      ? { companyId: Number(row.company_id), userId: Number(row.user_id) }
      : await seed(db, n);
    if (row) log('  (reusing the kept database)');
    await measure(db, 'PostgreSQL', tenant, url.toString());
  } finally {
    await db.close();
    if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
    await admin.end();
  }
}

if (!args['postgres-only']) await onPglite(Number(args.pglite));
if (!args['pglite-only']) await onPostgres(Number(args.postgres));
