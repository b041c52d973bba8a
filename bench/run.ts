import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { cleanUpOnInterrupt, startChild, withCleanup } from './harness.ts';
import { measure, preflight, type Sample, type Scenario, STAND_IN, scenarios } from './measure.ts';
import { prepareCompany, type Tenant } from './prepare.ts';
import { markdown, type Row, type RunInfo, ratio, seedLine } from './report.ts';
import { DEFAULT_COUNTS, type SeedCounts } from './seed.ts';
import type { ReadyMessage, ServerConfig } from './server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    scale: { type: 'string', default: '1' },
    'stand-in': { type: 'boolean', default: false },
  },
});

const duration = args.quick ? 3 : Number(args.duration ?? 10);
const connections = Number(args.connections);
const scale = Number(args.scale);
if (!(duration > 0) || !(connections > 0) || !(scale > 0)) {
  console.error('--duration, --connections and --scale take positive numbers');
  process.exit(2);
}
const warmup = args.quick ? 1 : 2;
const counts = Object.fromEntries(
  Object.entries(DEFAULT_COUNTS).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]),
) as unknown as SeedCounts;

const log = (line: string) => console.log(line);

cleanUpOnInterrupt(log);

// ------------------------------------------------------------------ server processes

function startServer(config: ServerConfig) {
  return startChild<ReadyMessage>(path.join(here, 'server.ts'), 'BENCH_CONFIG', config);
}

// ------------------------------------------------------------------ measuring

async function measureAll(
  database: string,
  ports: { app: number; ceiling: number },
  tenant: Tenant,
  sample: Sample,
): Promise<Row[]> {
  const rows: Row[] = [];
  const settings = { connections, duration, warmup };
  for (const s of scenarios(sample)) {
    const row: Row = { database, request: s.name };
    // app first, then the ceiling: one server loaded at a time
    let appScenario: Scenario | undefined = s;
    const appProblem = await preflight(ports.app, tenant.token, s);
    if (appProblem) {
      if (args['stand-in'] && (await preflight(ports.app, tenant.token, STAND_IN)) === undefined) {
        appScenario = STAND_IN;
        row.standIn = true;
        row.note = `app: ${appProblem}; measured ${STAND_IN.name} instead`;
      } else {
        appScenario = undefined;
        row.note = `app not measured: ${appProblem}`;
      }
    }
    if (appScenario) row.app = await measure(ports.app, tenant.token, appScenario, settings);
    const ceilingProblem = await preflight(ports.ceiling, tenant.token, s);
    if (ceilingProblem) row.note = `${row.note ? `${row.note}; ` : ''}ceiling: ${ceilingProblem}`;
    else row.ceiling = await measure(ports.ceiling, tenant.token, s, settings);
    log(
      `  ${s.name.padEnd(16)} app ${row.app ? `${Math.round(row.app.rps)} req/s` : '–'}` +
        `  ceiling ${row.ceiling ? `${Math.round(row.ceiling.rps)} req/s` : '–'}  ratio ${ratio(row)}` +
        (row.note ? `  (${row.note})` : ''),
    );
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------ the two databases

async function benchEmbedded(rows: Row[], seeds: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-bench-'));
  const server = startServer({ dataDir, serve: ['app', 'ceiling'], seed: counts });
  const undo = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  await withCleanup(undo, async () => {
    log(`embedded (PGlite in ${dataDir}): migrating and seeding…`);
    const ready = await server.ready;
    const seeded = ready.seed!;
    seeds.push(seedLine('embedded (PGlite)', seeded));
    log(seedLine('embedded (PGlite)', seeded));
    const ports = { app: ready.ports.app!, ceiling: ready.ports.ceiling! };
    rows.push(...(await measureAll('embedded (PGlite)', ports, ready.tenant, seeded)));
  });
}

async function benchPostgres(rows: Row[], seeds: string[], notes: string[]) {
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
  const dbName = `pipewright_bench_${process.pid}`;
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${dbName}`;
  const servers: ReturnType<typeof startServer>[] = [];
  let created = false;
  const undo = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (created) {
      created = false;
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err) => {
        log(`could not drop ${dbName}: ${(err as Error).message}`);
      });
    }
    await admin.end().catch(() => {});
  };
  await withCleanup(undo, async () => {
    await admin.query(`CREATE DATABASE ${dbName}`);
    created = true;
    log(`PostgreSQL (${redact(benchUrl.toString())}): migrating and seeding…`);
    const database = await openDatabase({ databaseUrl: benchUrl.toString() });
    const prepared = await prepareCompany(database, counts).finally(() => database.close());
    seeds.push(seedLine('PostgreSQL', prepared.seed));
    log(seedLine('PostgreSQL', prepared.seed));
    const common = { databaseUrl: benchUrl.toString(), tenant: prepared.tenant };
    servers.push(startServer({ ...common, serve: ['app'] }), startServer({ ...common, serve: ['ceiling'] }));
    const [app, ceiling] = await Promise.all(servers.map((s) => s.ready));
    const ports = { app: app!.ports.app!, ceiling: ceiling!.ports.ceiling! };
    rows.push(...(await measureAll('PostgreSQL', ports, prepared.tenant, prepared.seed)));
  });
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// ------------------------------------------------------------------ main

async function main() {
  const info: RunInfo = {
    started: new Date(),
    duration,
    warmup,
    connections,
    counts: { ...counts },
    loadAtStart: os.loadavg(),
  };
  const rows: Row[] = [];
  const seeds: string[] = [];
  const notes: string[] = [];
  if (args.only !== 'postgres') await benchEmbedded(rows, seeds);
  if (args.only !== 'embedded') await benchPostgres(rows, seeds, notes);
  const doc = markdown(info, seeds, rows, notes);
  log(`\n${doc}`);
  const out = path.join(here, 'results', 'latest.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, doc);
  log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
