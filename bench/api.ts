import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { cleanUpOnInterrupt, startChild, withCleanup } from './lib/child.ts';

type ChildServer = ReturnType<typeof startServer>;

import {
  type CpuOf,
  type Measure,
  measure,
  preflight,
  type Sample,
  type Scenario,
  STAND_IN,
  scenarios,
} from './api/measure.ts';
import { prepareCompany, type Tenant } from './api/prepare.ts';
import { markdown, type Row, type RunInfo, rampOf, ratio, SIDES, type Side, seedLine } from './api/report.ts';
import type { ReadyMessage, ServerConfig } from './api/server.ts';
import { DEFAULT_COUNTS, type SeedCounts } from './lib/seed/crm.ts';

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
    /** measure only the requests whose name contains this ("list", "deal", "add") */
    request: { type: 'string' },
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
  return startChild<ReadyMessage>(path.join(here, 'api', 'server.ts'), 'BENCH_CONFIG', config);
}

// ------------------------------------------------------------------ measuring

/**
 * The servers measured: the app, the Fastify ceiling (bench/api/ceiling.ts) and the bare node:http ceiling
 * (bench/api/bare.ts), each on its own port.
 */
type Ports = Record<Side, number>;

async function measureAll(
  database: string,
  ports: Ports,
  cpuOf: Record<Side, CpuOf>,
  tenant: Tenant,
  sample: Sample,
): Promise<Row[]> {
  const rows: Row[] = [];
  const settings = { connections, duration: Math.max(2, Math.round(duration / rounds)) };
  const wanted = scenarios(sample).filter((s) => !args.request || s.name.includes(args.request));
  for (const s of wanted) {
    const row: Row = { database, request: s.name };
    const notes: string[] = [];
    const sides = {} as Record<Side, { scenario: Scenario | undefined; done: Measure[] }>;
    for (const side of SIDES) {
      let scenario: Scenario | undefined = s;
      const problem = await preflight(ports[side], tenant.token, s);
      if (problem && side === 'app' && args['stand-in']) {
        const standIn = (await preflight(ports.app, tenant.token, STAND_IN)) === undefined;
        scenario = standIn ? STAND_IN : undefined;
        row.standIn = standIn;
        notes.push(
          standIn ? `app: ${problem}; measured ${STAND_IN.name} instead` : `app not measured: ${problem}`,
        );
      } else if (problem) {
        scenario = undefined;
        notes.push(`${side} not measured: ${problem}`);
      }
      sides[side] = { scenario, done: [] };
    }
    if (notes.length) row.note = notes.join('; ');
    // Rounds rotate which side goes first (app, Fastify, bare / Fastify, bare, app / …), each side
    // warmed up once: drift on the machine or in the database (pages written back, the table growing
    // under POSTs) falls on every side instead of on whichever is measured last.
    for (let round = 0; round < rounds; round++) {
      const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length] as Side);
      for (const name of order) {
        const side = sides[name];
        if (!side.scenario) continue;
        const first = side.done.length === 0;
        side.done.push(
          await measure(ports[name], tenant.token, side.scenario, {
            ...settings,
            warmup: first ? warmup : 0,
            cpuOf: cpuOf[name],
          }),
        );
      }
    }
    // One request alone: one connection, the latency of a request that waits for nothing else.
    for (const name of SIDES) {
      const side = sides[name];
      if (!side.scenario) continue;
      const m = await measure(ports[name], tenant.token, side.scenario, {
        connections: 1,
        duration: args.quick ? 1 : 2,
        warmup: 0,
      });
      row.alone = { ...row.alone, [name]: m.p50 };
    }
    for (const name of SIDES) row[name] = combine(sides[name].done);
    if (rounds > 1 && row.app && !row.standIn) {
      const per = (c: Side) =>
        row[c] ? sides.app.done.map((m, i) => m.rps / (sides[c].done[i]?.rps ?? Number.NaN)) : undefined;
      row.roundRatios = { ceiling: per('ceiling'), bare: per('bare') };
    }
    log(
      `  ${s.name.padEnd(16)} app ${row.app ? `${Math.round(row.app.rps)} req/s` : '–'}` +
        `  Fastify ${row.ceiling ? `${Math.round(row.ceiling.rps)} req/s` : '–'}` +
        `  bare ${row.bare ? `${Math.round(row.bare.rps)} req/s` : '–'}` +
        `  app/Fastify ${ratio(row, 'ceiling')}  app/bare ${ratio(row, 'bare')}` +
        `  CPU ms/req ${SIDES.map((k) => `${k} ${cpuLine(row[k])}`).join(', ')}` +
        `  alone p50 ${SIDES.map((k) => `${k} ${row.alone?.[k]?.toFixed(2) ?? '–'} ms`).join(', ')}` +
        `  (connections up after ${rampOf(row)})` +
        (row.note ? `  (${row.note})` : ''),
    );
    rows.push(row);
  }
  return rows;
}

const cpuLine = (m?: Measure) => (m?.cpu ? `${m.cpu.server.toFixed(2)}+${m.cpu.database.toFixed(2)}` : '–');

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
    cpu: done.every((m) => m.cpu)
      ? {
          server: sum((m) => (m.cpu?.server ?? 0) * m.total) / Math.max(1, total),
          database: sum((m) => (m.cpu?.database ?? 0) * m.total) / Math.max(1, total),
        }
      : undefined,
  };
}

// ------------------------------------------------------------------ the two databases

async function benchEmbedded(rows: Row[], seeds: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-bench-'));
  const bareDir = `${dataDir}-bare`;
  const servers: ReturnType<typeof startServer>[] = [];
  const undo = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(bareDir, { recursive: true, force: true });
  };
  await withCleanup(undo, async () => {
    log(`embedded (PGlite in ${dataDir}): migrating and seeding…`);
    // PGlite lives in the process that opens it: the app and the Fastify ceiling share one process and
    // instance; the bare ceiling gets a process and a copy of the seeded database of its own.
    const seeder = startServer({ dataDir, serve: [], seed: counts });
    servers.push(seeder);
    const seededReady = await seeder.ready;
    await seeder.stop();
    fs.cpSync(dataDir, bareDir, { recursive: true });
    const seeded = seededReady.seed!;
    const tenant = seededReady.tenant;
    seeds.push(seedLine('embedded (PGlite)', seeded));
    log(seedLine('embedded (PGlite)', seeded));
    const main = startServer({ dataDir, serve: ['app', 'ceiling'], tenant });
    const bare = startServer({ dataDir: bareDir, serve: ['bare'], tenant });
    servers.push(main, bare);
    const [mainReady, bareReady] = await Promise.all([main.ready, bare.ready]);
    pinServers(main, bare);
    const ports = {
      app: mainReady.ports.app!,
      ceiling: mainReady.ports.ceiling!,
      bare: bareReady.ports.bare!,
    };
    // PGlite runs in the server's process: its CPU is the server's.
    const cpuOf = { app: { server: main.pid! }, ceiling: { server: main.pid! }, bare: { server: bare.pid! } };
    rows.push(...(await measureAll('embedded (PGlite)', ports, cpuOf, tenant, seeded)));
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
    servers.push(
      startServer({ ...common, serve: ['app'] }),
      startServer({ ...common, serve: ['ceiling'] }),
      startServer({ ...common, serve: ['bare'] }),
    );
    const [app, ceiling, bare] = await Promise.all(servers.map((s) => s.ready));
    pinServers(...servers);
    const ports = { app: app!.ports.app!, ceiling: ceiling!.ports.ceiling!, bare: bare!.ports.bare! };
    // The bench database's backends: only the side being measured is busy.
    const backends = async () =>
      (
        await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName])
      ).rows.map((r) => Number(r.pid));
    const [appProc, ceilingProc, bareProc] = servers as [ChildServer, ChildServer, ChildServer];
    const cpuOf = {
      app: { server: appProc.pid!, database: backends },
      ceiling: { server: ceilingProc.pid!, database: backends },
      bare: { server: bareProc.pid!, database: backends },
    };
    rows.push(...(await measureAll('PostgreSQL', ports, cpuOf, prepared.tenant, prepared.seed)));
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
