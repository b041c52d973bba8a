/**
 * npm run bench:web [-- --quick] [--only embedded|postgres] [--runs n] [--skip-build]
 *
 * The web app: the first-load JavaScript of web/dist (built here unless --skip-build) against its
 * target, and the Leads Inbox of a seeded company in headless Chromium against its first-row target,
 * on each database. Results in bench/results/web.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { chromiumPath, closeBrowser, getBrowser, INSTALL_HINT } from '../test/e2e/browser.ts';
import { startChild } from './lib/child.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, runStart, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { INBOX_LEADS, newLogin, prepareInbox } from './lib/seed/inbox.ts';
import { type LoadRun, logIn, measureInbox } from './web/browser.ts';
import { type BundleReport, measureBundle } from './web/bundle.ts';
import { bundleSection, type InboxResult, inboxSection } from './web/report.ts';
import type { WebServerConfig, WebServerReady } from './web/server.ts';

const USAGE = 'tsx bench/web.ts [--quick] [--only embedded|postgres] [--runs N] [--skip-build]';
const { values: args } = parseArgs({
  options: {
    /** a smoke run: 2 runs, 2,000 leads */
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const only = onlyOf(args.only, USAGE);
const runs = positive('runs', args.runs ?? (args.quick ? '2' : '5'), USAGE, true);
const leads = args.quick ? 2_000 : INBOX_LEADS;

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'server.ts');

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

/** One database: the company seeded (in the server's process on PGlite), the app started, the inbox measured. */
async function bench(browser: Browser, database: BenchDatabase, results: InboxResult[]) {
  log(`${database.label} (${database.shown}): migrating and seeding…`);
  let config: WebServerConfig = { location: database.location, seed: { login: newLogin(), leads } };
  let seeded: InboxResult['seed'];
  if (database.kind === 'postgres') {
    const db = await database.open();
    const prepared = await prepareInbox(db.db, newLogin(), leads).finally(() => db.close());
    config = { location: database.location, tenant: prepared.tenant };
    seeded = prepared.seed;
  }
  const server = startChild<WebServerReady>(SERVER, config);
  await withCleanup(
    () => server.stop(),
    async () => {
      const ready = await server.ready;
      results.push(await runInbox(browser, database.label, { ...ready, seed: seeded ?? ready.seed }));
    },
  );
}

async function main() {
  const run = runStart();
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
      const skipped = await onEachDatabase(only, { bench: 'web' }, (database) =>
        bench(browser, database, results).catch((err) => {
          console.error(err);
          notes.push(`${database.label}: not measured: ${(err as Error).message.split('\n')[0]}`);
        }),
      );
      notes.push(...skipped);
    } finally {
      await closeBrowser();
    }
  }
  writeResults('web.md', [
    ...heading('Pipewright web benchmark', run),
    ...bundleSection(bundle),
    ...inboxSection(results, runs),
    ...notesSection(notes),
  ]);
}

runBench(main, closeBrowser);
