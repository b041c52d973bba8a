import { and, asc, eq } from 'drizzle-orm';
import { getDefaultPipeline } from '../../src/modules/pipelines/service.ts';
import { stages } from '../../src/modules/pipelines/tables.ts';
import type { Maker } from './tenant.ts';

/** The default pipeline (made with the company) and its stage ids in order. */
export async function stagesOf(t: Maker): Promise<{ pipeline: number; stages: number[] }> {
  const pipeline = (await getDefaultPipeline(t.ctx)).id;
  const rows = await t.db
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.pipelineId, pipeline), eq(stages.isDeleted, false)))
    .orderBy(asc(stages.orderNr), asc(stages.id));
  return { pipeline, stages: rows.map((s) => s.id) };
}
