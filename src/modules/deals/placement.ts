import { and, eq, max } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { invalid, referenced } from '../errors.ts';
import { getFirstStage, getPipeline, getStage, resolveStage, type StageRow } from '../pipelines/service.ts';
import { scoped } from '../scope.ts';
import { deals } from './tables.ts';

export interface PlacementInput {
  pipeline_id?: number | undefined;
  stage_id?: number | undefined;
}

/** A stage given with a pipeline must belong to it; an unknown pipeline is still a 404 naming it. */
async function assertStageInPipeline(ctx: Ctx, stage: StageRow, pipelineId: number | undefined) {
  if (pipelineId === undefined || pipelineId === stage.pipelineId) return;
  await referenced('pipeline_id', () => getPipeline(ctx, pipelineId));
  throw invalid('stage_id', `stage ${stage.id} is not in pipeline ${pipelineId}`);
}

/** Where a new deal goes: the stage (implying its pipeline), a pipeline's first stage, or the default. */
export async function placeNewDeal(ctx: Ctx, input: PlacementInput): Promise<StageRow> {
  const stage = await resolveStage(ctx, input);
  await assertStageInPipeline(ctx, stage, input.pipeline_id);
  return stage;
}

/**
 * Where an updated deal goes, or null when it stays: a new stage moves the deal into the stage's
 * pipeline; a new pipeline alone means its first stage; both must agree.
 */
export async function moveDeal(
  ctx: Ctx,
  current: { stageId: number; pipelineId: number },
  input: PlacementInput,
): Promise<StageRow | null> {
  if (input.stage_id !== undefined) {
    const stageId = input.stage_id;
    const stage = await referenced('stage_id', () => getStage(ctx, stageId));
    await assertStageInPipeline(ctx, stage, input.pipeline_id);
    return stage.id === current.stageId ? null : stage;
  }
  if (input.pipeline_id !== undefined && input.pipeline_id !== current.pipelineId) {
    const pipelineId = input.pipeline_id;
    await referenced('pipeline_id', () => getPipeline(ctx, pipelineId));
    return getFirstStage(ctx, pipelineId);
  }
  return null;
}

/** Kanban position at the end of a stage (float positions: a move is one row update). */
export async function endOfStage(ctx: Ctx, stageId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ m: max(deals.position) })
    .from(deals)
    // every card of the stage counts, deleted or hidden from the caller: positions are the stage's
    .where(and(scoped(ctx, deals, { deleted: 'too', visibility: 'any' }), eq(deals.stageId, stageId)));
  return (row?.m ?? 0) + 1;
}
