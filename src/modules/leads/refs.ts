import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { leads } from './tables.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a referenced lead exists for the caller (company, not deleted, visible). Archived leads
 * count as existing; callers that must not touch archived leads check `isArchived`.
 */
export async function findLeadRef(ctx: Ctx, id: string, field = 'lead_id') {
  if (!UUID.test(id))
    throw new AppError('validation_failed', `Validation failed: ${field}: expected a UUID`, field);
  const [row] = await ctx.db
    .select({ id: leads.id, title: leads.title, isArchived: leads.isArchived })
    .from(leads)
    .where(and(scoped(ctx, leads), eq(leads.id, id)));
  if (!row) throw new AppError('not_found', 'Lead not found', field);
  return row;
}
