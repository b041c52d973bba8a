/**
 * npm run bench:api [-- --quick] [--only embedded|postgres] [--scale 0.2] [--duration s] [--rounds n]
 *   [--connections n] [--request list|deal|add] [--pin] [--stand-in]
 *
 * Seeds a large company (bench/lib/seed/crm.ts) and measures the main requests against two bare-SQL
 * ceilings in the same run: the same SQL behind a bare Fastify route, and behind a bare node:http
 * server in a process of its own (api/ceiling.ts, api/bare.ts). Results in bench/results/latest.md.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CpuOf } from './api/measure.ts';
import { markdown, type Row, type RunInfo, type Side, seedLine } from './api/report.ts';
import { measureAll, type RoundSettings } from './api/rounds.ts';
import type { ReadyMessage, ServerConfig } from './api/server.ts';
import { type ChildServer, startChild } from './lib/child.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { runStart, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { DEFAULT_COUNTS, prepareCrmCompany, type SeedCounts } from './lib/seed/crm.ts';

const USAGE =
  'tsx bench/api.ts [--quick] [--only embedded|postgres] [--scale 0.2] [--duration s] [--rounds n] ' +
  '[--connections n] [--request list|deal|add] [--pin] [--stand-in]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 2 % of the rows, 10 connections, 2 s per side in one round */
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    scale: { type: 'string' },
    'stand-in': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    pin: { type: 'boolean', default: false },
    /** measure only the requests whose name contains this ("list", "deal", "add") */
    request: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const quick = args.quick;
const settings: RoundSettings = {
  duration: quick ? 2 : positive('duration', args.duration ?? '10', USAGE),
  connections: positive('connections', args.connections ?? (quick ? '10' : '50'), USAGE),
  rounds: positive('rounds', args.rounds ?? (quick ? '1' : '3'), USAGE, true),
  warmup: quick ? 1 : 2,
  aloneSeconds: quick ? 1 : 2,
  request: args.request,
  standIn: args['stand-in'],
};
const scale = positive('scale', args.scale ?? (quick ? '0.02' : '1'), USAGE);
const counts = Object.fromEntries(
  Object.entries(DEFAULT_COUNTS).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]),
) as unknown as SeedCounts;

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

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'api', 'server.ts');
const startServer = (config: ServerConfig) => startChild<ReadyMessage>(SERVER, config);

/**
 * One database: the company seeded, then the app and the two ceilings each on a port (the app, the
 * Fastify ceiling and the bare ceiling), measured request by request.
 */
async function bench(database: BenchDatabase, rows: Row[], seeds: string[]) {
  const servers: ChildServer<ReadyMessage>[] = [];
  const start = (config: Omit<ServerConfig, 'location'> & Partial<ServerConfig>) => {
    const server = startServer({ location: database.location, ...config });
    servers.push(server);
    return server;
  };
  await withCleanup(
    async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
    async () => {
      log(`${database.label} (${database.shown}): migrating and seeding…`);
      let byRole: Record<Side, ChildServer<ReadyMessage>>;
      let prepared: Awaited<ReturnType<typeof prepareCrmCompany>>;
      if (database.kind === 'embedded') {
        // PGlite lives in the process that opens it: the app and the Fastify ceiling share one process
        // and instance; the bare ceiling gets a process and a copy of the seeded database of its own.
        const seeder = start({ serve: [], seed: counts });
        const seeded = await seeder.ready;
        await seeder.stop();
        prepared = { tenant: seeded.tenant, seed: seeded.seed! };
        const main = start({ serve: ['app', 'ceiling'], tenant: prepared.tenant });
        const bare = start({ location: database.copy(), serve: ['bare'], tenant: prepared.tenant });
        byRole = { app: main, ceiling: main, bare };
      } else {
        const db = await database.open();
        prepared = await prepareCrmCompany(db.db, counts).finally(() => db.close());
        const [app, ceiling, bare] = (['app', 'ceiling', 'bare'] as const).map((role) =>
          start({ serve: [role], tenant: prepared.tenant }),
        ) as [ChildServer<ReadyMessage>, ChildServer<ReadyMessage>, ChildServer<ReadyMessage>];
        byRole = { app, ceiling, bare };
      }
      seeds.push(seedLine(database.label, prepared.seed));
      log(seedLine(database.label, prepared.seed));
      await Promise.all(Object.values(byRole).map((s) => s.ready));
      pinServers(...new Set(Object.values(byRole)));
      const portOf = async (side: Side) => (await byRole[side].ready).ports[side] as number;
      const ports = {
        app: await portOf('app'),
        ceiling: await portOf('ceiling'),
        bare: await portOf('bare'),
      };
      // PGlite runs in the server's process: its CPU is the server's. PostgreSQL: the bench database's
      // backends too (only the side being measured is busy).
      const cpuOf = (side: Side): CpuOf => ({
        server: byRole[side].pid!,
        ...(database.kind === 'postgres' ? { database: () => database.backends() } : {}),
      });
      const cpu = { app: cpuOf('app'), ceiling: cpuOf('ceiling'), bare: cpuOf('bare') };
      rows.push(...(await measureAll(database.label, ports, cpu, prepared.tenant, prepared.seed, settings)));
    },
  );
}

runBench(async () => {
  const info: RunInfo = {
    ...runStart(),
    duration: settings.duration,
    rounds: settings.rounds,
    pinned: pinning
      ? `servers on cores 0–${Math.max(0, cores - 2)}, load generator on core ${cores - 1}`
      : undefined,
    warmup: settings.warmup,
    connections: settings.connections,
    counts: { ...counts },
  };
  const rows: Row[] = [];
  const seeds: string[] = [];
  const notes = await onEachDatabase(only, { bench: 'api' }, (database) => bench(database, rows, seeds));
  writeResults('latest.md', markdown(info, seeds, rows, notes));
});
