import type { InfiniteData } from '@tanstack/react-query';
import type { BoardData, BoardStage, CardsPage, DealCard, Sums } from '../../api/deals.ts';

/** Pure updates of the cached board, for optimistic moves and removals. */

export type CardsData = InfiniteData<CardsPage, unknown>;

/** The cards of a column as loaded so far, in order, each once (a moved card may come back in a later page). */
export function flatCards(data: CardsData | undefined): DealCard[] {
  const seen = new Set<number>();
  const out: DealCard[] = [];
  for (const page of data?.pages ?? []) {
    for (const c of page.cards) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export function withoutCard(data: CardsData | undefined, id: number): CardsData | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p) => ({ ...p, cards: p.cards.filter((c) => c.id !== id) })) };
}

/** Puts a card at an index of the flattened column; the page that holds that place grows by one. */
export function withCardAt(
  data: CardsData | undefined,
  card: DealCard,
  index: number,
): CardsData | undefined {
  const cleaned = withoutCard(data, card.id);
  if (!cleaned || cleaned.pages.length === 0) {
    return { pages: [{ cards: [card], next: null }], pageParams: [null] };
  }
  let remaining = index;
  let placed = false;
  const pages = cleaned.pages.map((p, i) => {
    if (placed) return p;
    const last = i === cleaned.pages.length - 1;
    if (remaining < p.cards.length || last) {
      const cards = [...p.cards];
      cards.splice(Math.min(remaining, cards.length), 0, card);
      placed = true;
      return { ...p, cards };
    }
    remaining -= p.cards.length;
    return p;
  });
  return { ...cleaned, pages };
}

export function replaceCard(data: CardsData | undefined, card: DealCard): CardsData | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((p) => ({ ...p, cards: p.cards.map((c) => (c.id === card.id ? card : c)) })),
  };
}

function shift(sums: Sums | undefined, card: DealCard, probability: number, sign: 1 | -1): Sums {
  const base = sums ?? { count: 0, total_value: 0, weighted_value: 0 };
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: Math.max(0, base.count + sign),
    total_value: round(base.total_value + sign * card.value),
    weighted_value: round(base.weighted_value + (sign * card.value * probability) / 100),
  };
}

function shiftStage(stage: BoardStage, card: DealCard, sign: 1 | -1): BoardStage {
  const probability = card.probability ?? stage.deal_probability;
  const cur = shift(stage.currencies[card.currency], card, probability, sign);
  const currencies = { ...stage.currencies, [card.currency]: cur };
  if (cur.count === 0) delete currencies[card.currency];
  const own = card.currency === stage.currency ? cur : null;
  return {
    ...stage,
    currencies,
    count: Math.max(0, stage.count + sign),
    total_value: own ? own.total_value : stage.total_value,
    weighted_value: own ? own.weighted_value : stage.weighted_value,
  };
}

/**
 * The board's sums after a card leaves a stage (`to` null: it left the board: won, lost, deleted,
 * converted) or enters another one. The server's sums replace these once it answers.
 */
export function movedTotals(board: BoardData | undefined, card: DealCard, from: number, to: number | null) {
  if (!board || from === to) return board;
  const stages = board.stages.map((s) => {
    if (s.id === from) return shiftStage(s, card, -1);
    if (s.id === to) return shiftStage(s, card, 1);
    return s;
  });
  if (to !== null) return { ...board, stages };
  const prob = card.probability ?? board.stages.find((s) => s.id === from)?.deal_probability ?? 100;
  const cur = shift(board.totals.currencies[card.currency], card, prob, -1);
  const own = card.currency === board.totals.currency ? cur : null;
  return {
    ...board,
    stages,
    totals: {
      ...board.totals,
      currencies: { ...board.totals.currencies, [card.currency]: cur },
      count: Math.max(0, board.totals.count - 1),
      total_value: own ? own.total_value : board.totals.total_value,
      weighted_value: own ? own.weighted_value : board.totals.weighted_value,
    },
  };
}
