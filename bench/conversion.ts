import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { BULK_MAX, bulkSettings } from '../src/modules/conversion/bulk.ts';
import { jobConcurrency } from '../src/modules/jobs/runner.ts';
import { POOL_SIZE } from './api/prepare.ts';
import { convertRawSql, convertThroughJobs } from './conversion/bulk.ts';
import { explainChunk } from './conversion/explain.ts';
import { profileLines, profileStatements } from './conversion/profile.ts';
import {
  type BulkRow,
  bulkRatio,
  type ConvRunInfo,
  conversionMarkdown,
  type LatencyRow,
} from './conversion/report.ts';
import type { ConvReady, ConvServerConfig } from './conversion/server.ts';
import { convertOverHttp, warmUp } from './conversion/single.ts';
import { cleanUpOnInterrupt, startChild, withCleanup } from './lib/child.ts';
import {
  analyze,
  type ConvTenant,
  checkConversion,
  checkLine,
  checkProblems,
  seedConversionCompany,
} from './lib/seed/conversion.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
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
if (args.only && args.only !== 'embedded' && args.only !== 'postgres') {
  console.error('--only takes embedded or postgres');
  process.exit(2);
}
if (args.part && args.part !== 'bulk' && args.part !== 'api') {
  console.error('--part takes bulk or api');
  process.exit(2);
}
if (args.chunk !== undefined) {
  const size = Number(args.chunk);
  if (!(Number.isInteger(size) && size > 0)) {
    console.error('--chunk takes a positive whole number');
    process.exit(2);
  }
  bulkSettings.chunkSize = size;
}
if (args.concurrency !== undefined && !(Number(args.concurrency) >= 1)) {
  console.error('--concurrency takes a positive whole number');
  process.exit(2);
}
const BULK = args.part !== 'api';
const API = args.part !== 'bulk';
const BULK_LEADS = Number(args.leads ?? (args.quick ? 1_000 : 10_000));
if (!(BULK_LEADS > 0)) {
  console.error('--leads takes a positive number');
  process.exit(2);
}
const SEQUENTIAL = args.quick ? 50 : 200;
const CONCURRENT = args.quick ? 25 : 100;
const CLIENTS = 10;
const WARM_UP = 10;
const API_LEADS = WARM_UP + SEQUENTIAL + CONCURRENT;
const TARGET = { embedded: 1_000, postgres: 5_000 };

const log = (line: string) => console.log(line);
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

cleanUpOnInterrupt(log);

// ------------------------------------------------------------------ the app process

function startServer(config: ConvServerConfig) {
  return startChild<ConvReady>(path.join(here, 'conversion', 'server.ts'), 'CONV_BENCH_CONFIG', config);
}

// ------------------------------------------------------------------ the two parts

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
    row.real = await convertThroughJobs(
      database.db,
      real,
      Number(args.concurrency ?? jobConcurrency(database.kind)),
    );
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
  const server = startServer(config);
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

// ------------------------------------------------------------------ the two databases

async function onEmbedded(bulk: BulkRow[], latency: LatencyRow[]) {
  const label = 'embedded (PGlite)';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-conv-bench-'));
  await withCleanup(
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    async () => {
      log(`${label} in ${dataDir}`);
      const database = await openDatabase({ dataDir });
      try {
        await database.migrate();
        if (BULK) bulk.push(await bulkPart(database, label, TARGET.embedded));
      } finally {
        await database.close();
      }
      // PGlite belongs to one process: the app's process opens the same folder and seeds its company.
      if (API) await singlePart({ dataDir, seedLeads: API_LEADS }, label, latency);
    },
  );
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function onPostgres(bulk: BulkRow[], latency: LatencyRow[], notes: string[]) {
  const label = 'PostgreSQL';
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    const msg = `PostgreSQL not reachable at ${redact(serverUrl)} (${(err as Error).message}): skipped`;
    log(msg);
    notes.push(msg);
    return;
  }
  const dbName = `pipewright_bench_conv_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  let created = false;
  const undo = async () => {
    if (created) {
      created = false;
      // A closed pool's connections end asynchronously: let them go before FORCE would kill one (its
      // FATAL would surface as an unhandled 'error' of that pool).
      for (let i = 0; i < 50; i++) {
        const left = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
          dbName,
        ]);
        if (left.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err) => {
        log(`could not drop ${dbName}: ${(err as Error).message}`);
      });
    }
    await admin.end().catch(() => {});
  };
  await withCleanup(undo, async () => {
    await admin.query(`CREATE DATABASE ${dbName}`);
    created = true;
    log(`${label} (${redact(url.toString())})`);
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: POOL_SIZE });
    let api: ConvTenant | undefined;
    try {
      await database.migrate();
      if (BULK) bulk.push(await bulkPart(database, label, TARGET.postgres));
      if (API) {
        const t0 = performance.now();
        api = await seedConversionCompany(database.db, 'Conversion API Co', API_LEADS);
        await analyze(database.db);
        log(`  API company seeded (${API_LEADS} leads) in ${seconds(t0)}`);
      }
    } finally {
      await database.close();
    }
    if (api) await singlePart({ databaseUrl: url.toString(), tenant: api }, label, latency);
  });
}

// ------------------------------------------------------------------ main

async function main() {
  const info: ConvRunInfo = {
    started: new Date(),
    loadAtStart: os.loadavg(),
    bulkLeads: BULK_LEADS,
    chunkSize: bulkSettings.chunkSize,
    jobSize: BULK_MAX,
    apiLeads: API_LEADS,
  };
  const bulk: BulkRow[] = [];
  const latency: LatencyRow[] = [];
  const notes: string[] = [];
  if (args.only !== 'postgres') await onEmbedded(bulk, latency);
  if (args.only !== 'embedded') await onPostgres(bulk, latency, notes);
  const doc = conversionMarkdown(info, bulk, latency, notes);
  log(`\n${doc}`);
  const out = path.join(here, 'results', 'conversion.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, doc);
  log(`written to ${path.relative(process.cwd(), out)}`);
  const failed = bulk.some((r) => r.problems.length > 0) || latency.some((r) => r.result.problems.length > 0);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
