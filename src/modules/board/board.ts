import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { num } from '../../http/formats.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { getPipeline, type PipelineRow } from '../pipelines/service.ts';
import { stages } from '../pipelines/tables.ts';
import { scoped } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import type { BoardQueryT, BoardStatus } from './schema.ts';

/** Which deals count on the board: live (not deleted, not archived), of the status asked for. */
export function boardDealFilter(
  ctx: Ctx,
  q: { owner_id?: number | undefined; status?: BoardStatus | undefined },
) {
  const status = q.status ?? 'open';
  return and(
    scoped(ctx, deals),
    eq(deals.isArchived, false),
    status === 'all' ? undefined : eq(deals.status, status),
    q.owner_id !== undefined ? eq(deals.ownerId, q.owner_id) : undefined,
  ) as SQL;
}

interface Sums {
  count: number;
  total_value: number;
  weighted_value: number;
}

export interface BoardTotals extends Sums {
  currency: string;
  currencies: Record<string, Sums>;
}

export interface BoardStageSummary extends BoardTotals {
  id: number;
  name: string;
  order_nr: number;
  deal_probability: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

const emptyTotals = (currency: string): BoardTotals => ({
  count: 0,
  total_value: 0,
  weighted_value: 0,
  currency,
  currencies: {},
});

/** Counts across currencies; amounts in the default currency only (no conversion rates). */
function addCurrency(into: BoardTotals, currency: string, sums: Sums) {
  into.currencies[currency] = sums;
  into.count += sums.count;
  if (currency === into.currency) {
    into.total_value = sums.total_value;
    into.weighted_value = sums.weighted_value;
  }
}

/**
 * The pipeline's kanban header: per stage the number of deals, the value summed and the weighted value
 * (Σ value × (deal probability, else stage probability) / 100), per currency and for the company's
 * default currency; the pipeline's totals alongside. One GROUP BY query over stages ⟕ deals (index
 * deals_stage_idx); the pipeline totals are window sums over the same groups.
 */
export async function getBoard(ctx: Ctx, pipelineId: number, q: BoardQueryT) {
  const pipeline: PipelineRow = await getPipeline(ctx, pipelineId);
  const currency = (await getCompany(ctx)).defaultCurrency;
  const weighted = sql`${deals.value} * coalesce(${deals.probability}, ${stages.dealProbability}) / 100`;
  const rows = await ctx.db
    .select({
      id: stages.id,
      name: stages.name,
      orderNr: stages.orderNr,
      dealProbability: stages.dealProbability,
      isDealRotEnabled: stages.isDealRotEnabled,
      daysToRotten: stages.daysToRotten,
      currency: deals.currency,
      count: sql<number>`count(${deals.id})::int`,
      total: sql<string>`round(coalesce(sum(${deals.value}), 0), 2)::text`,
      weighted: sql<string>`round(coalesce(sum(${weighted}), 0), 2)::text`,
      pipelineCount: sql<number>`(sum(count(${deals.id})) over (partition by ${deals.currency}))::int`,
      pipelineTotal: sql<string>`round(coalesce(sum(sum(${deals.value})) over (partition by ${deals.currency}), 0), 2)::text`,
      pipelineWeighted: sql<string>`round(coalesce(sum(sum(${weighted})) over (partition by ${deals.currency}), 0), 2)::text`,
    })
    .from(stages)
    .leftJoin(deals, and(eq(deals.stageId, stages.id), boardDealFilter(ctx, q)))
    .where(and(scoped(ctx, stages), eq(stages.pipelineId, pipelineId)))
    .groupBy(stages.id, deals.currency)
    .orderBy(asc(stages.orderNr), asc(stages.id), asc(deals.currency));

  const byStage = new Map<number, BoardStageSummary>();
  const totals = emptyTotals(currency);
  for (const r of rows) {
    let stage = byStage.get(r.id);
    if (!stage) {
      stage = {
        id: r.id,
        name: r.name,
        order_nr: r.orderNr,
        deal_probability: r.dealProbability,
        is_deal_rot_enabled: r.isDealRotEnabled,
        days_to_rotten: r.daysToRotten,
        ...emptyTotals(currency),
      };
      byStage.set(r.id, stage);
    }
    if (r.currency === null) continue;
    addCurrency(stage, r.currency, {
      count: r.count,
      total_value: num(r.total) ?? 0,
      weighted_value: num(r.weighted) ?? 0,
    });
    if (!totals.currencies[r.currency]) {
      addCurrency(totals, r.currency, {
        count: r.pipelineCount,
        total_value: num(r.pipelineTotal) ?? 0,
        weighted_value: num(r.pipelineWeighted) ?? 0,
      });
    }
  }
  return { pipeline, stages: [...byStage.values()], totals };
}
