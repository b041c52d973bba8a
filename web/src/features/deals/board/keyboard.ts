import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';
import { cardDndId } from './sortable-card.tsx';

/**
 * Moving a lifted card with the arrow keys, predictably: Up/Down go through the cards of its column
 * and, past the last one, down to the drop bar (Delete, Lost, Won, Convert to lead); Left/Right go to
 * the neighbouring column (or drop-bar zone).
 */

export interface KeyboardLayout {
  /** stage ids, left to right */
  stages: number[];
  /** card ids per stage, as the board shows them while dragging */
  columns: Record<number, number[]>;
  /** drop-bar zone ids, left to right */
  zones: string[];
}

type Place =
  | { kind: 'card'; stage: number; index: number }
  | { kind: 'stage'; stage: number }
  | { kind: 'zone'; index: number };

function placeOf(layout: KeyboardLayout, id: string | null, activeDeal: number): Place | null {
  const find = (deal: number): Place | null => {
    for (const stage of layout.stages) {
      const index = layout.columns[stage]?.indexOf(deal) ?? -1;
      if (index >= 0) return { kind: 'card', stage, index };
    }
    return null;
  };
  if (id?.startsWith('deal:')) return find(Number(id.slice(5)));
  if (id?.startsWith('stage:')) return { kind: 'stage', stage: Number(id.slice(6)) };
  if (id?.startsWith('zone:')) {
    const index = layout.zones.indexOf(id);
    return index >= 0 ? { kind: 'zone', index } : null;
  }
  return find(activeDeal);
}

/** The droppable to go to from `over` with an arrow key, or null to stay. */
export function nextTarget(
  layout: KeyboardLayout,
  over: string | null,
  activeDeal: number,
  key: string,
  lastStage: number | null,
): string | null {
  const at = placeOf(layout, over, activeDeal);
  if (!at) return null;
  const column = (stage: number, index: number) => {
    const ids = layout.columns[stage] ?? [];
    const others = ids.filter((d) => d !== activeDeal);
    if (others.length === 0) return `stage:${stage}`;
    return cardDndId(ids[Math.max(0, Math.min(index, ids.length - 1))] as number);
  };
  const zoneUnder = (stage: number) => {
    const c = layout.stages.indexOf(stage);
    const share = layout.stages.length > 1 ? c / (layout.stages.length - 1) : 0;
    return layout.zones[Math.round(share * (layout.zones.length - 1))] ?? null;
  };
  if (at.kind === 'zone') {
    if (key === KeyboardCode.Left) return layout.zones[at.index - 1] ?? null;
    if (key === KeyboardCode.Right) return layout.zones[at.index + 1] ?? null;
    if (key === KeyboardCode.Up) {
      const stage = lastStage ?? layout.stages[0];
      return stage === undefined ? null : column(stage, Number.MAX_SAFE_INTEGER);
    }
    return null;
  }
  const ids = layout.columns[at.stage] ?? [];
  const index = at.kind === 'card' ? at.index : ids.length;
  if (key === KeyboardCode.Down) {
    const next = at.kind === 'card' ? ids[at.index + 1] : undefined;
    return next === undefined ? zoneUnder(at.stage) : cardDndId(next);
  }
  if (key === KeyboardCode.Up) {
    const prev = at.kind === 'card' ? ids[at.index - 1] : ids[ids.length - 1];
    return prev === undefined ? null : cardDndId(prev);
  }
  const c = layout.stages.indexOf(at.stage) + (key === KeyboardCode.Right ? 1 : -1);
  const stage = layout.stages[c];
  return stage === undefined ? null : column(stage, index);
}

const ARROWS: string[] = [KeyboardCode.Down, KeyboardCode.Up, KeyboardCode.Left, KeyboardCode.Right];

/**
 * A coordinate getter over `nextTarget`: it puts the card onto the target droppable and tells
 * `onTarget`, so that collision detection can answer that target exactly.
 */
export function boardKeyboardCoordinates(
  layout: () => KeyboardLayout,
  activeDeal: () => number | null,
  onTarget: (id: string) => void,
  lastStage: () => number | null,
): KeyboardCoordinateGetter {
  return (event, { context: { collisionRect, droppableRects, over } }) => {
    if (!ARROWS.includes(event.code)) return undefined;
    event.preventDefault();
    const deal = activeDeal();
    if (deal === null || !collisionRect) return undefined;
    const target = nextTarget(layout(), over ? String(over.id) : null, deal, event.code, lastStage());
    const rect = target ? droppableRects.get(target) : undefined;
    if (!target || !rect) return undefined;
    onTarget(target);
    // centre the card on the target (a column body is tall: its top instead)
    const y = target.startsWith('stage:') ? rect.top : rect.top + (rect.height - collisionRect.height) / 2;
    return { x: rect.left + (rect.width - collisionRect.width) / 2, y };
  };
}
