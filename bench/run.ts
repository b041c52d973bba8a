import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { cleanUpOnInterrupt, startChild, withCleanup } from './harness.ts';
import {
  type Measure,
  measure,
  preflight,
  type Sample,
  type Scenario,
  STAND_IN,
  scenarios,
} from './measure.ts';
import { prepareCompany, type Tenant } from './prepare.ts';
import { markdown, type Row, type RunInfo, rampOf, ratio, seedLine } from './report.ts';
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
    rounds: { type: 'string' },
    pin: { type: 'boolean', default: false },
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
const rounds = Number(args.rounds ?? (args.quick ? 1 : 3));
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('--rounds takes a positive whole number');
  process.exit(2);
}
const counts = Object.fromEntries(
  Object.entries(DEFAULT_COUNTS).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]),
) as unknown as SeedCounts;

const log = (line: string) => console.log(line);

/**
 * --pin: the servers on the first cores, the load generator (this process) on the last, so that they do
 * not take turns on one core (PostgreSQL's own processes are not pinned). Steadier ratios on a small
 * machine; lower absolute figures, since a server loses the cores its GC and I/O threads used.
 */
const cores = os.cpus().length;
const pinning = args.pin && cores >= 2;
if (args.pin && !pinning) log('--pin needs at least two cores: not pinned');
function pin(pid: number | undefined, cpus: string) {
  if (!pinning || pid === undefined) return;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}
pin(process.pid, String(cores - 1));
const pinServers = (...children: { pid: number | undefined }[]) => {
  for (const c of children) pin(c.pid, cores > 2 ? `0-${cores - 2}` : '0');
};

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
  const settings = { connections, duration: Math.max(2, Math.round(duration / rounds)) };
  for (const s of scenarios(sample)) {
    const row: Row = { database, request: s.name };
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
    const ceilingProblem = await preflight(ports.ceiling, tenant.token, s);
    if (ceilingProblem) row.note = `${row.note ? `${row.note}; ` : ''}ceiling: ${ceilingProblem}`;
    // Rounds alternate which side goes first (app, ceiling / ceiling, app / …), each side warmed up
    // once: drift on the machine or in the database (pages written back, the table growing under
    // POSTs) falls on both sides instead of on whichever is measured second.
    const sides = {
      app: { port: ports.app, scenario: appScenario, done: [] as Measure[] },
      ceiling: { port: ports.ceiling, scenario: ceilingProblem ? undefined : s, done: [] as Measure[] },
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['app', 'ceiling'] as const) : (['ceiling', 'app'] as const);
      for (const side of order.map((k) => sides[k])) {
        if (!side.scenario) continue;
        const first = side.done.length === 0;
        side.done.push(
          await measure(side.port, tenant.token, side.scenario, { ...settings, warmup: first ? warmup : 0 }),
        );
      }
    }
    row.app = combine(sides.app.done);
    row.ceiling = combine(sides.ceiling.done);
    if (rounds > 1 && row.app && row.ceiling && !row.standIn) {
      row.roundRatios = sides.app.done.map((m, i) => m.rps / (sides.ceiling.done[i]?.rps ?? Number.NaN));
    }
    log(
      `  ${s.name.padEnd(16)} app ${row.app ? `${Math.round(row.app.rps)} req/s` : '–'}` +
        `  ceiling ${row.ceiling ? `${Math.round(row.ceiling.rps)} req/s` : '–'}  ratio ${ratio(row)}` +
        `  (connections up after ${rampOf(row)})` +
        (row.note ? `  (${row.note})` : ''),
    );
    rows.push(row);
  }
  return rows;
}

/** Rounds of one side as one measure: requests over seconds, the median p50, the worst p99. */
function combine(done: Measure[]): Measure | undefined {
  if (done.length === 0) return undefined;
  const sum = (f: (m: Measure) => number) => done.reduce((a, m) => a + f(m), 0);
  const p50s = done.map((m) => m.p50).sort((a, b) => a - b);
  const total = sum((m) => m.total);
  const seconds = sum((m) => m.seconds);
  return {
    rps: total / seconds,
    total,
    seconds,
    p50: p50s[Math.floor(p50s.length / 2)] as number,
    p99: Math.max(...done.map((m) => m.p99)),
    rampMs: Math.max(...done.map((m) => m.rampMs)),
    ok: sum((m) => m.ok),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
  };
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
    pinServers(server);
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
    pinServers(...servers);
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
    rounds,
    pinned: pinning
      ? `servers on cores 0–${Math.max(0, cores - 2)}, load generator on core ${cores - 1}`
      : undefined,
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
