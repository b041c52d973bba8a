import { eq } from 'drizzle-orm';
import type { Tenant } from '../../../test/helpers/app.ts';
import { deals } from '../deals/tables.ts';
import { stagesOf } from '../deals/test-fixtures.ts';

/** Board tests: deals through the API, with the default pipeline's stages at hand. */
export async function boardOf(t: Tenant) {
  const { pipeline, stages } = await stagesOf(t);
  const addDeal = async (body: Record<string, unknown> = {}): Promise<number> => {
    const res = await t.post('/api/v2/deals', { title: 'A deal', stage_id: stages[0], ...body });
    if (res.status !== 200) throw new Error(`deal not added: ${JSON.stringify(res.body)}`);
    return res.body.data.id as number;
  };
  const cards = async (stageId: number, query: Record<string, string | number> = {}) => {
    const res = await t.get(`/api/ext/stages/${stageId}/cards`, query);
    if (res.status !== 200) throw new Error(`cards: ${JSON.stringify(res.body)}`);
    return res.body.data as { id: number; title: string; [k: string]: unknown }[];
  };
  const ids = async (stageId: number) => (await cards(stageId)).map((c) => c.id);
  return { pipeline, stages: stages as [number, number, number, number, number], addDeal, cards, ids };
}

/** Makes a deal look untouched for `days` days (rotting). */
export async function ageDeal(t: Tenant, id: number, days: number): Promise<void> {
  await t.db
    .update(deals)
    .set({ updateTime: new Date(Date.now() - days * 24 * 3600 * 1000) })
    .where(eq(deals.id, id));
}
