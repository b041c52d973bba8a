import { and, asc, eq, max, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped } from '../scope.ts';
import type { BoardInput, PhaseInput } from './schema.ts';
import { projectBoards, projectPhases, projects } from './tables.ts';

export type BoardRow = typeof projectBoards.$inferSelect;
export type PhaseRow = typeof projectPhases.$inferSelect;

/** The board a company gets on its first use of projects, and its phases. */
export const DEFAULT_BOARD = { name: 'Projects', phases: ['Planning', 'In progress', 'Review', 'Done'] };

/** Serializes a company's first use of projects, so two first requests make one default board. */
const FIRST_USE_LOCK = 0x70726f6a; // "proj"

/**
 * The company's boards, the default one made on first use: a company that never opened projects has
 * no rows here, and one that deleted every board gets the default again when it next needs one.
 */
export async function ensureBoards(ctx: Ctx): Promise<BoardRow[]> {
  const existing = await liveBoards(ctx);
  if (existing.length > 0) return existing;
  return inTx(ctx, async (tx) => {
    await tx.db.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_USE_LOCK}, ${tx.companyId}::int)`);
    const again = await liveBoards(tx);
    if (again.length > 0) return again;
    const board = await insertBoard(tx, { name: DEFAULT_BOARD.name });
    for (const name of DEFAULT_BOARD.phases) await insertPhase(tx, { name, board_id: board.id });
    return [board];
  });
}

function liveBoards(ctx: Ctx) {
  return ctx.db
    .select()
    .from(projectBoards)
    .where(scoped(ctx, projectBoards))
    .orderBy(asc(projectBoards.orderNr), asc(projectBoards.id));
}

export async function getBoard(ctx: Ctx, id: number, field?: string): Promise<BoardRow> {
  const [row] = await ctx.db
    .select()
    .from(projectBoards)
    .where(and(scoped(ctx, projectBoards), eq(projectBoards.id, id)));
  if (!row) throw new AppError('not_found', 'Board not found', field);
  return row;
}

async function nextOrder(ctx: Ctx, table: typeof projectBoards | typeof projectPhases, boardId?: number) {
  const where =
    boardId === undefined
      ? scoped(ctx, table)
      : and(scoped(ctx, projectPhases), eq(projectPhases.boardId, boardId));
  const [m] = await ctx.db
    .select({ m: max(table.orderNr) })
    .from(table)
    .where(where);
  return (m?.m ?? 0) + 1;
}

async function insertBoard(ctx: TxCtx, input: { name: string; order_nr?: number | undefined }) {
  const [row] = await ctx.db
    .insert(projectBoards)
    .values({
      companyId: ctx.companyId,
      name: input.name,
      orderNr: input.order_nr ?? (await nextOrder(ctx, projectBoards)),
    })
    .returning();
  if (!row) throw new AppError('internal', 'board not created');
  await recordEvent(ctx, { itemType: 'project_board', itemId: row.id, action: 'create' });
  return row;
}

export async function addBoard(ctx: Ctx, input: BoardInput & { name: string }): Promise<BoardRow> {
  await ensureBoards(ctx);
  return inTx(ctx, (tx) => insertBoard(tx, input));
}

export async function updateBoard(ctx: Ctx, id: number, input: BoardInput): Promise<BoardRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getBoard(ctx, id);
    const [row] = await ctx.db
      .update(projectBoards)
      .set({
        name: input.name ?? before.name,
        orderNr: input.order_nr ?? before.orderNr,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, projectBoards), eq(projectBoards.id, id)))
      .returning();
    if (!row) throw notFound('Board');
    await recordEvent(ctx, { itemType: 'project_board', itemId: id, action: 'change' });
    return row;
  });
}

/** A board with live projects cannot go: move or delete them first (a 409). */
export async function deleteBoard(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getBoard(ctx, id);
    const [used] = await ctx.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(scoped(ctx, projects), eq(projects.boardId, id)))
      .limit(1);
    if (used) throw new AppError('conflict', 'The board has projects; move or delete them first');
    const now = new Date();
    await ctx.db
      .update(projectBoards)
      .set({ isDeleted: true, updateTime: now })
      .where(and(scoped(ctx, projectBoards), eq(projectBoards.id, id)));
    await ctx.db
      .update(projectPhases)
      .set({ isDeleted: true, updateTime: now })
      .where(and(scoped(ctx, projectPhases), eq(projectPhases.boardId, id)));
    await recordEvent(ctx, { itemType: 'project_board', itemId: id, action: 'delete' });
  });
}

// ---------------------------------------------------------------- phases

export async function listPhases(ctx: Ctx, boardId: number): Promise<PhaseRow[]> {
  await ensureBoards(ctx);
  await getBoard(ctx, boardId, 'board_id');
  return ctx.db
    .select()
    .from(projectPhases)
    .where(and(scoped(ctx, projectPhases), eq(projectPhases.boardId, boardId)))
    .orderBy(asc(projectPhases.orderNr), asc(projectPhases.id));
}

export async function getPhase(ctx: Ctx, id: number, field?: string): Promise<PhaseRow> {
  const [row] = await ctx.db
    .select()
    .from(projectPhases)
    .where(and(scoped(ctx, projectPhases), eq(projectPhases.id, id)));
  if (!row) throw new AppError('not_found', 'Phase not found', field);
  return row;
}

async function insertPhase(
  ctx: TxCtx,
  input: { name: string; board_id: number; order_nr?: number | undefined },
) {
  const [row] = await ctx.db
    .insert(projectPhases)
    .values({
      companyId: ctx.companyId,
      boardId: input.board_id,
      name: input.name,
      orderNr: input.order_nr ?? (await nextOrder(ctx, projectPhases, input.board_id)),
    })
    .returning();
  if (!row) throw new AppError('internal', 'phase not created');
  await recordEvent(ctx, { itemType: 'project_phase', itemId: row.id, action: 'create' });
  return row;
}

export async function addPhase(
  ctx: Ctx,
  input: PhaseInput & { name: string; board_id: number },
): Promise<PhaseRow> {
  return inTx(ctx, async (tx) => {
    await getBoard(tx, input.board_id, 'board_id');
    return insertPhase(tx, input);
  });
}

/** Moving a phase to another board is refused while it has projects (they would leave their board). */
export async function updatePhase(ctx: Ctx, id: number, input: PhaseInput): Promise<PhaseRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getPhase(ctx, id);
    if (input.board_id !== undefined && input.board_id !== before.boardId) {
      await getBoard(ctx, input.board_id, 'board_id');
      if (await phaseUsed(ctx, id)) {
        throw new AppError('conflict', 'The phase has projects; it cannot move to another board', 'board_id');
      }
    }
    const [row] = await ctx.db
      .update(projectPhases)
      .set({
        name: input.name ?? before.name,
        boardId: input.board_id ?? before.boardId,
        orderNr: input.order_nr ?? before.orderNr,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, projectPhases), eq(projectPhases.id, id)))
      .returning();
    if (!row) throw notFound('Phase');
    await recordEvent(ctx, { itemType: 'project_phase', itemId: id, action: 'change' });
    return row;
  });
}

async function phaseUsed(ctx: Ctx, id: number): Promise<boolean> {
  const [used] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(scoped(ctx, projects), eq(projects.phaseId, id)))
    .limit(1);
  return used !== undefined;
}

export async function deletePhase(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getPhase(ctx, id);
    if (await phaseUsed(ctx, id)) {
      throw new AppError('conflict', 'The phase has projects; move or delete them first');
    }
    await ctx.db
      .update(projectPhases)
      .set({ isDeleted: true, updateTime: new Date() })
      .where(and(scoped(ctx, projectPhases), eq(projectPhases.id, id)));
    await recordEvent(ctx, { itemType: 'project_phase', itemId: id, action: 'delete' });
  });
}

/** The board's first phase: where a project lands when only its board is given. */
export async function firstPhase(ctx: Ctx, boardId: number): Promise<PhaseRow> {
  const [row] = await ctx.db
    .select()
    .from(projectPhases)
    .where(and(scoped(ctx, projectPhases), eq(projectPhases.boardId, boardId)))
    .orderBy(asc(projectPhases.orderNr), asc(projectPhases.id))
    .limit(1);
  if (!row) throw new AppError('conflict', 'The board has no phases; add one first', 'board_id');
  return row;
}
