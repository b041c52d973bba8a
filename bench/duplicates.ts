/**
 * npm run bench:duplicates [-- --quick] [--only embedded|postgres] [--pglite N] [--postgres N]
 *   [--lookups 500] [--keep] [--explain]
 *
 * Duplicate look-up latency: seeds one company with N persons (100,000 on the embedded database, in
 * a folder: in memory PGlite failed at 100,000 with "bad buffer ID: 0" on the commit after seeding;
 * 1,000,000 on PostgreSQL) with deliberate duplicates (bench/lib/seed/duplicates.ts), then
 * calls the duplicate look-up (findDuplicates: candidate query, scoring and the dialog query)
 * directly, one call at a time, for random existing persons, and prints p50/p95/p99 (also for a name
 * with a typo, which only the blocking keys find). First, unless --no-corpus, recall and false
 * alarms on the labelled corpus (test/fixtures/duplicates: issue 19's aims). On PostgreSQL
 * the database is one of a fixed name, reused when a run left it (--keep leaves it).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../src/db/client.ts';
import type { Ctx } from '../src/modules/context.ts';
import { personCandidatesQuery } from '../src/modules/duplicates/persons.ts';
import { type DuplicateQuery, findDuplicates } from '../src/modules/duplicates/service.ts';
import {
  describeFigures,
  loadCorpus,
  measureCorpus,
  seedCorpus,
  sliceCorpus,
} from '../test/fixtures/duplicates/evaluate.ts';
import { onEachDatabase } from './lib/database.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { type BenchCompany, createBenchCompany, rowsOf } from './lib/seed/company.ts';
import { DUPLICATES_COMPANY, seedDuplicates } from './lib/seed/duplicates.ts';
import { pct } from './lib/stats.ts';

const USAGE =
  'tsx bench/duplicates.ts [--quick] [--only embedded|postgres] [--pglite N] [--postgres N] ' +
  '[--lookups 500] [--keep] [--explain] [--no-corpus]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 5,000 and 20,000 persons, 100 look-ups, 1,000 people of the corpus */
    quick: { type: 'boolean', default: false },
    /** skip the corpus figures (recall and false alarms on test/fixtures/duplicates) */
    'no-corpus': { type: 'boolean', default: false },
    only: { type: 'string' },
    pglite: { type: 'string' },
    postgres: { type: 'string' },
    lookups: { type: 'string' },
    keep: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const only = onlyOf(args.only, USAGE);
const quick = args.quick;
const PERSONS = {
  embedded: positive('pglite', args.pglite ?? (quick ? '5000' : '100000'), USAGE, true),
  postgres: positive('postgres', args.postgres ?? (quick ? '20000' : '1000000'), USAGE, true),
};
const LOOKUPS = positive('lookups', args.lookups ?? (quick ? '100' : '500'), USAGE, true);

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
  'name with a typo',
];

/** A typo in the name's last word: its second-to-last letter dropped ("Jensen" → "Jensn"). */
const typoed = (name: string) => {
  const words = name.split(' ');
  const last = words.at(-1) ?? '';
  words[words.length - 1] = last.length > 3 ? last.slice(0, -2) + last.slice(-1) : `${last}e`;
  return words.join(' ');
};

function queryOf(s: Sample, i: number): DuplicateQuery {
  switch (i % KINDS.length) {
    case 0:
      return { itemType: 'person', name: s.name, emails: [s.email], region: 'SE' };
    case 1:
      return { itemType: 'person', phones: [otherForm(s.phone)], region: 'SE' };
    case 2:
      return { itemType: 'person', name: s.name.toUpperCase(), region: 'SE' };
    case 3:
      return { itemType: 'person', id: s.id, region: 'SE' };
    case 5:
      return { itemType: 'person', name: typoed(s.name), region: 'SE' };
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

async function measure(db: Database, label: string, tenant: BenchCompany, explainUrl?: string) {
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
  const samples = rowsOf(picked).map(
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

/**
 * Recall and false alarms on the labelled corpus (issue 19's aims): its people in a company of their
 * own (through addPerson), each duplicate looked up as a new person, each loner by id.
 */
async function corpusFigures(db: Database, label: string) {
  const corpus = quick ? sliceCorpus(loadCorpus(), 1000) : loadCorpus();
  const tenant = await createBenchCompany(db.db, `Dups Corpus ${Date.now()}`);
  const ctx: Ctx = {
    db: db.db,
    companyId: tenant.companyId,
    user: { id: tenant.userId, isAdmin: true },
    actor: { type: 'system', userId: null, source: 'system' },
  };
  const t0 = performance.now();
  const ids = await seedCorpus(ctx, corpus.people);
  log(`  corpus: ${corpus.people.length} people added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const f = await measureCorpus(ctx, corpus, ids);
  for (const line of describeFigures(f)) log(`  ${label} corpus: ${line}`);
  const times = [...f.times].sort((a, b) => a - b);
  log(
    `  corpus look-ups: p50 ${(pct(times, 50) ?? 0).toFixed(1)} ms  p95 ${(pct(times, 95) ?? 0).toFixed(1)} ms`,
  );
}

/** On PostgreSQL, a kept database's company (found by its name), if there is one. */
async function keptCompany(db: Database): Promise<BenchCompany | undefined> {
  const kept = rowsOf(
    await db.db.execute(sql`
      SELECT c.id AS company_id, min(u.id) AS user_id FROM companies c JOIN users u ON u.company_id = c.id
      WHERE c.name = ${DUPLICATES_COMPANY} GROUP BY c.id ORDER BY c.id DESC LIMIT 1`),
  )[0];
  return kept ? { companyId: Number(kept.company_id), userId: Number(kept.user_id), token: '' } : undefined;
}

runBench(async () => {
  await onEachDatabase(
    only,
    { bench: 'duplicates', inMemory: false, fixedName: true, keep: args.keep },
    async (database) => {
      const n = PERSONS[database.kind];
      log(`${database.label} (${database.shown}), ${n} persons`);
      const db = await database.open(2);
      if (!args['no-corpus']) await corpusFigures(db, database.label);
      const kept = database.kind === 'postgres' ? await keptCompany(db) : undefined;
      if (kept) log('  (reusing the kept database)');
      const tenant = kept ?? (await seedDuplicates(db.db, n));
      const postgresUrl = database.location.databaseUrl;
      await measure(db, database.label, tenant, postgresUrl);
    },
  );
});
