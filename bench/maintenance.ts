/**
 * Does the leads list stay fast as the database grows? The first page of GET /api/v1/leads?limit=100
 * with 200 leads, then with 20,000 leads, all added through the API, on the real server (src/main.ts
 * in its own process, with its background work: on the embedded database, Pipewright's own upkeep of
 * statistics and dead rows; on PostgreSQL, autovacuum, or Pipewright's upkeep when autovacuum is off).
 * The ratio of the two medians must stay at or below 1.5.
 *
 *   npm run bench:maintenance [-- --quick] [--only embedded|postgres] [--leads 20000] [--small 200]
 *     [--requests 200]
 */
import { parseArgs } from 'node:util';
import { call, type ServerProcess, startServerProcess } from '../test/helpers/server-process.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { pct } from './lib/stats.ts';

const USAGE =
  'tsx bench/maintenance.ts [--quick] [--only embedded|postgres] [--leads 20000] [--small 200] [--requests 200]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 2,000 leads, 50 requests, a 5 s pause */
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    leads: { type: 'string' },
    small: { type: 'string', default: '200' },
    requests: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const LARGE = positive('leads', args.leads ?? (args.quick ? '2000' : '20000'), USAGE, true);
const SMALL = positive('small', args.small, USAGE, true);
const REQUESTS = positive('requests', args.requests ?? (args.quick ? '50' : '200'), USAGE, true);
/** the pause after the first leads: the server's start-up upkeep of its new tables */
const PAUSE_MS = args.quick ? 5_000 : 20_000;
const CLIENTS = 8;
/** the ceiling of p50 at LARGE leads over p50 at SMALL leads */
const LIMIT = 1.5;
const TOKEN = 'bench-maintenance-api-token-0123456789';

async function addLeads(server: ServerProcess, orgId: number, from: number, to: number): Promise<void> {
  let next = from;
  const lane = async () => {
    while (next < to) {
      const i = next++;
      const res = await call(server, 'POST', '/api/v1/leads', { title: `Lead ${i}`, organization_id: orgId });
      if (res.status !== 201) throw new Error(`adding a lead: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, lane));
}

/** Median and p90 of the first page, one request at a time, after a warm-up. */
async function firstPage(server: ServerProcess): Promise<{ p50: number; p90: number }> {
  const once = async () => {
    const t0 = performance.now();
    const res = await call(server, 'GET', '/api/v1/leads?limit=100');
    if (res.status !== 200 || res.body.data.length !== 100) throw new Error(`leads list: ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 50; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50) as number, p90: pct(times, 90) as number };
}

interface Row {
  database: string;
  small: { p50: number; p90: number };
  large: { p50: number; p90: number };
  addMs: number;
}

async function measure(database: BenchDatabase): Promise<Row> {
  const label = database.label;
  const server = await startServerProcess({
    dataDir: database.dir,
    databaseUrl: database.location.databaseUrl,
    token: TOKEN,
    admin: { email: 'bench-maintenance@example.test', password: 'a long enough password' },
    timeoutMs: 60_000,
  });
  return withCleanup(
    () => server.stop(),
    async () => {
      const org = await call(server, 'POST', '/api/v2/organizations', { name: 'Bench Maintenance AB' });
      const orgId = org.body.data.id as number;
      await addLeads(server, orgId, 0, SMALL);
      // the server's start-up upkeep of its new tables (each analyzed once, one at a time), and what a
      // user's pause would give it
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      const small = await firstPage(server);
      log(
        `  ${label}, ${SMALL} leads: first page p50 ${small.p50.toFixed(2)} ms, p90 ${small.p90.toFixed(2)} ms`,
      );
      const t0 = performance.now();
      await addLeads(server, orgId, SMALL, LARGE);
      const addMs = performance.now() - t0;
      log(`  added ${LARGE - SMALL} leads through the API in ${(addMs / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, 3000));
      const large = await firstPage(server);
      log(
        `  ${label}, ${LARGE} leads: first page p50 ${large.p50.toFixed(2)} ms, p90 ${large.p90.toFixed(2)} ms`,
      );
      return { database: label, small, large, addMs };
    },
  );
}

runBench(async () => {
  const run = runStart();
  const rows: Row[] = [];
  log(`first page of GET /api/v1/leads?limit=100 at ${SMALL} and at ${LARGE} leads added through the API`);
  const notes: string[] = [];
  const skipped = await onEachDatabase(only, { bench: 'maintenance' }, async (database) => {
    const autovacuum = await database.setting('autovacuum');
    if (autovacuum) notes.push(`PostgreSQL autovacuum: ${autovacuum}`);
    rows.push(await measure(database));
  });
  notes.push(...skipped);
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const grew = (r: Row) => r.large.p50 / r.small.p50;
  writeResults('maintenance.md', [
    ...heading('Pipewright maintenance benchmark', run),
    `The first page of the leads list, one request at a time, at ${SMALL} leads and again at ${LARGE} ` +
      `(all added through the API, on the real server in its own process); p50 at ${LARGE} over p50 at ` +
      `${SMALL} must stay at or below ${LIMIT}.`,
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: `p50 at ${LARGE}`, right: true, cell: (r) => ms(r.large.p50) },
        { head: `p50 at ${SMALL} (baseline)`, right: true, cell: (r) => ms(r.small.p50) },
        { head: 'ratio', right: true, cell: (r) => ratio(r.large.p50, r.small.p50) },
        { head: `≤ ${LIMIT}`, cell: (r) => (grew(r) <= LIMIT ? 'yes' : 'no') },
        { head: `p90 at ${LARGE}`, right: true, cell: (r) => ms(r.large.p90) },
        { head: `p90 at ${SMALL}`, right: true, cell: (r) => ms(r.small.p90) },
        { head: 'adding the leads', right: true, cell: (r) => `${(r.addMs / 1000).toFixed(1)} s` },
      ],
      rows,
    ),
    '',
    ...notesSection(notes),
  ]);
  if (rows.some((r) => grew(r) > LIMIT)) process.exitCode = 1;
});
