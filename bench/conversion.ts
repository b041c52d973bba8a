/**
 * npm run bench:conversion [-- --quick] [--only embedded|postgres] [--part bulk|api] [--leads n]
 *   [--chunk n] [--concurrency n] [--profile] [--explain]
 *
 * Lead → deal conversion. Part 1: bulk conversion of a company's leads through Pipewright's job path,
 * beside the same move as raw set-based SQL on a twin company of the same database in the same run.
 * Part 2: single conversions over the API, sequential and from concurrent clients. Results in
 * bench/results/conversion.md; exit 1 when a conversion was incomplete.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/client.ts';
import { BULK_MAX, bulkSettings } from '../src/modules/conversion/bulk.ts';
import { jobConcurrency } from '../src/modules/jobs/runner.ts';
import { convertRawSql, convertThroughJobs } from './conversion/bulk.ts';
import { checkConversion, checkLine, checkProblems } from './conversion/check.ts';
import { explainChunk } from './conversion/explain.ts';
import { profileLines, profileStatements } from './conversion/profile.ts';
import { type BulkRow, bulkRatio, conversionMarkdown, type LatencyRow } from './conversion/report.ts';
import type { ConvReady, ConvServerConfig } from './conversion/server.ts';
import { convertOverHttp, warmUp } from './conversion/single.ts';
import { startChild } from './lib/child.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, type DatabaseKind, onEachDatabase } from './lib/database.ts';
import { runStart, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench, usage } from './lib/run.ts';
import { analyze, type ConvTenant, seedConversionCompany } from './lib/seed/conversion.ts';

const USAGE =
  'tsx bench/conversion.ts [--quick] [--only embedded|postgres] [--part bulk|api] [--leads n] ' +
  '[--chunk n] [--concurrency n] [--profile] [--explain]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 1,000 leads in bulk, 50 + 25 over the API */
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    leads: { type: 'string' },
    profile: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    part: { type: 'string' },
    chunk: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
if (args.part && args.part !== 'bulk' && args.part !== 'api') usage('--part takes bulk or api', USAGE);
if (args.chunk !== undefined) bulkSettings.chunkSize = positive('chunk', args.chunk, USAGE, true);
const concurrency =
  args.concurrency === undefined ? undefined : positive('concurrency', args.concurrency, USAGE, true);
const BULK = args.part !== 'api';
const API = args.part !== 'bulk';
const BULK_LEADS = positive('leads', args.leads ?? (args.quick ? '1000' : '10000'), USAGE);
const SEQUENTIAL = args.quick ? 50 : 200;
const CONCURRENT = args.quick ? 25 : 100;
const CLIENTS = 10;
const WARM_UP = 10;
const API_LEADS = WARM_UP + SEQUENTIAL + CONCURRENT;
/** leads/s the Pipewright path should reach */
const TARGET: Record<DatabaseKind, number> = { embedded: 1_000, postgres: 5_000 };

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'conversion', 'server.ts');
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Part 1 on an open, migrated database: seeds the two companies, runs the raw move, then the real one. */
async function bulkPart(database: Database, label: string, target: number): Promise<BulkRow> {
  const row: BulkRow = { database: label, target, problems: [] };
  let t0 = performance.now();
  const real = await seedConversionCompany(database.db, 'Conversion Bulk Co', BULK_LEADS);
  const twin = await seedConversionCompany(database.db, 'Conversion Raw SQL Co', BULK_LEADS);
  await analyze(database.db);
  log(`  seeded 2 × ${BULK_LEADS} leads (+ 2 notes, 2 activities each) in ${seconds(t0)}`);

  t0 = performance.now();
  const rawProfiler = args.profile ? profileStatements() : undefined;
  row.raw = await convertRawSql(database.db, twin);
  if (rawProfiler)
    row.profile = profileLines(`${label}, raw SQL`, performance.now() - t0, rawProfiler.stop());
  log(`  raw SQL move: ${Math.round(row.raw.leadsPerSec)} leads/s (${seconds(t0)})`);
  row.problems.push(
    ...checkProblems(await checkConversion(database.db, twin.companyId), BULK_LEADS).map(
      (p) => `raw SQL: ${p}`,
    ),
  );

  if (args.explain) row.explain = await explainChunk(database.db, real);
  t0 = performance.now();
  const profiler = args.profile ? profileStatements() : undefined;
  try {
    row.real = await convertThroughJobs(database.db, real, concurrency ?? jobConcurrency(database.kind));
    log(
      `  Pipewright bulk: ${Math.round(row.real.leadsPerSec)} leads/s (${seconds(t0)}), ratio ${bulkRatio(row)}`,
    );
  } catch (err) {
    row.problems.push((err as Error).message);
    log(`  Pipewright bulk: ${(err as Error).message}`);
  }
  if (profiler) {
    const lines = profileLines(`${label}, Pipewright`, performance.now() - t0, profiler.stop());
    row.profile = [...lines, '', ...(row.profile ?? [])];
  }
  const check = await checkConversion(database.db, real.companyId);
  row.check = checkLine(check);
  row.problems.push(...checkProblems(check, BULK_LEADS));
  log(`  check: ${row.problems.length ? row.problems.join('; ') : 'complete'}`);
  return row;
}

/** Part 2: the app in a child process; warm-up, sequential, then concurrent conversions. */
async function singlePart(config: ConvServerConfig, label: string, rows: LatencyRow[]): Promise<void> {
  const server = startChild<ConvReady>(SERVER, config);
  await withCleanup(
    () => server.stop(),
    async () => {
      const ready = await server.ready;
      if (ready.seedMs !== undefined)
        log(`  API company seeded (${API_LEADS} leads) in ${(ready.seedMs / 1000).toFixed(1)} s`);
      const ids = ready.tenant.leadIds;
      const { port } = ready;
      const { token } = ready.tenant;
      await warmUp(port, token, ids.slice(0, WARM_UP));
      const phases: [string, string[], number][] = [
        ['sequential', ids.slice(WARM_UP, WARM_UP + SEQUENTIAL), 1],
        [`${CLIENTS} concurrent clients`, ids.slice(WARM_UP + SEQUENTIAL, API_LEADS), CLIENTS],
      ];
      for (const [phase, leadIds, clients] of phases) {
        const result = await convertOverHttp(phase, port, token, leadIds, clients);
        rows.push({ database: label, result });
        log(
          `  ${phase}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ` +
            `${result.completed}/${result.count} completed${result.problems.length ? ` (${result.problems[0]})` : ''}`,
        );
      }
    },
  );
}

/**
 * One database: part 1 in this process; part 2 against the app in a process of its own, on a company
 * seeded here (PostgreSQL) or by that process (PGlite belongs to the one process that opens it).
 */
async function bench(database: BenchDatabase, bulk: BulkRow[], latency: LatencyRow[]) {
  const label = database.label;
  log(`${label} (${database.shown})`);
  const db = await database.open();
  let api: ConvTenant | undefined;
  try {
    if (BULK) bulk.push(await bulkPart(db, label, TARGET[database.kind]));
    if (API && database.kind === 'postgres') {
      const t0 = performance.now();
      api = await seedConversionCompany(db.db, 'Conversion API Co', API_LEADS);
      await analyze(db.db);
      log(`  API company seeded (${API_LEADS} leads) in ${seconds(t0)}`);
    }
  } finally {
    await db.close();
  }
  if (!API) return;
  const config = api ? { tenant: api } : { seedLeads: API_LEADS };
  await singlePart({ location: database.location, ...config }, label, latency);
}

runBench(async () => {
  const info = {
    ...runStart(),
    bulkLeads: BULK_LEADS,
    chunkSize: bulkSettings.chunkSize,
    jobSize: BULK_MAX,
    apiLeads: API_LEADS,
  };
  const bulk: BulkRow[] = [];
  const latency: LatencyRow[] = [];
  const notes = await onEachDatabase(only, { bench: 'conversion' }, (database) =>
    bench(database, bulk, latency),
  );
  writeResults('conversion.md', conversionMarkdown(info, bulk, latency, notes));
  const failed = bulk.some((r) => r.problems.length > 0) || latency.some((r) => r.result.problems.length > 0);
  if (failed) process.exitCode = 1;
});
