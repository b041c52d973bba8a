import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DealRow } from '../../src/modules/deals/present.ts';
import { AddDealBody } from '../../src/modules/deals/schema.ts';
import { addDeal } from '../../src/modules/deals/service.ts';
import { deals } from '../../src/modules/deals/tables.ts';
import { daysAgo, type Maker } from './tenant.ts';

/** The body of POST /api/v2/deals (is_deleted, is_archived and status included). */
export type DealOverrides = Partial<z.input<typeof AddDealBody>>;

/** A deal written by `addDeal`, in the default pipeline's first stage unless told. */
export async function makeDeal(t: Maker, o: DealOverrides = {}): Promise<DealRow> {
  return addDeal(t.ctx, AddDealBody.parse({ title: 'Big deal', ...o }), 'API');
}

/** Makes a deal look untouched for `days` days (rotting): the API always stamps now. */
export async function ageDeal(t: Pick<Maker, 'db'>, id: number, days: number): Promise<void> {
  await t.db
    .update(deals)
    .set({ updateTime: daysAgo(days) })
    .where(eq(deals.id, id));
}

/** The deal's row as stored, deleted or not. */
export async function dealRow(t: Pick<Maker, 'db'>, id: number): Promise<DealRow> {
  const [row] = await t.db.select().from(deals).where(eq(deals.id, id));
  if (!row) throw new Error(`no deal ${id}`);
  return row;
}

/** The deal's next and last activity, as the writes keep them. */
export async function dealPointers(
  t: Pick<Maker, 'db'>,
  id: number,
): Promise<{ next: number | null; last: number | null }> {
  const row = await dealRow(t, id);
  return { next: row.nextActivityId, last: row.lastActivityId };
}

/** The deals a lead was converted to, oldest first. */
export async function dealsFromLead(t: Pick<Maker, 'db' | 'ctx'>, leadId: string): Promise<DealRow[]> {
  return t.db
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, t.ctx.companyId), eq(deals.sourceLeadId, leadId)))
    .orderBy(deals.id);
}
