import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Box, Group, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import {
  type BoardFilter,
  type BoardStage,
  type DealCard,
  type Totals,
  useStageCards,
} from '../../../api/deals.ts';
import { ErrorState, Loading } from '../../../components/states.tsx';
import { formatPercent } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { flatCards } from '../board-cache.ts';
import { sumsText } from '../format.ts';
import { cardDndId, SortableDealCard } from './sortable-card.tsx';

export const stageDndId = (id: number) => `stage:${id}`;
export const COLUMN_WIDTH = 264;

/** "$1,500 + €200": the default currency first, then the others the stage's deals use. */
function sumText(t: Totals, key: 'total_value' | 'weighted_value'): string {
  return sumsText(
    t[key],
    t.currency,
    Object.fromEntries(Object.entries(t.currencies).map(([c, s]) => [c, s[key]])),
  );
}

export interface BoardColumnProps {
  stage: BoardStage;
  filter: BoardFilter;
  /** while dragging: the card ids this column shows, in order */
  previewIds: number[] | null;
  /** the card being dragged (it may come from another column) */
  activeCard: DealCard | null;
}

/** One stage of the board: its sums from the server and its cards, 50 at a time as you scroll. */
export function BoardColumn({ stage, filter, previewIds, activeCard }: BoardColumnProps) {
  const t = useT();
  const q = useStageCards(stage.id, filter);
  const cards = useMemo(() => flatCards(q.data), [q.data]);
  const byId = useMemo(() => {
    const m = new Map(cards.map((c) => [c.id, c]));
    if (activeCard) m.set(activeCard.id, activeCard);
    return m;
  }, [cards, activeCard]);
  const ids = previewIds ?? cards.map((c) => c.id);
  const shown = ids.map((id) => byId.get(id)).filter((c): c is DealCard => c !== undefined);

  const { setNodeRef, isOver } = useDroppable({
    id: stageDndId(stage.id),
    data: { type: 'stage', stageId: stage.id },
  });

  // Load the next page when the end of the column scrolls into view.
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { root: scroller.current, rootMargin: '200px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const headingId = `stage-${stage.id}-name`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      data-stage-id={stage.id}
      bg="gray.0"
      withBorder
      radius="sm"
      w={COLUMN_WIDTH}
      miw={COLUMN_WIDTH}
      style={{ display: 'flex', flexDirection: 'column', maxHeight: '100%' }}
    >
      <Box p="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Title order={3} size="sm" id={headingId} lineClamp={1} title={stage.name}>
            {stage.name}
          </Title>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="stage-count">
            {t('deals.column.count', { count: stage.count })}
          </Text>
        </Group>
        <Text size="xs" fw={500} data-testid="stage-total">
          {sumText(stage, 'total_value')}
        </Text>
        <Tooltip
          label={t('deals.column.weightedHint', { probability: formatPercent(stage.deal_probability) })}
          withArrow
        >
          <Text size="xs" c="dimmed" data-testid="stage-weighted">
            {t('deals.column.weighted', { sum: sumText(stage, 'weighted_value') })}
          </Text>
        </Tooltip>
      </Box>
      <Box
        ref={(el: HTMLDivElement | null) => {
          scroller.current = el;
          setNodeRef(el);
        }}
        p={6}
        style={{
          overflowY: 'auto',
          flex: 1,
          minHeight: 120,
          background: isOver ? 'var(--mantine-color-teal-0)' : undefined,
        }}
      >
        {q.isPending ? (
          <Loading label={t('deals.column.loading', { stage: stage.name })} />
        ) : q.isError ? (
          <ErrorState error={q.error} />
        ) : (
          <SortableContext items={ids.map(cardDndId)} strategy={verticalListSortingStrategy}>
            <Stack gap={6}>
              {shown.map((c) => (
                <SortableDealCard key={c.id} card={c} stageId={stage.id} />
              ))}
              {shown.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="md">
                  {t('deals.column.empty')}
                </Text>
              )}
            </Stack>
          </SortableContext>
        )}
        <div ref={sentinel} style={{ height: 1 }} />
        {isFetchingNextPage && (
          <Group justify="center" py={4}>
            <Loader size="xs" aria-label={t('deals.column.loadingMore')} />
          </Group>
        )}
      </Box>
    </Paper>
  );
}
