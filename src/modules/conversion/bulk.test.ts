import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dealsFromLead,
  leadRow,
  makeActivity,
  makeLead,
  makeNote,
  noteRows,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { INTERNAL_ERROR, withFailingNotes } from '../../../test/helpers/conversion.ts';
import { auditEvents } from '../audit/tables.ts';
import { type JobHandler, registerJobHandler, runJobs, startJobWorker } from '../jobs/runner.ts';
import { jobs } from '../jobs/tables.ts';
import { resolveStage } from '../pipelines/service.ts';
import { BULK_MAX, bulkSettings, CONVERT_LEADS_JOB, conversionJobHandlers } from './bulk.ts';
import { convertLeadChunk } from './lead-chunk.ts';

const convertLeads = conversionJobHandlers[CONVERT_LEADS_JOB] as JobHandler;

afterEach(() => {
  bulkSettings.chunkSize = BULK_MAX;
  registerJobHandler(CONVERT_LEADS_JOB, convertLeads);
});

async function jobCount(t: Tenant) {
  return (await t.db.select().from(jobs).where(eq(jobs.companyId, t.companyId))).length;
}

interface Entry {
  lead_id: string;
  status: string;
  deal_id: number | null;
  conversion_id: string;
  error: string | null;
}

describe('bulk lead → deal conversion (a job)', () => {
  it('converts many leads in chunks and reports each lead in input order', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const partners = (await t.post('/api/v2/pipelines', { name: 'Partners' })).body.data.id;
    const firstStage = (await t.post('/api/v2/stages', { name: 'Intro', pipeline_id: partners })).body.data
      .id;
    const leads: string[] = [];
    for (let i = 0; i < 30; i++) leads.push((await makeLead(t, { title: `Lead ${i}` })).id);
    const notes = [
      (await makeNote(t, { lead_id: leads[0] })).id,
      (await makeNote(t, { lead_id: leads[29] })).id,
    ];
    await makeActivity(t, { lead_id: leads[12], due_date: '2031-01-01' });
    const archived = (await makeLead(t)).id;
    await t.patch(`/api/v1/leads/${archived}`, { is_archived: true });
    const unknown = randomUUID();
    const foreign = (await makeLead(other)).id;
    const ids = [
      ...leads.slice(0, 10),
      archived,
      ...leads.slice(10, 20),
      unknown,
      foreign,
      ...leads.slice(20),
    ];
    bulkSettings.chunkSize = 10;

    const queued = await t.post('/api/ext/leads/convert', { lead_ids: ids, pipeline_id: partners });
    expect(queued.status).toBe(200);
    expect(queued.body).toEqual({ success: true, data: { job_id: expect.any(Number), status: 'queued' } });
    const jobId = queued.body.data.job_id;
    expect((await t.get(`/api/ext/jobs/${jobId}`)).body.data).toMatchObject({
      id: jobId,
      kind: 'convert_leads',
      status: 'queued',
      progress: 0,
      total: 33,
      result: null,
    });

    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const job = (await t.get(`/api/ext/jobs/${jobId}`)).body.data;
    expect(job).toMatchObject({ status: 'completed', progress: 33, total: 33, error: null });
    const result = job.result as Entry[];
    expect(result.map((r) => r.lead_id)).toEqual(ids);
    const byLead = new Map(result.map((r) => [r.lead_id, r]));
    expect(byLead.get(archived)).toMatchObject({
      status: 'rejected',
      deal_id: null,
      error: expect.stringMatching(/archived/i),
    });
    expect(byLead.get(unknown)).toMatchObject({ status: 'rejected', deal_id: null, error: 'Lead not found' });
    expect(byLead.get(foreign)).toMatchObject({ status: 'rejected', deal_id: null, error: 'Lead not found' });
    const completed = result.filter((r) => r.status === 'completed');
    expect(completed.map((r) => r.lead_id)).toEqual(leads);
    expect(new Set(completed.map((r) => r.deal_id)).size).toBe(30);

    // Each lead made one deal, in the chosen pipeline's first stage, in input order.
    const positions: number[] = [];
    for (const [i, lead] of leads.entries()) {
      const made = await dealsFromLead(t, lead);
      expect(made.map((d) => d.id)).toEqual([byLead.get(lead)?.deal_id]);
      expect(made[0]).toMatchObject({ title: `Lead ${i}`, pipelineId: partners, stageId: firstStage });
      positions.push(made[0]?.position as number);
      expect((await leadRow(t, lead))?.isDeleted).toBe(true);
    }
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const moved = await noteRows(t, notes);
    expect(moved.map((n) => n.dealId)).toEqual([
      byLead.get(leads[0] as string)?.deal_id,
      byLead.get(leads[29] as string)?.deal_id,
    ]);
    const withActivity = byLead.get(leads[12] as string)?.deal_id;
    expect(
      (await t.get(`/api/v2/deals/${withActivity}`, { include_fields: 'next_activity_id' })).body.data
        .next_activity_id,
    ).toEqual(expect.any(Number));

    // Refused leads are untouched; the other company's lead too.
    expect((await leadRow(t, archived))?.isDeleted).toBe(false);
    expect((await leadRow(other, foreign))?.isDeleted).toBe(false);

    // Each lead's conversion answers the status endpoint; events are marked bulk.
    const sample = byLead.get(leads[5] as string) as Entry;
    const status = await t.get(`/api/v2/leads/${leads[5]}/convert/status/${sample.conversion_id}`);
    expect(status.body.data).toEqual({
      conversion_id: sample.conversion_id,
      status: 'completed',
      deal_id: sample.deal_id,
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.companyId, t.companyId));
    expect(events.filter((e) => e.action === 'convert' && e.isBulk)).toHaveLength(30);

    // Nothing left to run.
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(0);
  });

  it('reports the leads of a failing chunk as failed and goes on with the others', async () => {
    const t = await newTenant();
    const leads: string[] = [];
    for (let i = 0; i < 9; i++) leads.push((await makeLead(t)).id);
    const note = (await makeNote(t, { lead_id: leads[4] })).id;
    bulkSettings.chunkSize = 3;
    const jobId = (await t.post('/api/ext/leads/convert', { lead_ids: leads })).body.data.job_id;
    await withFailingNotes(t, () => runJobs(t.db, { companyId: t.companyId }), { leadId: leads[4] });
    const job = (await t.get(`/api/ext/jobs/${jobId}`)).body.data;
    expect(job).toMatchObject({ status: 'completed', progress: 9 });
    const statuses = (job.result as Entry[]).map((r) => r.status);
    expect(statuses).toEqual([
      'completed',
      'completed',
      'completed',
      'failed',
      'failed',
      'failed',
      'completed',
      'completed',
      'completed',
    ]);
    for (const r of (job.result as Entry[]).slice(3, 6)) {
      // the database's message is logged, not shown: the caller gets an error id
      expect(r.error).toMatch(INTERNAL_ERROR);
      expect(r.error).not.toContain('injected failure');
      expect((await leadRow(t, r.lead_id))?.isDeleted).toBe(false);
      expect(await dealsFromLead(t, r.lead_id)).toHaveLength(0);
      const s = await t.get(`/api/v2/leads/${r.lead_id}/convert/status/${r.conversion_id}`);
      expect(s.body.data).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(INTERNAL_ERROR),
      });
    }
    expect((await noteRows(t, [note]))[0]).toMatchObject({ leadId: leads[4], dealId: null });
  });

  it('saves its progress with each chunk, as a count seen once the chunk commits', async () => {
    const t = await newTenant();
    const leads: string[] = [];
    for (let i = 0; i < 25; i++) leads.push((await makeLead(t)).id);
    bulkSettings.chunkSize = 10;
    const seen: number[] = [];
    registerJobHandler(CONVERT_LEADS_JOB, (run) =>
      convertLeads({
        ...run,
        progress: async (tx, done, result) => {
          expect(result).toBeUndefined();
          await run.progress(tx, done);
          seen.push(done);
        },
      }),
    );
    const jobId = (await t.post('/api/ext/leads/convert', { lead_ids: leads })).body.data.job_id;
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    expect(seen).toEqual([10, 20]);
    const job = (await t.get(`/api/ext/jobs/${jobId}`)).body.data;
    expect(job).toMatchObject({ status: 'completed', progress: 25, total: 25 });
    expect((job.result as Entry[]).map((r) => r.lead_id)).toEqual(leads);
  });

  it('resumes a job cut short after the chunks that committed, converting nothing twice', async () => {
    const t = await newTenant();
    const leads: string[] = [];
    for (let i = 0; i < 25; i++) leads.push((await makeLead(t)).id);
    bulkSettings.chunkSize = 10;
    const jobId = (await t.post('/api/ext/leads/convert', { lead_ids: leads })).body.data.job_id;
    // what a worker that died during the second chunk left: the first chunk committed with the job's
    // id, the job running with its progress
    const stage = await resolveStage(t.ctx, {});
    const first = await convertLeadChunk(
      t.ctx,
      leads.slice(0, 10).map((leadId) => ({ leadId, conversionId: randomUUID() })),
      { stage, jobId, isBulk: true },
    );
    await t.db
      .update(jobs)
      .set({ status: 'running', progress: 10, attempts: 1, lockedBy: 'dead', lockedAt: new Date(0) })
      .where(eq(jobs.id, jobId));
    expect(await runJobs(t.db, { companyId: t.companyId })).toBe(1);
    const job = (await t.get(`/api/ext/jobs/${jobId}`)).body.data;
    expect(job).toMatchObject({ status: 'completed', progress: 25, error: null });
    const result = job.result as Entry[];
    expect(result.map((r) => r.lead_id)).toEqual(leads);
    expect(result.every((r) => r.status === 'completed')).toBe(true);
    expect(result.slice(0, 10)).toEqual(first);
    for (const lead of leads) expect(await dealsFromLead(t, lead)).toHaveLength(1);
  });

  it('refuses bad requests before queueing anything', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const lead = (await makeLead(t)).id;
    const foreignStage = (await other.get('/api/v2/stages')).body.data[0].id;
    const cases: [unknown, number, string][] = [
      [{}, 400, 'lead_ids'],
      [{ lead_ids: [] }, 400, 'lead_ids'],
      [{ lead_ids: 'x' }, 400, 'lead_ids'],
      [{ lead_ids: ['not-a-uuid'] }, 400, 'lead_ids'],
      [{ lead_ids: [lead, lead] }, 400, 'lead_ids'],
      [{ lead_ids: Array.from({ length: 501 }, () => randomUUID()) }, 400, 'lead_ids'],
      [{ lead_ids: [lead], stage_id: '2' }, 400, 'stage_id'],
      [{ lead_ids: [lead], stage_id: foreignStage }, 404, 'stage_id'],
      [{ lead_ids: [lead], pipeline_id: 999_999_999 }, 404, 'pipeline_id'],
    ];
    for (const [body, code, field] of cases) {
      const res = await t.post('/api/ext/leads/convert', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(code);
      expect(res.body.error).toContain(field);
    }
    expect(await jobCount(t)).toBe(0);
  });

  it('shows a job to its company only, and to its creator or an admin', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const lead = (await makeLead(user.as)).id;
    const jobId = (await user.as.post('/api/ext/leads/convert', { lead_ids: [lead] })).body.data.job_id;
    expect((await user.as.get(`/api/ext/jobs/${jobId}`)).status).toBe(200);
    expect((await t.get(`/api/ext/jobs/${jobId}`)).status).toBe(200);
    const colleague = await t.addUser();
    expect((await colleague.as.get(`/api/ext/jobs/${jobId}`)).status).toBe(404);
    expect((await other.get(`/api/ext/jobs/${jobId}`)).status).toBe(404);
    expect((await t.get('/api/ext/jobs/999999999')).status).toBe(404);
    expect((await t.get('/api/ext/jobs/abc')).status).toBe(400);
    expect((await other.get(`/api/ext/jobs/${jobId}`)).body.success).toBe(false);
  });

  it('runs with the rights of the user who queued it', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const hidden = (await makeLead(t, { visible_to: '1' })).id;
    const own = (await makeLead(user.as, { visible_to: '1' })).id;
    const jobId = (await user.as.post('/api/ext/leads/convert', { lead_ids: [hidden, own] })).body.data
      .job_id;
    await runJobs(t.db, { companyId: t.companyId });
    const result = (await user.as.get(`/api/ext/jobs/${jobId}`)).body.data.result as Entry[];
    expect(result.map((r) => [r.status, r.error])).toEqual([
      ['rejected', 'Lead not found'],
      ['completed', null],
    ]);
    expect((await leadRow(t, hidden))?.isDeleted).toBe(false);
    const created = (await dealsFromLead(t, own))[0];
    expect(created).toMatchObject({ ownerId: user.id, creatorUserId: user.id, visibleTo: 1 });
  });

  it('is picked up by the background worker', async () => {
    const t = await newTenant();
    const lead = (await makeLead(t)).id;
    const worker = startJobWorker(t.db, { pollMs: 50, companies: () => [t.companyId] });
    try {
      const jobId = (await t.post('/api/ext/leads/convert', { lead_ids: [lead] })).body.data.job_id;
      let status = 'queued';
      for (let i = 0; i < 100 && status !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = (await t.get(`/api/ext/jobs/${jobId}`)).body.data.status;
      }
      expect(status).toBe('completed');
    } finally {
      await worker.stop();
    }
    expect(await dealsFromLead(t, lead)).toHaveLength(1);
  });
});
