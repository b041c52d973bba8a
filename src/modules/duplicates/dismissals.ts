import { and, eq, inArray, or } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { duplicateDismissals } from './tables.ts';

export type PairKind = 'person' | 'organization';

/**
 * Records that two persons (or two organizations) the caller sees are not duplicates: the pair is left
 * out of the list and of each one's look-up (GET /api/ext/duplicates?id=). Saying it again changes
 * nothing and writes no second event.
 */
export async function dismissPair(
  ctx: Ctx,
  kind: PairKind,
  ids: [number, number],
): Promise<{ kind: PairKind; ids: [number, number]; created: boolean }> {
  const low = Math.min(...ids);
  const high = Math.max(...ids);
  if (low === high) throw invalid('ids', 'two different ids');
  return inTx(ctx, async (tx) => {
    const seen =
      kind === 'person'
        ? await tx.db
            .select({ id: persons.id })
            .from(persons)
            .where(and(scoped(tx, persons), inArray(persons.id, [low, high])))
        : await tx.db
            .select({ id: organizations.id })
            .from(organizations)
            .where(and(scoped(tx, organizations), inArray(organizations.id, [low, high])));
    const missing = [low, high].find((id) => !seen.some((s) => s.id === id));
    if (missing !== undefined) throw new AppError('not_found', `${kind} ${missing} not found`, 'ids');
    const [row] = await tx.db
      .insert(duplicateDismissals)
      .values({ companyId: tx.companyId, kind, lowId: low, highId: high, userId: tx.actor.userId })
      .onConflictDoNothing()
      .returning({ id: duplicateDismissals.id });
    if (row) {
      await recordEvent(tx, {
        itemType: 'duplicate_dismissal',
        action: 'create',
        itemId: row.id,
        changes: [
          { field_key: 'kind', old_value: null, new_value: kind },
          { field_key: 'ids', old_value: null, new_value: [low, high] },
        ],
      });
    }
    return { kind, ids: [low, high], created: row !== undefined };
  });
}

export /** The dismissed partners (higher ids) of the records `lowIds`. */
async function dismissedAbove(ctx: Ctx, kind: PairKind, lowIds: number[]): Promise<Set<string>> {
  if (lowIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ low: duplicateDismissals.lowId, high: duplicateDismissals.highId })
    .from(duplicateDismissals)
    .where(
      and(
        scoped(ctx, duplicateDismissals),
        eq(duplicateDismissals.kind, kind),
        inArray(duplicateDismissals.lowId, lowIds),
      ),
    );
  return new Set(rows.map((r) => `${r.low}:${r.high}`));
}

/** The records said not to be duplicates of `id` (either side of the pair). */
export async function dismissedWith(ctx: Ctx, kind: PairKind, id: number): Promise<Set<number>> {
  const d = duplicateDismissals;
  const rows = await ctx.db
    .select({ low: d.lowId, high: d.highId })
    .from(d)
    .where(and(scoped(ctx, d), eq(d.kind, kind), or(eq(d.lowId, id), eq(d.highId, id))));
  return new Set(rows.map((r) => (r.low === id ? r.high : r.low)));
}
