import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../src/db/client.ts';
import { chromiumPath, closeBrowser, getBrowser, INSTALL_HINT } from '../test/e2e/browser.ts';
import { cleanUpOnInterrupt, startChild, withCleanup } from './lib/child.ts';
import { INBOX_LEADS, newLogin, prepareWebCompany } from './lib/seed/inbox.ts';
import { type LoadRun, logIn, measureInbox } from './web/browser.ts';
import { type BundleReport, measureBundle } from './web/bundle.ts';
import { bundleSection, type InboxResult, inboxSection } from './web/report.ts';
import type { WebServerConfig, WebServerReady } from './web/server.ts';

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

cleanUpOnInterrupt(log, closeBrowser);

function startServer(config: WebServerConfig) {
  return startChild<WebServerReady>(path.join(here, 'web', 'server.ts'), 'BENCH_WEB_CONFIG', config);
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
