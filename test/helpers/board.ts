import type { DealOverrides } from '../factories/deals.ts';
import { makeDeal } from '../factories/deals.ts';
import { stagesOf } from '../factories/pipelines.ts';
import type { Tenant } from './app.ts';

/** Board tests: the default pipeline's stages, deals made in its first stage, and the cards read over the API. */
export async function boardOf(t: Tenant) {
  const { pipeline, stages } = await stagesOf(t);
  const addDeal = async (o: DealOverrides = {}): Promise<number> =>
    (await makeDeal(t, { title: 'A deal', stage_id: stages[0], ...o })).id;
  const cards = async (stageId: number, query: Record<string, string | number> = {}) => {
    const res = await t.get(`/api/ext/stages/${stageId}/cards`, query);
    if (res.status !== 200) throw new Error(`cards: ${JSON.stringify(res.body)}`);
    return res.body.data as { id: number; title: string; [k: string]: unknown }[];
  };
  const ids = async (stageId: number) => (await cards(stageId)).map((c) => c.id);
  return { pipeline, stages: stages as [number, number, number, number, number], addDeal, cards, ids };
}
