import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../../db/client.ts';
import type { Actor, Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { publicReason } from '../failure.ts';
import { getUser } from '../users/service.ts';
import {
  claimJob,
  finishJob,
  HEARTBEAT_MS,
  heartbeatJob,
  type JobRow,
  MAX_ATTEMPTS,
  saveJobProgress,
} from './service.ts';

/** What a job handler gets: the job, a context acting as the user who queued it, and progress. */
export interface JobRun {
  job: JobRow;
  ctx: Ctx;
  /** saves progress (and a partial result) inside the transaction `tx` of the work it counts */
  progress(tx: Ctx, done: number, result?: unknown): Promise<void>;
  /**
   * Ends the job as completed with its result inside the transaction `tx` of its last piece of work
   * (one write and one commit fewer than returning the result). A handler that calls it returns
   * JOB_COMPLETED once that transaction has committed.
   */
  complete(tx: Ctx, result: unknown): Promise<void>;
  /**
   * Waits, if the node asks for it, for a moment without requests (the embedded database serves
   * requests and jobs on one connection): a handler calls it before each piece of its work.
   */
  breathe(): Promise<void>;
}

/** What a handler returns when it has completed its job itself (JobRun.complete). */
export const JOB_COMPLETED: unique symbol = Symbol('job completed');

/** Does the work of one job and returns its result; a throw fails the job with the reason. */
export type JobHandler = (run: JobRun) => Promise<unknown>;

const handlers = new Map<string, JobHandler>();

/**
 * Registers the handler of a kind of job. Called where workers start (src/background.ts), never as a
 * side effect of importing the module that does the work.
 */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

const SYSTEM_ACTOR: Actor = { type: 'system', userId: null, source: 'system' };

/** The context a job runs in: the company, and the rights and actor of the user who queued it. */
async function jobCtx(db: Db, job: JobRow): Promise<Ctx> {
  const system: Ctx = { db, companyId: job.companyId, user: { id: 0, isAdmin: true }, actor: SYSTEM_ACTOR };
  if (job.createdBy === null) return system;
  const user = await getUser(system, job.createdBy);
  if (!user.activeFlag) throw new AppError('forbidden', 'The user who queued the job is no longer active');
  const actor = (job.payload.actor as Actor | undefined) ?? {
    type: 'user',
    userId: user.id,
    source: 'app',
  };
  return { db, companyId: job.companyId, user: { id: user.id, isAdmin: user.isAdmin }, actor };
}

/** A domain error's message, or a generic one with an error id (the detail goes to the log). */
const messageOf = (err: unknown): string => publicReason(err, 'The job');

/**
 * Refreshes the job's lock every HEARTBEAT_MS while it runs, from outside its transactions, so that
 * other nodes see its worker alive however long a piece of work takes. Answers a stop function.
 */
function startHeartbeat(db: Db, job: JobRow, workerId: string): () => void {
  let beating: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (beating) return; // the last one still waits (e.g. on the job's row, locked by its transaction)
    beating = heartbeatJob(db, job, workerId)
      .catch(() => {})
      .finally(() => {
        beating = null;
      });
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function runOne(db: Db, job: JobRow, workerId: string, breathe: () => Promise<void>): Promise<void> {
  const handler = handlers.get(job.kind);
  if (!handler)
    return finishJob(db, job, { status: 'failed', error: `No handler for jobs of kind ${job.kind}` });
  if (job.attempts > MAX_ATTEMPTS) {
    return finishJob(db, job, { status: 'failed', error: `Gave up after ${MAX_ATTEMPTS} attempts` });
  }
  const stopHeartbeat = startHeartbeat(db, job, workerId);
  try {
    const ctx = await jobCtx(db, job);
    const result = await handler({
      job,
      ctx,
      progress: (tx, done, partial) => saveJobProgress(tx.db, job, done, partial),
      complete: (tx, final) => finishJob(tx.db, job, { status: 'completed', result: final }),
      breathe,
    });
    if (result !== JOB_COMPLETED) await finishJob(db, job, { status: 'completed', result: result ?? null });
  } catch (err) {
    await finishJob(db, job, { status: 'failed', error: messageOf(err) });
  } finally {
    stopHeartbeat();
  }
}

export interface RunOptions {
  /** run at most one job */
  once?: boolean;
  /** only this company's (or these companies') jobs (tests) */
  companyId?: number | readonly number[];
  workerId?: string;
  /** jobs run at the same time, each on its own connection (default 1); see jobConcurrency */
  concurrency?: number;
  /** what JobRun.breathe waits for (the node's requests, on the embedded database) */
  breathe?: () => Promise<void>;
}

/**
 * Jobs one worker runs at the same time by default: two on PostgreSQL (a job's transactions are
 * mostly database work, and a second connection keeps a second core busy; jobs of different users
 * then also do not wait for each other), one on the embedded database (one connection: jobs would
 * only take turns).
 */
export function jobConcurrency(kind: 'pglite' | 'postgres'): number {
  return kind === 'postgres' ? 2 : 1;
}

/**
 * Claims and runs due jobs until none is left (or one, with `once`), `concurrency` at a time.
 * Answers the number of jobs run.
 */
export async function runJobs(db: Db, opts: RunOptions = {}): Promise<number> {
  const workerId = opts.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  let ran = 0;
  const lane = async () => {
    for (;;) {
      const job = await claimJob(db, workerId, { companyId: opts.companyId });
      if (!job) return;
      await runOne(db, job, workerId, opts.breathe ?? (async () => {}));
      ran++;
      if (opts.once) return;
    }
  };
  const lanes = opts.once ? 1 : Math.max(1, opts.concurrency ?? 1);
  await Promise.all(Array.from({ length: lanes }, lane));
  return ran;
}

const wakeups = new EventEmitter();
wakeups.setMaxListeners(0);

/** Tells this process's workers that a job was queued (they also poll, for other nodes' jobs). */
export function notifyJobQueued(): void {
  wakeups.emit('wake');
}

export interface JobWorker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  pollMs?: number;
  onError?: (err: unknown) => void;
  /** jobs run at the same time (default 1) */
  concurrency?: number;
  /** narrows the worker to the companies it returns at each claim (tests: other tests' jobs stay queued) */
  companies?: () => readonly number[];
  /** called after each job this worker ran (the database's upkeep looks at what it changed) */
  afterJob?: () => void;
  /** names the node in the worker's id (`<node>/<random>`): a restarted node finds its dead jobs by it */
  node?: string;
  /** what JobRun.breathe waits for (the node's requests, on the embedded database) */
  breathe?: () => Promise<void>;
}

/**
 * Starts the background worker of this node: `concurrency` lanes, each running one due job after
 * another, then sleeping until a job is queued here or `pollMs` passes. Stop it before closing the
 * database.
 */
export function startJobWorker(db: Db, opts: WorkerOptions = {}): JobWorker {
  const workerId = `${opts.node ?? 'worker'}/${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 1000;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const onWake = () => {
    for (const wake of [...sleepers]) wake();
  };
  wakeups.on('wake', onWake);
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });
  const lane = async () => {
    while (!stopped) {
      let ran = 0;
      try {
        ran = await runJobs(db, {
          workerId,
          once: true,
          ...(opts.breathe ? { breathe: opts.breathe } : {}),
          ...(opts.companies ? { companyId: opts.companies() } : {}),
        });
      } catch (err) {
        opts.onError?.(err);
      }
      if (ran > 0) {
        opts.afterJob?.();
        // between two jobs, let the event loop take in what arrived (see RequestGauge.whenQuiet)
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (ran === 0 && !stopped) await sleep();
    }
  };
  const lanes = Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, lane));
  return {
    async stop() {
      stopped = true;
      wakeups.off('wake', onWake);
      onWake();
      await lanes;
    },
  };
}
