/**
 * The background work of an app node, started where the node starts (src/main.ts): the job handlers
 * are registered here (never by importing the modules that do the work), then the job worker, the
 * scheduler of periodic jobs, and the upkeep of a database that nobody else looks after.
 */
import type { Database } from './db/client.ts';
import { type Maintenance, ownsMaintenance, startMaintenance } from './db/maintenance.ts';
import { sweepAbandonedConversations } from './modules/chatbots/finish.ts';
import { conversionJobHandlers } from './modules/conversion/bulk.ts';
import { failInterruptedConversions, purgeConversions } from './modules/conversion/conversions.ts';
import { RECALCULATE_FORMULA, recalculateFormulaHandler } from './modules/fields/recalc.ts';
import type { FileStorage } from './modules/files/storage.ts';
import type { RequestGauge } from './modules/jobs/quiet.ts';
import {
  type JobHandler,
  jobConcurrency,
  registerJobHandler,
  startJobWorker,
} from './modules/jobs/runner.ts';
import { type Scheduled, startScheduler } from './modules/jobs/schedule.ts';
import { purgeFinishedJobs, releaseRunningJobs } from './modules/jobs/service.ts';
import { purgeDeletedItems } from './modules/retention/purge-deleted.ts';
import { purgeDeletedFiles } from './modules/retention/purge-files.ts';

const HOUR = 3_600_000;

/** Periodic jobs, queued once per period for every company. */
export const SCHEDULE: readonly Scheduled[] = [
  { kind: 'purge_conversions', everyMs: HOUR },
  { kind: 'purge_deleted', everyMs: 24 * HOUR },
  { kind: 'purge_jobs', everyMs: 24 * HOUR },
  { kind: 'chatbot_abandoned', everyMs: HOUR / 4 },
];

/** What the handlers reach beyond the database: the file storage (deleted files' bytes are freed). */
export interface JobDeps {
  files?: FileStorage;
}

const purgeHandlers = (deps: JobDeps): Record<string, JobHandler> => ({
  purge_conversions: async ({ ctx }) => ({ deleted: await purgeConversions(ctx) }),
  purge_deleted: async ({ ctx }) => ({
    ...(await purgeDeletedItems(ctx)),
    ...(deps.files ? { files: await purgeDeletedFiles(ctx, deps.files) } : {}),
  }),
  purge_jobs: async ({ ctx }) => ({ deleted: await purgeFinishedJobs(ctx) }),
  /** chatbot conversations idle for 8 hours: closed, and a lead when they left an e-mail or phone */
  chatbot_abandoned: async ({ ctx }) => sweepAbandonedConversations(ctx),
});

/** Registers the handler of every kind of job (idempotent). */
export function registerJobHandlers(deps: JobDeps = {}): void {
  const all = {
    ...conversionJobHandlers,
    ...purgeHandlers(deps),
    [RECALCULATE_FORMULA]: recalculateFormulaHandler,
  };
  for (const [kind, handler] of Object.entries(all)) registerJobHandler(kind, handler);
}

export interface Background {
  stop(): Promise<void>;
}

export interface BackgroundOptions extends JobDeps {
  /**
   * What names this node across restarts (host name and port): no other live process can have it
   * once this one listens, so jobs that workers of that name held were cut short by its death.
   */
  node: string;
  /** the node's requests: on the embedded database, jobs wait for a quiet moment between chunks */
  requests?: RequestGauge;
  log: {
    info(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
}

/**
 * Starts the background work of this node, once it listens. Jobs a dead process left running are
 * queued again, to resume at once: on the embedded database every one (one process at a time holds its
 * data), and its single conversions left running are marked failed (their transaction never
 * committed); on PostgreSQL those of this node's previous process (other nodes' are claimed again once
 * their heartbeat has been silent for STALE_AFTER_MS).
 */
export async function startBackgroundWork(
  database: Database,
  { node, requests, log, files }: BackgroundOptions,
): Promise<Background> {
  registerJobHandlers(files ? { files } : {});
  const embedded = database.kind === 'pglite';
  const jobs = await releaseRunningJobs(database.db, embedded ? {} : { workerPrefix: `${node}/` });
  const conversions = embedded ? await failInterruptedConversions(database.db) : 0;
  if (jobs + conversions > 0)
    log.info({ jobs, conversions }, 'resuming the jobs and closing the conversions a stopped process left');
  let maintenance: Maintenance | undefined;
  if (await ownsMaintenance(database)) {
    maintenance = startMaintenance(database.db, {
      ...(embedded && requests ? { quiet: () => requests.whenQuiet() } : {}),
      onCare: (done, ms) =>
        log.info({ table: done.table, action: done.action, ms: Math.round(ms) }, 'database upkeep'),
      onError: (err) => log.error({ err }, 'database upkeep failed'),
    });
  }
  const worker = startJobWorker(database.db, {
    node,
    ...(embedded && requests ? { breathe: () => requests.whenQuiet() } : {}),
    concurrency: jobConcurrency(database.kind),
    onError: (err) => log.error({ err }, 'job failed'),
    afterJob: () => maintenance?.nudge(),
  });
  const scheduler = startScheduler(database.db, SCHEDULE, {
    onError: (err) => log.error({ err }, 'scheduling periodic jobs failed'),
  });
  return {
    async stop() {
      scheduler.stop();
      await worker.stop();
      await maintenance?.stop();
    },
  };
}
