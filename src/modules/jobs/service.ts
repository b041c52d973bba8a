import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor, Ctx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { companies } from '../users/tables.ts';
import { jobs } from './tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];

/**
 * A running job whose worker has not reported for this long is claimed again (its node died). The
 * worker that holds a job reports every HEARTBEAT_MS while it runs (heartbeatJob), so a job cut short
 * by a dead node is resumed within a minute of it.
 */
export const STALE_AFTER_MS = 30_000;
/** How often the worker that holds a job tells the queue it is alive. */
export const HEARTBEAT_MS = 5_000;
/** Finished jobs (their status and result) are kept this long, then purged (job purge_jobs). */
export const JOB_RETENTION_DAYS = 7;
/** A job claimed this many times without finishing is given up. */
export const MAX_ATTEMPTS = 3;

export interface EnqueueInput {
  kind: string;
  payload: Record<string, unknown>;
  total: number;
  runAfter?: Date;
}

/**
 * Queues background work for the caller's company. The payload keeps who asked (the job runs with
 * their rights) and how (the actor written into the audit events).
 */
export async function enqueueJob(ctx: Ctx, input: EnqueueInput): Promise<JobRow> {
  const actor: Actor = { ...ctx.actor, userAgent: ctx.actor.userAgent ?? null };
  const [row] = await ctx.db
    .insert(jobs)
    .values({
      companyId: ctx.companyId,
      kind: input.kind,
      payload: { ...input.payload, actor },
      total: input.total,
      createdBy: ctx.user.id,
      ...(input.runAfter ? { runAfter: input.runAfter } : {}),
    })
    .returning();
  if (!row) throw new AppError('internal', 'job not queued');
  return row;
}

/** A job of the caller's company; users other than admins see only the jobs they started. */
export async function getJob(ctx: Ctx, id: number): Promise<JobRow> {
  const [row] = await ctx.db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.companyId, ctx.companyId),
        eq(jobs.id, id),
        ctx.user.isAdmin ? undefined : eq(jobs.createdBy, ctx.user.id),
      ),
    );
  if (!row) throw notFound('Job');
  return row;
}

/**
 * Claims the next job that is due (or whose worker went silent), marking it running for this
 * worker. FOR UPDATE SKIP LOCKED lets several workers and nodes share the queue without waiting
 * on each other. `companyId` narrows the claim to one company or a list of them (tests).
 */
export async function claimJob(
  db: Db,
  workerId: string,
  opts: { companyId?: number | readonly number[] | undefined; staleAfterMs?: number } = {},
): Promise<JobRow | null> {
  const stale = new Date(Date.now() - (opts.staleAfterMs ?? STALE_AFTER_MS)).toISOString();
  const only = opts.companyId;
  const company =
    only === undefined
      ? sql``
      : typeof only === 'number'
        ? sql`AND ${jobs.companyId} = ${only}`
        : sql`AND ${jobs.companyId} = ANY(${sql.param([...only])}::bigint[])`;
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      lockedAt: sql`now()`,
      lockedBy: workerId,
      attempts: sql`${jobs.attempts} + 1`,
      updateTime: sql`now()`,
    })
    .where(
      sql`${jobs.id} = (
        SELECT ${jobs.id} FROM ${jobs}
        WHERE ((${jobs.status} = 'queued' AND ${jobs.runAfter} <= now())
            OR (${jobs.status} = 'running' AND ${jobs.lockedAt} < ${stale}::timestamptz)) ${company}
        ORDER BY ${jobs.runAfter}, ${jobs.id}
        LIMIT 1
        FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return row ?? null;
}

/**
 * Tells the queue that the worker holding this job is alive (its heartbeat, every HEARTBEAT_MS while
 * the job runs). Touches the job only while this worker still holds it.
 */
export async function heartbeatJob(db: Db, job: Pick<JobRow, 'id' | 'companyId'>, workerId: string) {
  await db
    .update(jobs)
    .set({ lockedAt: sql`now()` })
    .where(
      and(
        eq(jobs.companyId, job.companyId),
        eq(jobs.id, job.id),
        eq(jobs.status, 'running'),
        eq(jobs.lockedBy, workerId),
      ),
    );
}

/**
 * Puts back in the queue, to be resumed at once, the jobs found running that belonged to a process
 * that died: every one on the embedded database at start (one process at a time holds its data), or
 * on PostgreSQL those claimed by workers whose id starts with `workerPrefix` (a node restarted with
 * the same name: see startBackgroundWork). Their attempts still count (MAX_ATTEMPTS), so that a job
 * that kills its process every time is given up. Every company unless `companyId`. Answers the jobs
 * released.
 */
export async function releaseRunningJobs(
  db: Db,
  opts: { companyId?: number; workerPrefix?: string } = {},
): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', lockedAt: null, lockedBy: null, runAfter: sql`now()`, updateTime: sql`now()` })
    .where(
      and(
        eq(jobs.status, 'running'),
        opts.companyId === undefined ? undefined : eq(jobs.companyId, opts.companyId),
        opts.workerPrefix === undefined
          ? undefined
          : sql`starts_with(${jobs.lockedBy}, ${opts.workerPrefix})`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Saves a job's progress (and its partial result) from the transaction of the work it counts, so
 * that progress and work commit together. Also tells the queue the worker is alive.
 */
export async function saveJobProgress(
  db: Db,
  job: Pick<JobRow, 'id' | 'companyId'>,
  progress: number,
  result?: unknown,
): Promise<void> {
  await db
    .update(jobs)
    .set({
      progress,
      ...(result !== undefined ? { result } : {}),
      lockedAt: sql`now()`,
      updateTime: sql`now()`,
    })
    .where(and(eq(jobs.companyId, job.companyId), eq(jobs.id, job.id)));
}

/** Ends a job: completed with its result (and its progress at its total), or failed with the reason. */
export async function finishJob(
  db: Db,
  job: Pick<JobRow, 'id' | 'companyId'>,
  end: { status: 'completed' | 'failed'; result?: unknown; error?: string | null },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: end.status,
      ...(end.status === 'completed' ? { progress: sql`${jobs.total}` } : {}),
      ...(end.result !== undefined ? { result: end.result } : {}),
      error: end.error ?? null,
      finishTime: sql`now()`,
      lockedAt: null,
      lockedBy: null,
      updateTime: sql`now()`,
    })
    .where(and(eq(jobs.companyId, job.companyId), eq(jobs.id, job.id)));
}

/**
 * Queues a job of `kind` for every company, once per `dedupeKey` whichever node asks and however
 * often (the unique (company_id, dedupe_key) index; ON CONFLICT DO NOTHING). The jobs run as the
 * system. `companyIds` narrows it to some companies (tests). Answers how many were queued now.
 */
export async function enqueueForEveryCompany(
  db: Db,
  input: { kind: string; dedupeKey: string; payload?: Record<string, unknown>; companyIds?: number[] },
): Promise<number> {
  const only = input.companyIds
    ? sql`WHERE ${companies.id} = ANY(${sql.param(input.companyIds)}::bigint[])`
    : sql``;
  const payload = JSON.stringify({
    ...input.payload,
    actor: { type: 'system', userId: null, source: 'system' },
  });
  const rows = await db.execute(sql`
    INSERT INTO ${jobs} (company_id, kind, payload, total, dedupe_key)
    SELECT ${companies.id}, ${input.kind}, ${payload}::jsonb, 1, ${input.dedupeKey} FROM ${companies} ${only}
    ON CONFLICT (company_id, dedupe_key) DO NOTHING
    RETURNING id`);
  return (rows as unknown as { rowCount: number | null }).rowCount ?? 0;
}

/** Deletes the company's jobs that finished more than `olderThanDays` ago. Answers how many. */
export async function purgeFinishedJobs(ctx: Ctx, olderThanDays = JOB_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
  const rows = await ctx.db
    .delete(jobs)
    .where(
      and(
        eq(jobs.companyId, ctx.companyId),
        inArray(jobs.status, ['completed', 'failed']),
        lt(jobs.finishTime, cutoff),
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}
