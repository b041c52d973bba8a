import type { UniqueIdentifier } from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';

/**
 * Where a dragged card lands, decided without the DOM: the board's columns (deal ids per stage, in
 * order) and the droppable the card is over (`deal:<id>`, `stage:<id>` or `zone:<action>`).
 */

export type Columns = Record<number, number[]>;

export const isZone = (id: UniqueIdentifier) => String(id).startsWith('zone:');
export const dealIdOf = (id: UniqueIdentifier) => Number(String(id).replace(/^deal:/, ''));

export function stageOf(columns: Columns, dealId: number): number | null {
  for (const [stage, ids] of Object.entries(columns)) if (ids.includes(dealId)) return Number(stage);
  return null;
}

/** The column and index a droppable stands for: a column's end, or the place of the card it is over. */
export function dropTarget(
  columns: Columns,
  overId: UniqueIdentifier,
): { stage: number; index: number } | null {
  const id = String(overId);
  if (id.startsWith('stage:')) {
    const stage = Number(id.slice(6));
    return { stage, index: columns[stage]?.length ?? 0 };
  }
  if (id.startsWith('deal:')) {
    const deal = dealIdOf(overId);
    const stage = stageOf(columns, deal);
    return stage === null ? null : { stage, index: columns[stage]?.indexOf(deal) ?? 0 };
  }
  return null;
}

/**
 * The columns while a card is dragged over another column: taken out of its own, put where it is over
 * (after the card it is over when `below` its middle). Null when nothing changes: over its own column
 * (dnd-kit previews that), over the drop bar, or over nothing known.
 */
export function previewOver(
  columns: Columns,
  dealId: number,
  overId: UniqueIdentifier,
  below: boolean,
): Columns | null {
  if (isZone(overId)) return null;
  const current = stageOf(columns, dealId);
  const to = dropTarget(columns, overId);
  if (current === null || !to || to.stage === current) return null;
  const next = { ...columns };
  next[current] = (next[current] ?? []).filter((d) => d !== dealId);
  const list = [...(next[to.stage] ?? [])];
  list.splice(
    Math.min(to.index + (below && String(overId).startsWith('deal:') ? 1 : 0), list.length),
    0,
    dealId,
  );
  next[to.stage] = list;
  return next;
}

/**
 * Where a dropped card goes: its stage and that column's order after the drop, or null when the drop
 * changes nothing (same column, same order as `original`, the column it came from as loaded).
 */
export function dropResult(
  columns: Columns,
  dealId: number,
  overId: UniqueIdentifier,
  from: number,
  original: number[],
): { stage: number; ids: number[] } | null {
  const stage = stageOf(columns, dealId);
  const to = dropTarget(columns, overId);
  if (stage === null || !to) return null;
  let ids = columns[stage] ?? [];
  if (to.stage === stage && String(overId).startsWith('deal:')) {
    ids = arrayMove(ids, ids.indexOf(dealId), to.index);
  }
  if (stage === from && ids.join() === original.join()) return null;
  return { stage, ids };
}

/** The body of POST /api/ext/deals/{id}/move: the stage and the neighbour the card goes after or before. */
export function moveBody(
  stage: number,
  ids: number[],
  dealId: number,
): { stage_id: number; after_id?: number; before_id?: number } {
  const index = ids.indexOf(dealId);
  if (index > 0) return { stage_id: stage, after_id: ids[index - 1] as number };
  if (ids.length > 1) return { stage_id: stage, before_id: ids[1] as number };
  return { stage_id: stage };
}
