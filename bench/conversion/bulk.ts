/**
 * Part 1 of the conversion benchmark (bench/conversion.ts): converts every lead of a seeded company
 * through Pipewright's real bulk path, and the same number of leads of a twin company with a raw
 * set-based SQL move, in the same chunk size; both in this process, on the same database.
 *
 * The real path is the production one end to end: POST /api/ext/leads/convert's service
 * (queueLeadConversions) queues one job per 500 leads (BULK_MAX), then the job runner (runJobs, what an
 * app node's worker calls) claims them one after the other and runs the convert_leads handler, which
 * converts chunk by chunk (bulkSettings.chunkSize leads per transaction, with the job's progress
 * saved in the same transaction). Only the HTTP request that queues the jobs is left out.
 */
import { sql } from 'drizzle-orm';
import { registerJobHandlers } from '../../src/background.ts';
import type { Db } from '../../src/db/client.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { BULK_MAX, bulkSettings, queueLeadConversions } from '../../src/modules/conversion/bulk.ts';
import { runJobs } from '../../src/modules/jobs/runner.ts';
import { rowsOf } from '../lib/seed/company.ts';
import type { ConvTenant } from '../lib/seed/conversion.ts';

export interface BulkTiming {
  leads: number;
  ms: number;
  leadsPerSec: number;
  /** per-chunk milliseconds, sorted (baseline only: the job's chunks are not visible from outside) */
  chunkMs?: number[];
  /** jobs run at the same time (real path only: the worker's setting for the database) */
  concurrency?: number;
}

const splitInto = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

export function adminCtx(db: Db, t: Pick<ConvTenant, 'companyId' | 'userId'>): Ctx {
  return {
    db,
    companyId: t.companyId,
    user: { id: t.userId, isAdmin: true },
    actor: { type: 'api_token', userId: t.userId, source: 'api' },
  };
}

/**
 * Queues the company's leads as jobs of BULK_MAX and runs the job runner until the queue is empty,
 * `concurrency` jobs at a time (what an app node's worker runs on this database: jobConcurrency).
 * Throws unless every job completed with every lead completed.
 */
export async function convertThroughJobs(db: Db, t: ConvTenant, concurrency: number): Promise<BulkTiming> {
  registerJobHandlers();
  const ctx = adminCtx(db, t);
  const t0 = performance.now();
  for (const ids of splitInto(t.leadIds, BULK_MAX)) await queueLeadConversions(ctx, { lead_ids: ids });
  await runJobs(db, { companyId: t.companyId, workerId: 'conv-bench', concurrency });
  const ms = performance.now() - t0;

  const [summary] = rowsOf(
    await db.execute(sql`
      SELECT count(*)::int AS jobs,
        count(*) FILTER (WHERE status = 'completed')::int AS completed,
        coalesce(sum((SELECT count(*) FROM jsonb_array_elements(result) e
                      WHERE e->>'status' = 'completed')), 0)::int AS leads_completed,
        string_agg(DISTINCT error, '; ') AS errors
      FROM jobs WHERE company_id = ${t.companyId} AND kind = 'convert_leads'`),
  );
  const s = summary as { jobs: number; completed: number; leads_completed: number; errors: string | null };
  if (s.completed !== s.jobs || s.leads_completed !== t.leadIds.length) {
    const [firstFailure] = rowsOf(
      await db.execute(sql`
        SELECT e->>'error' AS error FROM jobs, jsonb_array_elements(result) e
        WHERE company_id = ${t.companyId} AND e->>'status' <> 'completed' LIMIT 1`),
    );
    throw new Error(
      `bulk conversion incomplete: ${s.completed}/${s.jobs} jobs completed, ${s.leads_completed}/` +
        `${t.leadIds.length} leads completed (${s.errors ?? String(firstFailure?.error ?? 'no error')})`,
    );
  }
  return {
    leads: t.leadIds.length,
    ms,
    leadsPerSec: t.leadIds.length / (ms / 1000),
    concurrency,
  };
}

/**
 * The floor: the same move as raw SQL, one transaction per chunk of bulkSettings.chunkSize leads:
 * INSERT INTO deals … SELECT FROM leads; UPDATE notes and activities (deal_id from the mapping,
 * lead_id NULL); UPDATE leads (soft delete). No locking, no checks, no audit events, no status rows.
 */
export async function convertRawSql(db: Db, t: ConvTenant): Promise<BulkTiming> {
  const c = t.companyId;
  const [stage] = rowsOf(
    await db.execute(sql`
      SELECT s.id, s.pipeline_id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
      WHERE s.company_id = ${c} AND NOT s.is_deleted AND NOT p.is_deleted
      ORDER BY p.order_nr, p.id, s.order_nr, s.id LIMIT 1`),
  );
  if (!stage) throw new Error('baseline: the company has no stage');
  const chunkMs: number[] = [];
  const t0 = performance.now();
  for (const ids of splitInto(t.leadIds, bulkSettings.chunkSize)) {
    const c0 = performance.now();
    await db.transaction(async (tx) => {
      const now = new Date().toISOString();
      const inserted = rowsOf(
        await tx.execute(sql`
          INSERT INTO deals (company_id, title, owner_id, creator_user_id, person_id, org_id, pipeline_id, stage_id,
            value, currency, status, visible_to, stage_change_time, expected_close_date, origin, source_lead_id,
            position, add_time, update_time)
          SELECT l.company_id, l.title, l.owner_id, l.owner_id, l.person_id, l.organization_id,
            ${stage.pipeline_id}, ${stage.id}, coalesce(l.value_amount, 0), coalesce(l.value_currency, 'USD'),
            'open', l.visible_to, ${now}::timestamptz, l.expected_close_date, l.origin, l.id, 0,
            ${now}::timestamptz, ${now}::timestamptz
          FROM leads l
          WHERE l.company_id = ${c} AND l.id = ANY(${sql.param(ids)}::uuid[]) AND NOT l.is_deleted
          RETURNING id, source_lead_id`),
      );
      const leadIds = inserted.map((r) => String(r.source_lead_id));
      const dealIds = inserted.map((r) => Number(r.id));
      const mapping = sql`unnest(${sql.param(leadIds)}::uuid[], ${sql.param(dealIds)}::bigint[]) AS m(lead_id, deal_id)`;
      await tx.execute(sql`
        UPDATE notes n SET deal_id = m.deal_id, lead_id = NULL, pinned_to_deal_flag = n.pinned_to_lead_flag,
          pinned_to_lead_flag = false, update_time = ${now}::timestamptz
        FROM ${mapping} WHERE n.company_id = ${c} AND n.lead_id = m.lead_id AND n.lead_id = ANY(${sql.param(leadIds)}::uuid[])`);
      await tx.execute(sql`
        UPDATE activities a SET deal_id = m.deal_id, lead_id = NULL, update_time = ${now}::timestamptz
        FROM ${mapping} WHERE a.company_id = ${c} AND a.lead_id = m.lead_id AND a.lead_id = ANY(${sql.param(leadIds)}::uuid[])`);
      await tx.execute(sql`
        UPDATE leads SET is_deleted = true, delete_time = ${now}::timestamptz, update_time = ${now}::timestamptz
        WHERE company_id = ${c} AND id = ANY(${sql.param(leadIds)}::uuid[])`);
    });
    chunkMs.push(performance.now() - c0);
  }
  const ms = performance.now() - t0;
  return {
    leads: t.leadIds.length,
    ms,
    leadsPerSec: t.leadIds.length / (ms / 1000),
    chunkMs: chunkMs.sort((a, b) => a - b),
  };
}
