import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor, Ctx } from '../context.ts';
import { jobs } from './tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];

/** A running job whose worker has not reported for this long is claimed again (the node died). */
export const STALE_AFTER_MS = 10 * 60_000;
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
  opts: { companyId?: number | readonly number[] | undefined } = {},
): Promise<JobRow | null> {
  const stale = new Date(Date.now() - STALE_AFTER_MS).toISOString();
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
