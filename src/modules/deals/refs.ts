import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { deals } from './tables.ts';

/** Whether a referenced deal exists for the caller (company, not deleted, visible). */
export async function findDealRef(ctx: Ctx, id: number, field = 'deal_id') {
  const [row] = await ctx.db
    .select({ id: deals.id, title: deals.title, isArchived: deals.isArchived })
    .from(deals)
    .where(and(scoped(ctx, deals), eq(deals.id, id)));
  if (!row) throw new AppError('not_found', 'Deal not found', field);
  return row;
}
