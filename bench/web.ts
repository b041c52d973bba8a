/**
 * npx tsx bench/web.ts [--quick] [--only embedded|postgres] [--runs 5] [--skip-build]
 *
 * The web app's benchmark:
 * 1. first-load JavaScript: builds web/ and gzips (level 9) what index.html loads and statically
 *    imports (bench/web-bundle.ts); target ≤ 300 kB, CSS for information, and the biggest contributors;
 * 2. the Leads Inbox with 10,000 leads in headless Chromium (bench/web-browser.ts): time to the first
 *    row and to network idle, then scrolls to the middle and the end, on the embedded database (PGlite
 *    in a temporary folder) and on PostgreSQL (DATABASE_URL's server or postgres://postgres@127.0.0.1,
 *    in a fresh database dropped afterwards). The app runs in a child process (bench/web-server.ts).
 * Prints a markdown report and writes it to bench/results/web.md.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../src/db/client.ts';
import { chromiumPath, closeBrowser, getBrowser, INSTALL_HINT } from '../test/e2e/browser.ts';
import { type LoadRun, logIn, measureInbox } from './web-browser.ts';
import { type BundleReport, measureBundle } from './web-bundle.ts';
import { bundleSection, type InboxResult, inboxSection } from './web-report.ts';
import { INBOX_LEADS, newLogin, prepareWebCompany } from './web-seed.ts';
import type { WebServerConfig, WebServerReady } from './web-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.log(line);

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs ?? (args.quick ? 2 : 5));
if (!(Number.isInteger(runs) && runs > 0) || (args.only && !['embedded', 'postgres'].includes(args.only))) {
  console.error('usage: tsx bench/web.ts [--quick] [--only embedded|postgres] [--runs N] [--skip-build]');
  process.exit(2);
}

/** Undone on Ctrl-C too: the server process, the temporary data dir, the PostgreSQL database. */
const cleanups = new Set<() => Promise<void>>();
async function withCleanup<T>(undo: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  cleanups.add(undo);
  try {
    return await body();
  } finally {
    cleanups.delete(undo);
    await undo();
  }
}
process.once('SIGINT', async () => {
  log('interrupted: cleaning up…');
  for (const undo of [...cleanups].reverse()) await undo().catch(() => {});
  await closeBrowser().catch(() => {});
  process.exit(130);
});

function startServer(config: WebServerConfig) {
  const child: ChildProcess = fork(path.join(here, 'web-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_WEB_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<WebServerReady>((resolve, reject) => {
    child.on('message', (m: WebServerReady) => {
      if (m?.type === 'ready') resolve(m);
    });
    child.once('exit', (code) =>
      reject(new Error(`bench web server exited (code ${code}) before it was ready`)),
    );
  });
  return {
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One unmeasured load (the server's first requests compile its routes' code paths), then the runs. */
async function runInbox(browser: Browser, database: string, ready: WebServerReady): Promise<InboxResult> {
  const base = `http://127.0.0.1:${ready.port}`;
  const cookies = await logIn(base, ready.tenant.email, ready.tenant.password);
  await measureInbox(browser, base, cookies);
  const loads: LoadRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await measureInbox(browser, base, cookies);
    log(
      `  run ${i + 1}: first row ${Math.round(run.firstRow)} ms, network idle ${Math.round(run.networkIdle)} ms, ` +
        `middle ${Math.round(run.middle.ms)} ms, end ${Math.round(run.end.ms)} ms` +
        (run.errors.length ? `, ${run.errors.length} console errors` : ''),
    );
    loads.push(run);
  }
  return { database, seed: ready.seed, loads };
}

async function benchEmbedded(browser: Browser, results: InboxResult[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-bench-web-'));
  const server = startServer({ dataDir, seedLogin: newLogin(), leads: INBOX_LEADS });
  const undo = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  await withCleanup(undo, async () => {
    log(`embedded (PGlite in ${dataDir}): migrating and seeding…`);
    const ready = await server.ready;
    results.push(await runInbox(browser, 'embedded (PGlite)', ready));
  });
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function benchPostgres(browser: Browser, results: InboxResult[], notes: string[]) {
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
  const dbName = `pw_benchweb_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  let server: ReturnType<typeof startServer> | undefined;
  let created = false;
  const undo = async () => {
    await server?.stop();
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
    log(`PostgreSQL (${redact(url.toString())}): migrating and seeding…`);
    const database = await openDatabase({ databaseUrl: url.toString() });
    const prepared = await prepareWebCompany(database, newLogin()).finally(() => database.close());
    server = startServer({ databaseUrl: url.toString(), tenant: prepared.tenant });
    const ready = await server.ready;
    results.push(await runInbox(browser, 'PostgreSQL', { ...ready, seed: prepared.seed }));
  });
}

async function main() {
  const started = new Date();
  const loadAtStart = os.loadavg();
  log(args['skip-build'] ? 'measuring web/dist as built…' : 'building web/ (vite build)…');
  const bundle: BundleReport = measureBundle({ build: !args['skip-build'] });
  log(`first-load JavaScript: ${(bundle.firstLoadJsGzip / 1000).toFixed(1)} kB gzip`);

  const results: InboxResult[] = [];
  const notes: string[] = [];
  if (!chromiumPath) {
    const msg = `Leads Inbox not measured: ${INSTALL_HINT}`;
    log(msg);
    notes.push(msg);
  } else {
    try {
      const browser = await getBrowser();
      // a failure on one database is reported, and the other is still measured
      const attempt = async (name: string, run: () => Promise<void>) =>
        run().catch((err) => {
          console.error(err);
          notes.push(`${name}: not measured: ${(err as Error).message.split('\n')[0]}`);
        });
      if (args.only !== 'postgres') await attempt('embedded', () => benchEmbedded(browser, results));
      if (args.only !== 'embedded') await attempt('PostgreSQL', () => benchPostgres(browser, results, notes));
    } finally {
      await closeBrowser();
    }
  }

  const cpu = os.cpus();
  const doc = [
    '# Pipewright web benchmark',
    '',
    `${started.toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'CPU'} · ` +
      `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    ...bundleSection(bundle),
    ...inboxSection(results, runs),
    ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  log(`\n${doc}`);
  const out = path.join(here, 'results', 'web.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, doc);
  log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch(async (err) => {
  console.error(err);
  await closeBrowser().catch(() => {});
  process.exit(1);
});
