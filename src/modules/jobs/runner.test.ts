import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { inTx } from '../context.ts';
import { setFailureLog } from '../failure.ts';
import { users } from '../users/tables.ts';
import {
  JOB_COMPLETED,
  jobConcurrency,
  notifyJobQueued,
  registerJobHandler,
  runJobs,
  startJobWorker,
} from './runner.ts';
import {
  claimJob,
  enqueueJob,
  getJob,
  heartbeatJob,
  MAX_ATTEMPTS,
  releaseRunningJobs,
  STALE_AFTER_MS,
} from './service.ts';
import { jobs } from './tables.ts';

const runs = new Map<number, number>();

registerJobHandler('test_echo', async ({ job, ctx, progress }) => {
  runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
  await progress(ctx, 1);
  return { echoed: job.payload.value, user: ctx.user.id, admin: ctx.user.isAdmin };
});
registerJobHandler('test_throw', async () => {
  throw new Error('handler broke');
});

/** Jobs of kind test_overlap running now, and the most seen at once. */
const overlap = { now: 0, most: 0 };
registerJobHandler('test_overlap', async () => {
  overlap.now++;
  overlap.most = Math.max(overlap.most, overlap.now);
  // long enough for another lane to claim and start a job, never long enough to slow the suite
  await new Promise((resolve) => setTimeout(resolve, 150));
  overlap.now--;
  return null;
});

registerJobHandler('test_complete_itself', async ({ ctx, complete }) => {
  await inTx(ctx, (tx) => complete(tx, { made: 'in the last transaction' }));
  return JOB_COMPLETED;
});

const enqueue = (t: Tenant, kind: string, payload: Record<string, unknown> = {}) =>
  enqueueJob(t.ctx, { kind, payload, total: 1 });

describe('job runner', () => {
  it('runs a queued job as the user who queued it and stores its result', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const job = await enqueueJob(user.as.ctx, { kind: 'test_echo', payload: { value: 42 }, total: 1 });
    expect(job).toMatchObject({ status: 'queued', progress: 0, total: 1, createdBy: user.id });
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const done = await getJob(t.ctx, job.id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1,
      result: { echoed: 42, user: user.id, admin: false },
      error: null,
      lockedBy: null,
      attempts: 1,
    });
    expect(done.finishTime).toBeInstanceOf(Date);
  });

  it('lets a handler complete its job inside its last transaction', async () => {
    const t = await newTenant();
    const job = await enqueueJob(t.ctx, { kind: 'test_complete_itself', payload: {}, total: 7 });
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const done = await getJob(t.ctx, job.id);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({
      status: 'completed',
      progress: 7,
      result: { made: 'in the last transaction' },
      lockedBy: null,
    });
    expect(done.finishTime).toBeInstanceOf(Date);
  });

  it('fails jobs whose handler throws, whose kind is unknown, or whose user left', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const broken = await enqueue(t, 'test_throw');
    const unknown = await enqueue(t, 'no_such_kind');
    const orphan = await enqueueJob(user.as.ctx, { kind: 'test_echo', payload: {}, total: 1 });
    await t.db.update(users).set({ activeFlag: false }).where(eq(users.id, user.id));
    const logged = new Map<string, unknown>();
    const previous = setFailureLog((errorId, err) => logged.set(errorId, err));
    try {
      expect(await runJobs(t.db, { companyId: t.companyId })).toBe(3);
    } finally {
      setFailureLog(previous);
    }
    // the caller reads a generic reason with an error id; the log has the detail under that id
    const failed = await getJob(t.ctx, broken.id);
    expect(failed.status).toBe('failed');
    const errorId = /\(error id ([0-9a-f]{16})\)$/.exec(failed.error ?? '')?.[1];
    expect(failed.error).not.toContain('handler broke');
    expect((logged.get(errorId ?? '') as Error | undefined)?.message).toBe('handler broke');
    expect((await getJob(t.ctx, unknown.id)).error).toContain('no_such_kind');
    expect((await getJob(t.ctx, orphan.id)).error).toContain('no longer active');
  });

  it('claims each job once, even with several runners at a time', async () => {
    const t = await newTenant();
    const queued = await Promise.all(Array.from({ length: 6 }, () => enqueue(t, 'test_echo')));
    const ran = await Promise.all(Array.from({ length: 3 }, () => runJobs(t.db, { companyId: t.companyId })));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(6);
    for (const j of queued) expect(runs.get(j.id)).toBe(1);
  });

  it('claims again a job whose worker went silent, and gives up after the last attempt', async () => {
    const t = await newTenant();
    const stale = await enqueue(t, 'test_echo');
    const hopeless = await enqueue(t, 'test_echo');
    const longAgo = new Date(Date.now() - 3_600_000);
    await t.db
      .update(jobs)
      .set({ status: 'running', lockedAt: longAgo, lockedBy: 'dead', attempts: 1 })
      .where(and(eq(jobs.companyId, t.companyId), eq(jobs.id, stale.id)));
    await t.db
      .update(jobs)
      .set({ status: 'running', lockedAt: longAgo, lockedBy: 'dead', attempts: MAX_ATTEMPTS })
      .where(and(eq(jobs.companyId, t.companyId), eq(jobs.id, hopeless.id)));
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(2);
    expect(await getJob(t.ctx, stale.id)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(await getJob(t.ctx, hopeless.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/gave up/i),
    });
  });

  it('keeps a job whose worker beats from being claimed again, and only that worker’s beat counts', async () => {
    const t = await newTenant();
    const job = await enqueue(t, 'test_echo');
    const silentFor = new Date(Date.now() - STALE_AFTER_MS - 1000);
    const where = and(eq(jobs.companyId, t.companyId), eq(jobs.id, job.id));
    await t.db.update(jobs).set({ status: 'running', lockedAt: silentFor, lockedBy: 'alive' }).where(where);
    await heartbeatJob(t.db, job, 'someone-else');
    const [before] = await t.db.select().from(jobs).where(where);
    expect(before?.lockedAt).toEqual(silentFor);
    await heartbeatJob(t.db, job, 'alive');
    expect(await claimJob(t.db, 'other', { companyId: t.companyId })).toBeNull();
    // silent again for longer than the stale window: claimed by another worker
    await t.db.update(jobs).set({ lockedAt: silentFor }).where(where);
    expect(await claimJob(t.db, 'other', { companyId: t.companyId })).toMatchObject({
      id: job.id,
      lockedBy: 'other',
    });
  });

  it('puts the jobs a dead process left running back in the queue at start, attempts counted', async () => {
    const t = await newTenant();
    const cut = await enqueue(t, 'test_echo');
    const othersNode = await enqueue(t, 'test_echo');
    const queued = await enqueue(t, 'test_echo');
    const running = (id: number, lockedBy: string) =>
      t.db
        .update(jobs)
        .set({ status: 'running', lockedAt: new Date(), lockedBy, attempts: 1 })
        .where(and(eq(jobs.companyId, t.companyId), eq(jobs.id, id)));
    await running(cut.id, 'host-a:3000/1a2b3c4d');
    await running(othersNode.id, 'host-b:3000/5e6f7a8b');
    // PostgreSQL: a node restarted under its name releases the jobs of its previous process only
    expect(await releaseRunningJobs(t.db, { companyId: t.companyId, workerPrefix: 'host-a:3000/' })).toBe(1);
    expect(await getJob(t.ctx, cut.id)).toMatchObject({ status: 'queued', lockedBy: null, attempts: 1 });
    expect(await getJob(t.ctx, othersNode.id)).toMatchObject({ status: 'running' });
    // the embedded database: every job found running belongs to a dead process
    expect(await releaseRunningJobs(t.db, { companyId: t.companyId })).toBe(1);
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(3);
    expect(await getJob(t.ctx, cut.id)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(await getJob(t.ctx, othersNode.id)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(await getJob(t.ctx, queued.id)).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('leaves jobs that are not due yet, and other companies’ jobs when asked to', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const later = await enqueueJob(t.ctx, {
      kind: 'test_echo',
      payload: {},
      total: 1,
      runAfter: new Date(Date.now() + 3_600_000),
    });
    const theirs = await enqueue(other, 'test_echo');
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(0);
    expect((await getJob(t.ctx, later.id)).status).toBe('queued');
    expect((await getJob(other.ctx, theirs.id)).status).toBe('queued');
    await expect(getJob(t.ctx, theirs.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await runJobs(other.db, { companyId: other.companyId })).toBe(1);
  });

  it('runs as many jobs at a time as asked, one by one by default', async () => {
    const t = await newTenant();
    const run = async (concurrency?: number) => {
      const queued = await Promise.all(Array.from({ length: 4 }, () => enqueue(t, 'test_overlap')));
      overlap.most = 0;
      const ran = await runJobs(t.db, { companyId: t.companyId, ...(concurrency ? { concurrency } : {}) });
      for (const j of queued) expect((await getJob(t.ctx, j.id)).status).toBe('completed');
      return { ran, most: overlap.most };
    };
    expect(await run()).toEqual({ ran: 4, most: 1 });
    expect(await run(2)).toEqual({ ran: 4, most: 2 });
    expect(await run(3)).toEqual({ ran: 4, most: 3 });
    expect(jobConcurrency('postgres')).toBe(2);
    expect(jobConcurrency('pglite')).toBe(1);
  });

  it('has a worker run jobs in as many lanes as asked, woken when a job is queued', async () => {
    const t = await newTenant();
    overlap.most = 0;
    const worker = startJobWorker(t.db, { concurrency: 2, pollMs: 60_000, companies: () => [t.companyId] });
    try {
      // queued after the lanes went to sleep: only the wake-up (as routes send after their commit)
      // can start them before the poll a minute later
      await new Promise((resolve) => setTimeout(resolve, 100));
      const queued = await Promise.all(Array.from({ length: 4 }, () => enqueue(t, 'test_overlap')));
      notifyJobQueued();
      await expect
        .poll(async () => Promise.all(queued.map(async (j) => (await getJob(t.ctx, j.id)).status)), {
          timeout: 10_000,
        })
        .toEqual(['completed', 'completed', 'completed', 'completed']);
      expect(overlap.most).toBe(2);
    } finally {
      await worker.stop();
    }
  });
});
