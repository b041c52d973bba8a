import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Ctx, inTx } from '../context.ts';
import { invalid } from '../errors.ts';
import { JOB_COMPLETED, type JobHandler, type JobRun } from '../jobs/runner.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { resolveStage } from '../pipelines/service.ts';
import { conversionsOfJob, saveConversions } from './conversions.ts';
import { convertLeadChunk, type LeadConversionResult, outcomeOf } from './lead-chunk.ts';
import { reasonOf } from './reasons.ts';

export const CONVERT_LEADS_JOB = 'convert_leads';
/** At most this many leads in one request (one job). */
export const BULK_MAX = 500;
/**
 * How a job cuts its leads into transactions. Each chunk's transaction also saves the job's progress
 * (a count: what each lead became is read back from its conversion row), so progress is seen as the
 * work goes, and on the embedded database requests are served between chunks. But every chunk costs a
 * fixed number of statements, so chunks are sized by time: as many leads as this process converted in
 * `targetChunkMs` lately, at most `chunkSize`. Where conversion is fast, a job of BULK_MAX leads is one
 * transaction, as fast as it gets, and done before a progress bar would move; where it is slow (a busy
 * machine, a slow disk), the bar moves about twice a second. Tests lower chunkSize to see more chunks.
 */
export const bulkSettings = { chunkSize: BULK_MAX, targetChunkMs: 500, minChunk: 25, firstChunk: 100 };

/** Milliseconds per lead of the last chunks converted in this process (a moving average). */
let msPerLead: number | undefined;

function nextChunkSize(): number {
  const { chunkSize: most, targetChunkMs, minChunk, firstChunk } = bulkSettings;
  if (msPerLead === undefined) return Math.min(most, firstChunk);
  return Math.max(Math.min(most, minChunk), Math.min(most, Math.floor(targetChunkMs / msPerLead)));
}

function learnRate(leads: number, ms: number): void {
  const rate = ms / Math.max(1, leads);
  msPerLead = msPerLead === undefined ? rate : (msPerLead + rate) / 2;
}

export interface BulkConvertInput {
  lead_ids: string[];
  stage_id?: number | null | undefined;
  pipeline_id?: number | null | undefined;
}

const Payload = z.object({
  lead_ids: z.array(z.string()),
  stage_id: z.number().nullable().optional(),
  pipeline_id: z.number().nullable().optional(),
});

/** The stage rule of single conversions: the stage wins, a pipeline alone is its first stage. */
const placement = (input: { stage_id?: number | null; pipeline_id?: number | null }) => ({
  stage_id: input.stage_id,
  pipeline_id: input.stage_id == null ? input.pipeline_id : undefined,
});

/**
 * Queues the conversion of many leads into deals (POST /api/ext/leads/convert). The request's own
 * mistakes are refused here, before anything is written: duplicates (400 naming lead_ids), an unknown
 * stage or pipeline (404 naming it). Per-lead refusals (not found, archived, already converted) are
 * reported in the job's result.
 */
export async function queueLeadConversions(ctx: Ctx, input: BulkConvertInput): Promise<JobRow> {
  const ids = input.lead_ids.map((id) => id.toLowerCase());
  if (new Set(ids).size !== ids.length) throw invalid('lead_ids', 'the same lead id is listed twice');
  await resolveStage(ctx, placement(input));
  return inTx(ctx, (tx) =>
    enqueueJob(tx, {
      kind: CONVERT_LEADS_JOB,
      payload: { lead_ids: ids, stage_id: input.stage_id ?? null, pipeline_id: input.pipeline_id ?? null },
      total: ids.length,
    }),
  );
}

/**
 * The job: chunk by chunk, each chunk one transaction (convertLeadChunk, which writes each lead's
 * conversion row with the job's id) that also saves the job's progress; the last one completes the job
 * with its result. A job claimed again after a crash reads the conversion rows of its chunks that
 * committed and resumes after them. A chunk that fails is rolled back and its leads reported failed
 * with the reason; the next chunks still run. The result lists every lead in input order.
 */
async function runLeadConversions({
  job,
  ctx,
  progress,
  complete,
  breathe,
}: JobRun): Promise<LeadConversionResult[] | typeof JOB_COMPLETED> {
  const payload = Payload.parse(job.payload);
  const done = new Map<string, LeadConversionResult>();
  // a job queued before progress was a count kept its partial result in the job
  if (Array.isArray(job.result)) {
    for (const r of job.result as LeadConversionResult[]) done.set(r.lead_id, r);
  }
  if (job.attempts > 1) {
    for (const r of await conversionsOfJob(ctx, job.id, payload.lead_ids)) done.set(r.lead_id, r);
  }
  const ordered = (extra: LeadConversionResult[] = []) => {
    const all = new Map(done);
    for (const r of extra) all.set(r.lead_id, r);
    return payload.lead_ids.flatMap((id) => all.get(id) ?? []);
  };
  const stage = await resolveStage(ctx, placement(payload));
  const todo = payload.lead_ids.filter((id) => !done.has(id));

  let completed = false;
  while (todo.length > 0) {
    await breathe();
    const chunk = todo.splice(0, nextChunkSize());
    const last = todo.length === 0;
    const started = performance.now();
    const items = chunk.map((leadId) => ({ leadId, conversionId: randomUUID() }));
    let results: LeadConversionResult[];
    try {
      results = await inTx(ctx, async (tx) => {
        // A chunk before the last commits without waiting for its WAL flush: its work and the job's
        // progress are kept or lost together, and a job claimed again after a crash redoes what was
        // lost. The last chunk completes the job in the same transaction and commits as usual, which
        // flushes every chunk before it: a job is never seen completed before it is durable.
        if (!last) await tx.db.execute(sql`SET LOCAL synchronous_commit = off`);
        const r = await convertLeadChunk(tx, items, { stage, jobId: job.id, isBulk: true });
        if (last) await complete(tx, ordered(r));
        else await progress(tx, done.size + r.length);
        return r;
      });
      completed = last;
      learnRate(chunk.length, performance.now() - started);
    } catch (err) {
      const error = reasonOf(err);
      results = items.map((i) => ({
        lead_id: i.leadId,
        status: 'failed' as const,
        deal_id: null,
        conversion_id: i.conversionId,
        error,
      }));
      await inTx(ctx, async (tx) => {
        await saveConversions(
          tx,
          results.map((r) => outcomeOf(r, job.id)),
        );
        await progress(tx, done.size + results.length);
      });
    }
    for (const r of results) done.set(r.lead_id, r);
  }
  return completed ? JOB_COMPLETED : ordered();
}

/** The job handlers of this module, registered where workers start. */
export const conversionJobHandlers: Record<string, JobHandler> = {
  [CONVERT_LEADS_JOB]: runLeadConversions as JobHandler,
};
