import type { Db } from '../../db/client.ts';
import { notifyJobQueued } from './runner.ts';
import { enqueueForEveryCompany } from './service.ts';

/** A kind of job queued for every company once per period (purges). */
export interface Scheduled {
  kind: string;
  everyMs: number;
}

/**
 * Queues the scheduled jobs of the period `now` falls in, for every company. Each node's scheduler
 * calls it; a job of one period is queued once whichever nodes ask (its dedupe key names the kind and
 * the period). `companyIds` narrows it to some companies (tests). Answers the jobs queued now.
 */
export async function enqueueScheduled(
  db: Db,
  schedule: readonly Scheduled[],
  opts: { now?: number; companyIds?: number[] } = {},
) {
  let queued = 0;
  for (const s of schedule) {
    const period = Math.floor((opts.now ?? Date.now()) / s.everyMs);
    queued += await enqueueForEveryCompany(db, {
      kind: s.kind,
      dedupeKey: `${s.kind}:${s.everyMs}:${period}`,
      ...(opts.companyIds ? { companyIds: opts.companyIds } : {}),
    });
  }
  if (queued > 0) notifyJobQueued();
  return queued;
}

export interface Scheduler {
  stop(): void;
}

/** Calls enqueueScheduled now and every `tickMs` (a minute by default) until stopped. */
export function startScheduler(
  db: Db,
  schedule: readonly Scheduled[],
  opts: { tickMs?: number; onError?: (err: unknown) => void } = {},
): Scheduler {
  const tick = () => {
    enqueueScheduled(db, schedule).catch((err) => opts.onError?.(err));
  };
  tick();
  const timer = setInterval(tick, opts.tickMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
