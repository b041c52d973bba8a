import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid, referenced } from '../errors.ts';
import { getStage, type StageRow } from '../pipelines/service.ts';
import { scoped } from '../scope.ts';
import { endOfStage } from './placement.ts';
import type { DealRow } from './present.ts';
import { getDeal, writeDeal } from './service.ts';
import { assertChangeable } from './status.ts';
import { deals } from './tables.ts';

/** Where a kanban card goes: a stage, and optionally the card it lands before or after. */
export interface MoveDealInput {
  stage_id: number;
  /** the card that will come right after the moved one */
  before_id?: number | undefined;
  /** the card that will come right before the moved one */
  after_id?: number | undefined;
}

interface Slot {
  id: number;
  position: number;
}

/** A neighbour card named by the request: visible, not deleted, in the target stage. */
async function neighbour(ctx: Ctx, id: number, field: string, stageId: number, movingId: number) {
  if (id === movingId) throw invalid(field, 'must be another deal than the one moved');
  const [row] = await ctx.db
    .select({ id: deals.id, stageId: deals.stageId, position: deals.position })
    .from(deals)
    .where(and(scoped(ctx, deals), eq(deals.id, id)));
  if (!row) throw new AppError('not_found', 'Deal not found', field);
  if (row.stageId !== stageId) throw invalid(field, `deal ${id} is not in stage ${stageId}`);
  return row;
}

/** The card next to `from` in the stage (any deal, seen or not), skipping the one being moved. */
async function adjacent(ctx: Ctx, stageId: number, from: Slot, movingId: number, side: 'before' | 'after') {
  const cmp = side === 'before' ? sql`<` : sql`>`;
  const dir = side === 'before' ? desc : asc;
  const [row] = await ctx.db
    .select({ id: deals.id, position: deals.position })
    .from(deals)
    .where(
      and(
        scoped(ctx, deals, { deleted: 'too', visibility: 'any' }),
        eq(deals.stageId, stageId),
        ne(deals.id, movingId),
        sql`(${deals.position}, ${deals.id}) ${cmp} (${from.position}::float8, ${from.id}::bigint)`,
      ),
    )
    .orderBy(dir(deals.position), dir(deals.id))
    .limit(1);
  return row ?? null;
}

/**
 * Spreads a stage's positions out again (1, 2, 3… in the current order) when repeated halving has run
 * out of room between two cards. One set-based statement; rare.
 */
async function renumberStage(ctx: Ctx, stageId: number): Promise<void> {
  await ctx.db.execute(sql`
    UPDATE ${deals} AS d SET position = r.rn
    FROM (
      SELECT id, row_number() OVER (ORDER BY position, id) AS rn
      FROM ${deals}
      WHERE ${scoped(ctx, deals, { deleted: 'too', visibility: 'any' })} AND stage_id = ${stageId}
    ) AS r
    WHERE d.company_id = ${ctx.companyId} AND d.id = r.id`);
}

/** A float strictly between the two neighbours, or null when there is none left. */
function between(low: number | null, high: number | null): number | null {
  if (low === null && high === null) return 1;
  if (low === null) return (high as number) - 1;
  if (high === null) return low + 1;
  const mid = low + (high - low) / 2;
  return mid > low && mid < high ? mid : null;
}

async function positionFor(ctx: Ctx, movingId: number, stageId: number, input: MoveDealInput) {
  if (input.before_id === undefined && input.after_id === undefined) return endOfStage(ctx, stageId);
  for (let attempt = 0; attempt < 2; attempt++) {
    let low: number | null;
    let high: number | null;
    if (input.before_id !== undefined) {
      const next = await neighbour(ctx, input.before_id, 'before_id', stageId, movingId);
      high = next.position;
      low = (await adjacent(ctx, stageId, next, movingId, 'before'))?.position ?? null;
    } else {
      const prev = await neighbour(ctx, input.after_id as number, 'after_id', stageId, movingId);
      low = prev.position;
      high = (await adjacent(ctx, stageId, prev, movingId, 'after'))?.position ?? null;
    }
    const position = between(low, high);
    if (position !== null) return position;
    await renumberStage(ctx, stageId);
  }
  throw new AppError('conflict', 'Could not place the deal; try again');
}

/**
 * Moves a deal on the kanban board: to a stage (and with it the stage's pipeline) and to a place in
 * that stage, before or after a neighbour card, or at the end. One row update (float positions). A
 * stage change is recorded in the changelog like a PATCH of stage_id and resets rotting; a reorder
 * within the stage keeps update_time. Archived deals refuse (403), as for every change.
 */
export async function moveDealOnBoard(
  ctx: Ctx,
  id: number,
  input: MoveDealInput,
): Promise<{ deal: DealRow; stage: StageRow }> {
  return inTx(ctx, async (ctx) => {
    if (input.before_id !== undefined && input.after_id !== undefined) {
      throw invalid('before_id', 'give before_id or after_id, not both');
    }
    const before = await getDeal(ctx, id, { forUpdate: true });
    assertChangeable(before, {});
    const stage = await referenced('stage_id', () => getStage(ctx, input.stage_id));
    const position = await positionFor(ctx, id, stage.id, input);
    const set: Partial<typeof deals.$inferInsert> = { position };
    if (stage.id !== before.stageId) {
      const now = new Date();
      Object.assign(set, {
        stageId: stage.id,
        pipelineId: stage.pipelineId,
        stageChangeTime: now,
        updateTime: now,
      });
    }
    return { deal: await writeDeal(ctx, before, set), stage };
  });
}
