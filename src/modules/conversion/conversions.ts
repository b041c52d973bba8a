import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { conversions } from './tables.ts';

export type ConversionRow = typeof conversions.$inferSelect;
export type Direction = ConversionRow['direction'];
export type FinalStatus = 'completed' | 'rejected' | 'failed';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Status rows are kept this long (spec §5: "kept only temporarily"). */
export const CONVERSION_RETENTION_DAYS = 7;

/** Writes a conversion as running, before the work starts (its own short transaction). */
export async function startConversion(
  ctx: Ctx,
  input: { direction: Direction; leadId?: string; dealId?: number },
): Promise<string> {
  const id = randomUUID();
  await ctx.db.insert(conversions).values({
    id,
    companyId: ctx.companyId,
    direction: input.direction,
    leadId: input.leadId ?? null,
    dealId: input.dealId ?? null,
    status: 'running',
    userId: ctx.user.id,
  });
  return id;
}

export interface ConversionOutcome {
  id: string;
  direction: Direction;
  status: FinalStatus;
  leadId: string | null;
  dealId: number | null;
  error: string | null;
  jobId?: number | null;
}

/**
 * Records the outcome of many conversions in one statement whatever their number: new rows are
 * inserted (bulk), rows written by startConversion are updated. The rows travel as one array per
 * column (INSERT … SELECT FROM unnest), not as a VALUES list of eleven parameters per row, which
 * the driver would build and send at a cost that grows with the chunk.
 */
export async function saveConversions(ctx: Ctx, outcomes: ConversionOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const now = new Date().toISOString();
  const column = <T>(pick: (o: ConversionOutcome) => T) => sql.param(outcomes.map(pick));
  await ctx.db.execute(sql`
    INSERT INTO ${conversions} (id, company_id, direction, lead_id, deal_id, status, error, job_id, user_id,
      add_time, update_time)
    SELECT o.id, ${ctx.companyId}::bigint, o.direction, o.lead_id, o.deal_id, o.status, o.error, o.job_id,
      ${ctx.user.id}::bigint, ${now}::timestamptz, ${now}::timestamptz
    FROM unnest(${column((o) => o.id)}::uuid[], ${column((o) => o.direction)}::text[],
      ${column((o) => o.leadId)}::uuid[], ${column((o) => o.dealId)}::bigint[],
      ${column((o) => o.status)}::text[], ${column((o) => o.error)}::text[],
      ${column((o) => o.jobId ?? null)}::bigint[])
      AS o(id, direction, lead_id, deal_id, status, error, job_id)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, lead_id = excluded.lead_id,
      deal_id = excluded.deal_id, error = excluded.error, update_time = excluded.update_time
    WHERE ${conversions.companyId} = excluded.company_id`);
}

/** Marks a conversion failed with its reason (after its transaction rolled back). */
export async function markConversionFailed(ctx: Ctx, id: string, reason: string): Promise<void> {
  await ctx.db
    .update(conversions)
    .set({ status: 'failed', error: reason, updateTime: new Date() })
    .where(and(eq(conversions.companyId, ctx.companyId), eq(conversions.id, id)));
}

/**
 * The conversion of a lead (lead → deal) or of a deal (deal → lead), as the status endpoints see
 * it. An unknown id, or one of another lead, deal or company, is not found.
 */
export async function getConversion(
  ctx: Ctx,
  input:
    | { id: string; direction: 'lead_to_deal'; leadId: string }
    | { id: string; direction: 'deal_to_lead'; dealId: number },
): Promise<ConversionRow> {
  if (!UUID.test(input.id)) throw notFound('Conversion');
  if (input.direction === 'lead_to_deal' && !UUID.test(input.leadId)) throw notFound('Conversion');
  const [row] = await ctx.db
    .select()
    .from(conversions)
    .where(
      and(
        eq(conversions.companyId, ctx.companyId),
        eq(conversions.id, input.id),
        eq(conversions.direction, input.direction),
        input.direction === 'lead_to_deal'
          ? eq(conversions.leadId, input.leadId)
          : eq(conversions.dealId, input.dealId),
      ),
    );
  if (!row) throw notFound('Conversion');
  return row;
}

/** Which of these leads (or deals) a completed conversion already turned into something else. */
export async function alreadyConverted(
  ctx: Ctx,
  input: { direction: 'lead_to_deal'; leadIds: string[] } | { direction: 'deal_to_lead'; dealIds: number[] },
): Promise<Set<string>> {
  const ids = input.direction === 'lead_to_deal' ? input.leadIds : input.dealIds;
  if (ids.length === 0) return new Set();
  const column = input.direction === 'lead_to_deal' ? conversions.leadId : conversions.dealId;
  const cast = input.direction === 'lead_to_deal' ? sql`::uuid[]` : sql`::bigint[]`;
  const rows = await ctx.db
    .select({ id: column })
    .from(conversions)
    .where(
      and(
        eq(conversions.companyId, ctx.companyId),
        sql`${column} = ANY(${sql.param(ids)}${cast})`,
        eq(conversions.direction, input.direction),
        eq(conversions.status, 'completed'),
      ),
    );
  return new Set(rows.map((r) => String(r.id)));
}

/**
 * What a bulk job's committed chunks made of these leads: their conversion rows written with the
 * job's id, as the job's result entries (a job claimed again after a crash resumes after them).
 */
export async function conversionsOfJob(
  ctx: Ctx,
  jobId: number,
  leadIds: string[],
): Promise<
  {
    lead_id: string;
    status: FinalStatus;
    deal_id: number | null;
    conversion_id: string;
    error: string | null;
  }[]
> {
  if (leadIds.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(conversions)
    .where(
      and(
        eq(conversions.companyId, ctx.companyId),
        sql`${conversions.leadId} = ANY(${sql.param(leadIds)}::uuid[])`,
        eq(conversions.jobId, jobId),
      ),
    );
  return rows.flatMap((r) =>
    r.leadId && r.status !== 'running' && r.status !== 'not_started'
      ? [
          {
            lead_id: r.leadId,
            status: r.status,
            deal_id: r.dealId,
            conversion_id: r.id,
            error: r.error,
          },
        ]
      : [],
  );
}

/** Why a conversion found running after its process died ended (its transaction never committed). */
export const INTERRUPTED =
  'The conversion was interrupted (the server stopped before it finished); nothing was converted';
/** A single conversion takes well under a second: one still running after this was cut short. */
export const RUNNING_AT_MOST_MS = 15 * 60_000;

/**
 * Marks failed the conversions left running by a process that died: their work is one transaction
 * that never committed, so nothing was converted. With `olderThanMs`, only those running for longer
 * (other nodes may be converting now); without, every one (the embedded database at start: one
 * process holds its data). Every company unless `companyId`. Answers how many.
 */
export async function failInterruptedConversions(
  db: Db,
  opts: { companyId?: number; olderThanMs?: number } = {},
): Promise<number> {
  const rows = await db
    .update(conversions)
    .set({ status: 'failed', error: INTERRUPTED, updateTime: new Date() })
    .where(
      and(
        opts.companyId === undefined ? undefined : eq(conversions.companyId, opts.companyId),
        eq(conversions.status, 'running'),
        opts.olderThanMs === undefined
          ? undefined
          : lt(conversions.updateTime, new Date(Date.now() - opts.olderThanMs)),
      ),
    )
    .returning({ id: conversions.id });
  return rows.length;
}

/**
 * The scheduled purge of one company's conversion status rows (job purge_conversions): conversions
 * cut short are marked failed, rows older than the retention are deleted. Answers the rows deleted.
 */
export async function purgeConversions(ctx: Ctx, olderThanDays = CONVERSION_RETENTION_DAYS): Promise<number> {
  await failInterruptedConversions(ctx.db, { companyId: ctx.companyId, olderThanMs: RUNNING_AT_MOST_MS });
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
  const rows = await ctx.db
    .delete(conversions)
    .where(and(eq(conversions.companyId, ctx.companyId), lt(conversions.updateTime, cutoff)))
    .returning({ id: conversions.id });
  return rows.length;
}
