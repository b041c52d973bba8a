import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../http/errors.ts';
import { type Ctx, inTx } from '../context.ts';
import { JOB_COMPLETED, type JobRun, registerJobHandler } from '../jobs/runner.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { resolveStage } from '../pipelines/service.ts';
import { saveConversions } from './conversions.ts';
import { convertLeadChunk, type LeadConversionResult, outcomeOf } from './lead-chunk.ts';
import { reasonOf } from './reasons.ts';

export const CONVERT_LEADS_JOB = 'convert_leads';
/** At most this many leads in one request (one job). */
export const BULK_MAX = 500;
/**
 * Leads per transaction; progress is saved per chunk. A whole job (BULK_MAX leads) converts in well
 * under a second, so one transaction per job: fewer commits and statements (see the bulk conversion
 * benchmark, --chunk). Tests lower it to see several chunks.
 */
export const bulkSettings = { chunkSize: BULK_MAX };

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

function chunksOf<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The job: chunk by chunk, each chunk one transaction (convertLeadChunk) that also saves the job's
 * progress and partial result (the last one: completes the job), so a job claimed again after a crash
 * resumes after the last chunk that committed. A chunk that fails is rolled back and its leads
 * reported failed with the reason; the next chunks still run. The result lists every lead in input
 * order.
 */
async function runLeadConversions({
  job,
  ctx,
  progress,
  complete,
}: JobRun): Promise<LeadConversionResult[] | typeof JOB_COMPLETED> {
  const payload = Payload.parse(job.payload);
  const done = new Map<string, LeadConversionResult>();
  if (Array.isArray(job.result)) {
    for (const r of job.result as LeadConversionResult[]) done.set(r.lead_id, r);
  }
  const ordered = (extra: LeadConversionResult[] = []) => {
    const all = new Map(done);
    for (const r of extra) all.set(r.lead_id, r);
    return payload.lead_ids.flatMap((id) => all.get(id) ?? []);
  };
  const stage = await resolveStage(ctx, placement(payload));
  const chunks = chunksOf(
    payload.lead_ids.filter((id) => !done.has(id)),
    bulkSettings.chunkSize,
  );

  let completed = false;
  for (const [n, chunk] of chunks.entries()) {
    const last = n === chunks.length - 1;
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
        else await progress(tx, done.size + r.length, ordered(r));
        return r;
      });
      completed = last;
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
        await progress(tx, done.size + results.length, ordered(results));
      });
    }
    for (const r of results) done.set(r.lead_id, r);
  }
  return completed ? JOB_COMPLETED : ordered();
}

registerJobHandler(CONVERT_LEADS_JOB, runLeadConversions);
