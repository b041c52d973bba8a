/**
 * Custom and formula fields (issue 13), three figures on each database:
 *
 * 1. list — GET /api/v2/deals?limit=100 of a company whose 100 deals have 30 custom fields set, against
 *    the same request of a company without custom fields, on the same server (its own process), one
 *    request at a time, alternating; target: the custom list at ≥ 0.8 of the plain one's speed.
 * 2. filter — the plan of the statement GET /api/ext/deals/byCustomField sends (captured from the app's
 *    own list function) over 100,000 deals: it must use an index.
 * 3. recalc — a formula set on a field, recalculated across 100,000 deals by the job the app queues
 *    (run by the app's job runner), against one bare UPDATE computing the same over the same rows;
 *    target: ≥ 20,000 deals/s on PostgreSQL.
 *
 *   npm run bench:fields [-- --quick] [--only embedded|postgres] [--deals 100000] [--requests 200]
 */

import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { registerJobHandlers } from '../src/background.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import type { Ctx } from '../src/modules/context.ts';
import { listDeals } from '../src/modules/deals/list.ts';
import { setFormula } from '../src/modules/fields/formula-field.ts';
import { runJobs } from '../src/modules/jobs/runner.ts';
import { call, type ServerProcess, startServerProcess } from '../test/helpers/server-process.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, verdict, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { type BenchCompany, checkpoint, createBenchCompany, rowsOf } from './lib/seed/company.ts';
import { pct } from './lib/stats.ts';

const USAGE = 'tsx bench/fields.ts [--quick] [--only embedded|postgres] [--deals 100000] [--requests 200]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 10,000 deals, 50 requests */
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    deals: { type: 'string' },
    requests: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const MANY = positive('deals', args.deals ?? (args.quick ? '10000' : '100000'), USAGE, true);
const REQUESTS = positive('requests', args.requests ?? (args.quick ? '50' : '200'), USAGE, true);
const LIST_TARGET = 0.8;
const RECALC_TARGET = 20_000;
/** distinct values of the filtered field among the many deals: one deal in this many holds each */
const CODES = 1000;

/** The 30 custom fields: every common type, as a team brings them. */
const FIELD_TYPES = [
  ...Array<string>(8).fill('varchar'),
  ...Array<string>(4).fill('text'),
  ...Array<string>(5).fill('double'),
  ...Array<string>(4).fill('monetary'),
  ...Array<string>(3).fill('date'),
  ...Array<string>(4).fill('enum'),
  ...Array<string>(2).fill('set'),
];

interface Made {
  code: string;
  type: string;
  options: number[];
}

function sampleValue(f: Made, i: number): unknown {
  switch (f.type) {
    case 'varchar':
      return `Value ${i} of ${f.code.slice(0, 6)}`;
    case 'text':
      return `A note about deal ${i}: what the customer asked for, and when.`;
    case 'double':
      return i * 1.5;
    case 'monetary':
      return { value: i * 10, currency: 'EUR' };
    case 'date':
      return `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`;
    case 'enum':
      return f.options[i % f.options.length];
    default:
      return f.options.slice(0, 1 + (i % f.options.length));
  }
}

async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** 30 fields and 100 deals with every one set in `custom`; 100 deals in `plain`, which has no field. */
async function seedList(custom: ServerProcess, plain: ServerProcess): Promise<Made[]> {
  const made: Made[] = [];
  for (const [n, type] of FIELD_TYPES.entries()) {
    const options = type === 'enum' || type === 'set' ? ['Alpha', 'Beta', 'Gamma', 'Delta'] : undefined;
    const body = await ok(
      call(custom, 'POST', '/api/v2/dealFields', {
        field_name: `Field ${n + 1}`,
        field_type: type,
        ...(options ? { options: options.map((label) => ({ label })) } : {}),
      }),
      'adding a field',
    );
    made.push({
      code: body.data.field_code,
      type,
      options: (body.data.options ?? []).map((o: { id: number }) => o.id),
    });
  }
  for (let i = 0; i < 100; i++) {
    const custom_fields = Object.fromEntries(made.map((f) => [f.code, sampleValue(f, i + 1)]));
    await ok(
      call(custom, 'POST', '/api/v2/deals', {
        title: `Deal ${i}`,
        value: 1000 + i,
        currency: 'EUR',
        custom_fields,
      }),
      'adding a deal with custom fields',
    );
    await ok(
      call(plain, 'POST', '/api/v2/deals', { title: `Deal ${i}`, value: 1000 + i, currency: 'EUR' }),
      'adding a deal',
    );
  }
  return made;
}

interface Latency {
  p50: number;
  p90: number;
}

/** Both lists one request at a time, alternating, after a warm-up: p50 and p90 of each. */
async function measureLists(custom: ServerProcess, plain: ServerProcess) {
  const once = async (server: ServerProcess, fields: number) => {
    const t0 = performance.now();
    const res = await call(server, 'GET', '/api/v2/deals?limit=100');
    const ms = performance.now() - t0;
    const data = res.body.data as { custom_fields: Record<string, unknown> }[];
    if (res.status !== 200 || data.length !== 100) throw new Error(`deals list: ${res.status}`);
    if (Object.keys(data[0]?.custom_fields ?? {}).length !== fields)
      throw new Error('custom fields not listed');
    return ms;
  };
  for (let i = 0; i < 30; i++) {
    await once(custom, 30);
    await once(plain, 0);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    a.push(await once(custom, 30));
    b.push(await once(plain, 0));
  }
  const stat = (v: number[]): Latency => {
    v.sort((x, y) => x - y);
    return { p50: pct(v, 50) as number, p90: pct(v, 90) as number };
  };
  return { custom: stat(a), plain: stat(b) };
}

/** The many deals of `company`, in one statement: a code among CODES, a number, a value. */
async function seedMany(db: Database, company: BenchCompany, code: Made, number: Made) {
  const stage = rowsOf(
    await db.db.execute(
      sql`SELECT id, pipeline_id FROM stages WHERE company_id = ${company.companyId} LIMIT 1`,
    ),
  )[0] as { id: number; pipeline_id: number };
  await db.db.execute(sql`
    INSERT INTO deals (company_id, title, owner_id, creator_user_id, pipeline_id, stage_id, value, currency,
      status, visible_to, custom_fields, origin, add_time, update_time, stage_change_time, position)
    SELECT ${company.companyId}, 'Many ' || g, ${company.userId}, ${company.userId}, ${stage.pipeline_id},
      ${stage.id}, (1000 + g % 5000)::numeric, 'EUR', 'open', 3,
      jsonb_build_object(${code.code}::text, 'Code ' || (g % ${CODES}), ${number.code}::text, (g % 100) * 1.5),
      'API', now(), now(), now(), g
    FROM generate_series(1, ${MANY}::int) g`);
  await db.db.execute(sql`ANALYZE deals`);
  await checkpoint(db.db);
}

const ctxOf = (db: Database, c: BenchCompany): Ctx => ({
  db: db.db,
  companyId: c.companyId,
  user: { id: c.userId, isAdmin: true },
  actor: { type: 'system', userId: c.userId, source: 'system' },
});

/** EXPLAIN ANALYZE of the statement the filter's list function sends. */
async function filterPlan(
  db: Database,
  captured: { text: string; params: readonly unknown[] }[],
  ctx: Ctx,
  key: string,
) {
  captured.length = 0;
  const t0 = performance.now();
  const page = await listDeals(ctx, { limit: 100, custom_contains: { [key]: 'Code 17' } }, false);
  const ms = performance.now() - t0;
  const statement = captured.find((s) => s.text.includes('@>'));
  if (!statement) throw new Error('the filter statement was not seen');
  const client = (
    db.db as unknown as {
      $client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, string>[] }> };
    }
  ).$client;
  const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement.text}`, [
    ...statement.params,
  ]);
  const lines = plan.rows.map((r) => r['QUERY PLAN'] as string);
  return {
    rows: page.rows.length,
    ms,
    lines,
    indexed: lines.some((l) => /Index|Bitmap/.test(l) && /custom_fields/.test(l)),
  };
}

interface Row {
  database: string;
  list: { custom: Latency; plain: Latency };
  filter: { rows: number; ms: number; lines: string[]; indexed: boolean };
  recalc: { appMs: number; bareMs: number; updated: number };
}

async function measure(database: BenchDatabase): Promise<Row> {
  const label = database.label;
  // where the server keeps its database: DATA_DIR/db on the embedded one
  const where = {
    databaseUrl: database.location.databaseUrl,
    dataDir: database.location.databaseUrl ? undefined : path.join(database.dir, 'db'),
  };
  const seedDb = await openDatabase({ ...where, poolSize: 2 });
  await seedDb.migrate();
  const a = await createBenchCompany(seedDb.db, 'Bench Fields AB');
  const b = await createBenchCompany(seedDb.db, 'Bench Plain AB');
  await seedDb.close();

  const server = await startServerProcess({
    dataDir: database.dir,
    databaseUrl: database.location.databaseUrl,
    token: a.token,
    timeoutMs: 60_000,
  });
  const { made, list } = await withCleanup(
    () => server.stop(),
    async () => {
      const custom = server;
      const plain = { ...server, token: b.token };
      const made = await seedList(custom, plain);
      const list = await measureLists(custom, plain);
      log(
        `  ${label}: 100 deals, 30 custom fields p50 ${list.custom.p50.toFixed(2)} ms; none ${list.plain.p50.toFixed(2)} ms`,
      );
      return { made, list };
    },
  );

  const captured: { text: string; params: readonly unknown[] }[] = [];
  const db = await openDatabase({
    ...where,
    poolSize: 4,
    onStatement: (text, params) => captured.push({ text, params }),
  });
  return withCleanup(
    () => db.close(),
    async () => {
      const code = made.find((f) => f.type === 'varchar') as Made;
      const number = made.find((f) => f.type === 'double') as Made;
      const formula = made.filter((f) => f.type === 'double')[1] as Made;
      const t0 = performance.now();
      await seedMany(db, a, code, number);
      log(`  ${label}: ${MANY} deals seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const ctx = ctxOf(db, a);
      const filter = await filterPlan(db, captured, ctx, code.code);
      log(`  filter: ${filter.rows} deals in ${filter.ms.toFixed(1)} ms; index used: ${filter.indexed}`);

      // the bare UPDATE first (the same arithmetic, written by hand), then the app's job over the same rows
      const t1 = performance.now();
      await db.db.execute(sql`
        UPDATE deals SET custom_fields = custom_fields || jsonb_build_object(${formula.code}::text,
          value * 0.9 + (custom_fields ->> ${number.code})::numeric)
        WHERE company_id = ${a.companyId}`);
      const bareMs = performance.now() - t1;
      await checkpoint(db.db);
      registerJobHandlers();
      captured.length = 0;
      await setFormula(ctx, formula.code, `{value} * 0.9 + {${number.code}}`);
      const t2 = performance.now();
      await runJobs(db.db);
      const appMs = performance.now() - t2;
      const [done] = rowsOf(
        await db.db.execute(
          sql`SELECT count(*)::int AS n FROM deals WHERE company_id = ${a.companyId} AND custom_fields ? ${formula.code}`,
        ),
      );
      const updated = Number(done?.n);
      log(
        `  recalc: ${updated} deals in ${(appMs / 1000).toFixed(2)} s (bare UPDATE ${(bareMs / 1000).toFixed(2)} s)`,
      );
      return { database: label, list, filter, recalc: { appMs, bareMs, updated } };
    },
  );
}

runBench(async () => {
  const run = runStart();
  const rows: Row[] = [];
  const notes = await onEachDatabase(only, { bench: 'fields' }, async (database) => {
    rows.push(await measure(database));
  });
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);
  const listOk = (r: Row) => r.list.plain.p50 / r.list.custom.p50 >= LIST_TARGET;
  const recalcOk = (r: Row) =>
    r.database !== 'PostgreSQL' || perSecond(r.recalc.updated, r.recalc.appMs) >= RECALC_TARGET;
  writeResults('fields.md', [
    ...heading('Pipewright custom fields benchmark', run),
    '## List of 100 deals with 30 custom fields set',
    '',
    `GET /api/v2/deals?limit=100, one request at a time (${REQUESTS} each, alternating, after 30 each to warm ` +
      `up), on the server in its own process: a company whose 100 deals have 30 custom fields set, and a ` +
      `company without custom fields. Ratio: speed of the first over the second (p50 of the plain list over ` +
      `p50 of the custom one); target ≥ ${LIST_TARGET}.`,
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: 'p50, 30 fields', right: true, cell: (r) => ms(r.list.custom.p50) },
        { head: 'p50, none (baseline)', right: true, cell: (r) => ms(r.list.plain.p50) },
        { head: 'ratio', right: true, cell: (r) => ratio(r.list.plain.p50, r.list.custom.p50) },
        { head: `≥ ${LIST_TARGET}`, cell: (r) => verdict(listOk(r)) },
        { head: 'p90, 30 fields', right: true, cell: (r) => ms(r.list.custom.p90) },
        { head: 'p90, none', right: true, cell: (r) => ms(r.list.plain.p90) },
      ],
      rows,
    ),
    '',
    `## Filter on a custom field over ${MANY.toLocaleString('en')} deals`,
    '',
    `The statement of GET /api/ext/deals/byCustomField (first page of 100), captured from the app's list ` +
      `function, under EXPLAIN ANALYZE; one deal in ${CODES} holds the value.`,
    '',
    ...rows.flatMap((r) => [
      `### ${r.database}: ${r.filter.rows} deals in ${r.filter.ms.toFixed(1)} ms; index used: ${verdict(r.filter.indexed)}`,
      '',
      '```',
      ...r.filter.lines,
      '```',
      '',
    ]),
    `## Recalculating a formula across ${MANY.toLocaleString('en')} deals`,
    '',
    'The app: PUT of a formula, then the recalculation job it queued, run by the job runner (batches of ' +
      '1,000 deals, one UPDATE and its progress each). Baseline: one bare UPDATE computing the same over ' +
      `the same rows. Target on PostgreSQL: ≥ ${RECALC_TARGET.toLocaleString('en')} deals/s.`,
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: 'deals', right: true, cell: (r) => r.recalc.updated },
        { head: 'app, deals/s', right: true, cell: (r) => perSecond(r.recalc.updated, r.recalc.appMs) },
        { head: 'bare UPDATE, deals/s', right: true, cell: (r) => perSecond(MANY, r.recalc.bareMs) },
        { head: 'ratio', right: true, cell: (r) => ratio(r.recalc.bareMs, r.recalc.appMs) },
        { head: `≥ ${RECALC_TARGET} (PostgreSQL)`, cell: (r) => verdict(recalcOk(r)) },
      ],
      rows,
    ),
    '',
    ...notesSection(notes),
  ]);
  if (rows.some((r) => !listOk(r) || !r.filter.indexed || !recalcOk(r))) process.exitCode = 1;
});
