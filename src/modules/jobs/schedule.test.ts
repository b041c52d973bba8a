import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { convert } from '../../../test/helpers/conversion.ts';
import { SCHEDULE } from '../../background.ts';
import { conversions } from '../conversion/tables.ts';
import { runJobs } from './runner.ts';
import { enqueueScheduled } from './schedule.ts';
import { getJob } from './service.ts';
import { jobs } from './tables.ts';

describe('scheduled purges', () => {
  it('are queued once per company and period, whichever nodes ask, and run as jobs', async () => {
    const t = await newTenant();
    const now = Date.now();
    const companyIds = [t.companyId];
    // two nodes asking at once, then again later in the same period
    const first = await Promise.all([
      enqueueScheduled(t.db, SCHEDULE, { now, companyIds }),
      enqueueScheduled(t.db, SCHEDULE, { now, companyIds }),
    ]);
    expect(first.reduce((a, b) => a + b, 0)).toBe(SCHEDULE.length);
    expect(await enqueueScheduled(t.db, SCHEDULE, { now: now + 1000, companyIds })).toBe(0);
    const queued = await t.db.select().from(jobs).where(eq(jobs.companyId, t.companyId));
    expect(queued.map((j) => j.kind).sort()).toEqual(SCHEDULE.map((s) => s.kind).sort());

    // a single conversion cut short long ago is closed by the purge of conversions
    const lead = (await makeLead(t)).id;
    const conversionId = await convert(t, lead);
    await t.db
      .update(conversions)
      .set({ status: 'running', updateTime: new Date(now - 3_600_000) })
      .where(and(eq(conversions.companyId, t.companyId), eq(conversions.id, conversionId)));

    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(SCHEDULE.length);
    for (const j of queued) {
      expect(await getJob(t.ctx, j.id)).toMatchObject({ status: 'completed', error: null });
    }
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });

    // the next period queues them again
    const next = now + Math.max(...SCHEDULE.map((s) => s.everyMs));
    expect(await enqueueScheduled(t.db, SCHEDULE, { now: next, companyIds })).toBe(SCHEDULE.length);
  });
});
