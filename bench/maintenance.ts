/**
 * Does the leads list stay fast as the database grows? The first page of GET /api/v1/leads?limit=100
 * with 200 leads, then with 20,000 leads, all added through the API, on the real server (src/main.ts
 * in its own process, with its background work: on the embedded database, Pipewright's own upkeep of
 * statistics and dead rows; on PostgreSQL, autovacuum, or Pipewright's upkeep when autovacuum is off).
 * The ratio of the two medians must stay at or below 1.5.
 *
 *   npm run bench:maintenance [-- --only embedded|postgres] [--leads 20000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { call, type ServerProcess, startServerProcess } from '../test/helpers/server-process.ts';
import { cleanUpOnInterrupt, pct, withCleanup } from './lib/child.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    leads: { type: 'string', default: '20000' },
    small: { type: 'string', default: '200' },
    requests: { type: 'string', default: '200' },
  },
});
const LARGE = Number(args.leads);
const SMALL = Number(args.small);
const REQUESTS = Number(args.requests);
const CLIENTS = 8;
const LIMIT = 1.5;
const TOKEN = 'bench-maintenance-api-token-0123456789';

const log = (line: string) => console.log(line);
cleanUpOnInterrupt(log);

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

async function measure(label: string, setup: { dataDir: string; databaseUrl?: string }): Promise<Row> {
  const server = await startServerProcess({
    ...setup,
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
      await new Promise((r) => setTimeout(r, 20_000));
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

async function onEmbedded(rows: Row[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-maint-bench-'));
  await withCleanup(
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    async () => {
      rows.push(await measure('embedded (PGlite)', { dataDir }));
    },
  );
}

async function onPostgres(rows: Row[], notes: string[]) {
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    notes.push(`PostgreSQL not reachable (${(err as Error).message}): skipped`);
    return;
  }
  admin.on('error', () => {});
  const autovacuum = (await admin.query('SHOW autovacuum')).rows[0]?.autovacuum as string;
  notes.push(`PostgreSQL autovacuum: ${autovacuum}`);
  const name = `pipewright_bench_maint_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-maint-bench-'));
  await withCleanup(
    async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async () => {
      await admin.query(`CREATE DATABASE ${name}`);
      rows.push(await measure('PostgreSQL', { dataDir, databaseUrl: url.toString() }));
    },
  );
}

async function main() {
  const rows: Row[] = [];
  const notes: string[] = [];
  log(`first page of GET /api/v1/leads?limit=100 at ${SMALL} and at ${LARGE} leads added through the API`);
  if (args.only !== 'postgres') await onEmbedded(rows);
  if (args.only !== 'embedded') await onPostgres(rows, notes);
  const lines = [
    '| database | p50 at small | p50 at large | ratio | p90 at small | p90 at large | ≤ 1.5 |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const ratio = r.large.p50 / r.small.p50;
      return `| ${r.database} | ${r.small.p50.toFixed(2)} ms | ${r.large.p50.toFixed(2)} ms | ${ratio.toFixed(2)} | ${r.small.p90.toFixed(2)} ms | ${r.large.p90.toFixed(2)} ms | ${ratio <= LIMIT ? 'yes' : 'no'} |`;
    }),
    ...notes.map((n) => `\n${n}`),
  ];
  log(`\n${lines.join('\n')}`);
  if (rows.some((r) => r.large.p50 / r.small.p50 > LIMIT)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
