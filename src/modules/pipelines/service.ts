import { and, asc, eq, max, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound, referenced } from '../errors.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import type { UserLocale } from '../users/service.ts';
import { pipelines, stages } from './tables.ts';

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof stages.$inferSelect;

/** Pipedrive's stages of a new company's first pipeline, in the language of the one who sets it up. */
export const DEFAULT_STAGES: Record<UserLocale, { name: string; probability: number }[]> = {
  en_US: [
    { name: 'Qualified', probability: 10 },
    { name: 'Contact made', probability: 20 },
    { name: 'Demo scheduled', probability: 40 },
    { name: 'Proposal made', probability: 60 },
    { name: 'Negotiations started', probability: 80 },
  ],
  sv_SE: [
    { name: 'Kvalificerad', probability: 10 },
    { name: 'Kontakt etablerad', probability: 20 },
    { name: 'Demo bokad', probability: 40 },
    { name: 'Offert lämnad', probability: 60 },
    { name: 'Förhandling inledd', probability: 80 },
  ],
};

export async function createDefaultPipeline(ctx: Ctx, locale: UserLocale = 'en_US'): Promise<PipelineRow> {
  const pipeline = await addPipeline(ctx, { name: 'Pipeline' });
  for (const s of DEFAULT_STAGES[locale]) {
    await addStage(ctx, { name: s.name, pipeline_id: pipeline.id, deal_probability: s.probability });
  }
  return pipeline;
}

// ---------------------------------------------------------------- pipelines

export interface ListPipelinesInput {
  sort_by?: 'id' | 'update_time' | 'add_time' | undefined;
  sort_direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const pipelineSortColumns = {
  id: pipelines.id,
  update_time: pipelines.updateTime,
  add_time: pipelines.addTime,
};

export async function listPipelines(ctx: Ctx, q: ListPipelinesInput) {
  const sortBy = q.sort_by ?? 'id';
  const k: Keyset = {
    column: pipelineSortColumns[sortBy],
    id: pipelines.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'id' ? 'number' : 'date',
  };
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(pipelines)
    .where(and(scoped(ctx, pipelines), keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({
    v: sortBy === 'id' ? r.id : r[sortBy === 'add_time' ? 'addTime' : 'updateTime'],
    id: r.id,
  }));
}

export async function getPipeline(ctx: Ctx, id: number): Promise<PipelineRow> {
  const [row] = await ctx.db
    .select()
    .from(pipelines)
    .where(and(scoped(ctx, pipelines), eq(pipelines.id, id)));
  if (!row) throw notFound('Pipeline');
  return row;
}

/** The default pipeline: the lowest order_nr (then the oldest). */
export async function getDefaultPipeline(ctx: Ctx): Promise<PipelineRow> {
  const [row] = await ctx.db
    .select()
    .from(pipelines)
    .where(scoped(ctx, pipelines))
    .orderBy(asc(pipelines.orderNr), asc(pipelines.id))
    .limit(1);
  if (!row) throw new AppError('conflict', 'The company has no pipeline; add one first');
  return row;
}

export interface PipelineInput {
  name?: string | undefined;
  is_deal_probability_enabled?: boolean | undefined;
  order_nr?: number | undefined;
}

export async function addPipeline(ctx: Ctx, input: PipelineInput & { name: string }): Promise<PipelineRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'pipelines');
    let orderNr = input.order_nr;
    if (orderNr === undefined) {
      const [m] = await ctx.db
        .select({ m: max(pipelines.orderNr) })
        .from(pipelines)
        .where(scoped(ctx, pipelines));
      orderNr = m?.m === null || m?.m === undefined ? 0 : m.m + 1;
    }
    const [row] = await ctx.db
      .insert(pipelines)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        orderNr,
        isDealProbabilityEnabled: input.is_deal_probability_enabled ?? false,
      })
      .returning();
    if (!row) throw new AppError('internal', 'pipeline not created');
    await recordEvent(ctx, { itemType: 'pipeline', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updatePipeline(ctx: Ctx, id: number, input: PipelineInput): Promise<PipelineRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'pipelines');
    const before = await getPipeline(ctx, id);
    const [row] = await ctx.db
      .update(pipelines)
      .set({
        name: input.name ?? before.name,
        orderNr: input.order_nr ?? before.orderNr,
        isDealProbabilityEnabled: input.is_deal_probability_enabled ?? before.isDealProbabilityEnabled,
        updateTime: new Date(),
      })
      .where(and(eq(pipelines.companyId, ctx.companyId), eq(pipelines.id, id)))
      .returning();
    if (!row) throw notFound('Pipeline');
    await recordEvent(ctx, { itemType: 'pipeline', itemId: id, action: 'change' });
    return row;
  });
}

async function countLiveDeals(ctx: Ctx, where: 'pipeline' | 'stage', id: number): Promise<number> {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(deals)
    .where(
      and(
        scoped(ctx, deals, { visibility: 'any' }),
        eq(where === 'pipeline' ? deals.pipelineId : deals.stageId, id),
      ),
    );
  return r?.n ?? 0;
}

export async function deletePipeline(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'pipelines');
    await getPipeline(ctx, id);
    const [{ n } = { n: 0 }] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(pipelines)
      .where(scoped(ctx, pipelines));
    if (n <= 1) throw new AppError('conflict', 'The last pipeline cannot be deleted');
    if ((await countLiveDeals(ctx, 'pipeline', id)) > 0) {
      throw new AppError('conflict', 'The pipeline has deals; move or delete them first');
    }
    const now = new Date();
    await ctx.db
      .update(pipelines)
      .set({ isDeleted: true, updateTime: now })
      .where(and(eq(pipelines.companyId, ctx.companyId), eq(pipelines.id, id)));
    await ctx.db
      .update(stages)
      .set({ isDeleted: true, updateTime: now })
      .where(and(eq(stages.companyId, ctx.companyId), eq(stages.pipelineId, id)));
    await recordEvent(ctx, { itemType: 'pipeline', itemId: id, action: 'delete' });
  });
}

// ---------------------------------------------------------------- stages

export interface ListStagesInput extends Omit<ListPipelinesInput, 'sort_by'> {
  pipeline_id?: number | undefined;
  sort_by?: 'id' | 'update_time' | 'add_time' | 'order_nr' | undefined;
}

const stageSortColumns = {
  id: stages.id,
  update_time: stages.updateTime,
  add_time: stages.addTime,
  order_nr: stages.orderNr,
};

export async function listStages(ctx: Ctx, q: ListStagesInput) {
  const sortBy = q.sort_by ?? 'id';
  const k: Keyset = {
    column: stageSortColumns[sortBy],
    id: stages.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'id' || sortBy === 'order_nr' ? 'number' : 'date',
  };
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(stages)
    .where(
      and(
        scoped(ctx, stages),
        q.pipeline_id !== undefined ? eq(stages.pipelineId, q.pipeline_id) : undefined,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const key = { id: 'id', update_time: 'updateTime', add_time: 'addTime', order_nr: 'orderNr' } as const;
  return pageOf(rows, limit, (r) => ({ v: r[key[sortBy]], id: r.id }));
}

export async function getStage(ctx: Ctx, id: number): Promise<StageRow> {
  const [row] = await ctx.db
    .select()
    .from(stages)
    .where(and(scoped(ctx, stages), eq(stages.id, id)));
  if (!row) throw notFound('Stage');
  return row;
}

/** The first stage (lowest order_nr) of a pipeline. */
export async function getFirstStage(ctx: Ctx, pipelineId: number): Promise<StageRow> {
  const [row] = await ctx.db
    .select()
    .from(stages)
    .where(and(scoped(ctx, stages), eq(stages.pipelineId, pipelineId)))
    .orderBy(asc(stages.orderNr), asc(stages.id))
    .limit(1);
  if (!row) throw new AppError('conflict', 'The pipeline has no stages', 'pipeline_id');
  return row;
}

/**
 * Where a deal goes from an optional stage and pipeline: the stage wins (and implies its pipeline),
 * a pipeline alone means its first stage, neither means the default pipeline's first stage.
 */
export async function resolveStage(
  ctx: Ctx,
  input: { stage_id?: number | null | undefined; pipeline_id?: number | null | undefined },
): Promise<StageRow> {
  if (input.stage_id != null) {
    const stageId = input.stage_id;
    return referenced('stage_id', () => getStage(ctx, stageId));
  }
  if (input.pipeline_id != null) {
    await referenced('pipeline_id', () => getPipeline(ctx, input.pipeline_id as number));
    return getFirstStage(ctx, input.pipeline_id);
  }
  return getFirstStage(ctx, (await getDefaultPipeline(ctx)).id);
}

export interface StageInput {
  name?: string | undefined;
  pipeline_id?: number | undefined;
  order_nr?: number | undefined;
  deal_probability?: number | undefined;
  is_deal_rot_enabled?: boolean | undefined;
  days_to_rotten?: number | null | undefined;
}

export async function addStage(
  ctx: Ctx,
  input: StageInput & { name: string; pipeline_id: number },
): Promise<StageRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'stages');
    await referenced('pipeline_id', () => getPipeline(ctx, input.pipeline_id));
    let orderNr = input.order_nr;
    if (orderNr === undefined) {
      const [m] = await ctx.db
        .select({ m: max(stages.orderNr) })
        .from(stages)
        .where(and(scoped(ctx, stages), eq(stages.pipelineId, input.pipeline_id)));
      orderNr = m?.m === null || m?.m === undefined ? 1 : m.m + 1;
    }
    const [row] = await ctx.db
      .insert(stages)
      .values({
        companyId: ctx.companyId,
        pipelineId: input.pipeline_id,
        name: input.name,
        orderNr,
        dealProbability: input.deal_probability ?? 100,
        isDealRotEnabled: input.is_deal_rot_enabled ?? false,
        daysToRotten: input.days_to_rotten ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal', 'stage not created');
    await recordEvent(ctx, { itemType: 'stage', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updateStage(ctx: Ctx, id: number, input: StageInput): Promise<StageRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'stages');
    const before = await getStage(ctx, id);
    if (input.pipeline_id !== undefined && input.pipeline_id !== before.pipelineId) {
      await referenced('pipeline_id', () => getPipeline(ctx, input.pipeline_id as number));
    }
    const now = new Date();
    const [row] = await ctx.db
      .update(stages)
      .set({
        name: input.name ?? before.name,
        pipelineId: input.pipeline_id ?? before.pipelineId,
        orderNr: input.order_nr ?? before.orderNr,
        dealProbability: input.deal_probability ?? before.dealProbability,
        isDealRotEnabled: input.is_deal_rot_enabled ?? before.isDealRotEnabled,
        daysToRotten: input.days_to_rotten === undefined ? before.daysToRotten : input.days_to_rotten,
        updateTime: now,
      })
      .where(and(eq(stages.companyId, ctx.companyId), eq(stages.id, id)))
      .returning();
    if (!row) throw notFound('Stage');
    if (row.pipelineId !== before.pipelineId) {
      // Deals follow their stage into the other pipeline.
      await ctx.db
        .update(deals)
        .set({ pipelineId: row.pipelineId, updateTime: now })
        .where(and(eq(deals.companyId, ctx.companyId), eq(deals.stageId, id)));
    }
    await recordEvent(ctx, { itemType: 'stage', itemId: id, action: 'change' });
    return row;
  });
}

export async function deleteStage(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'stages');
    await getStage(ctx, id);
    if ((await countLiveDeals(ctx, 'stage', id)) > 0) {
      throw new AppError('conflict', 'The stage has deals; move or delete them first');
    }
    await ctx.db
      .update(stages)
      .set({ isDeleted: true, updateTime: new Date() })
      .where(and(eq(stages.companyId, ctx.companyId), eq(stages.id, id)));
    await recordEvent(ctx, { itemType: 'stage', itemId: id, action: 'delete' });
  });
}
