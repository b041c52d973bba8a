import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type BoardFilter, type Totals, useBoard } from '../../../api/deals.ts';
import { usePipelines } from '../../../api/pipelines.ts';
import { useUsers } from '../../../api/users.ts';
import { CardFieldContext } from '../../../components/custom-fields/index.ts';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { type Translate, useT } from '../../../i18n/provider.tsx';
import { sumsText } from '../format.ts';
import { AddDealDialog } from './add-deal-dialog.tsx';
import { BoardDnd } from './board-dnd.tsx';
import { BoardSettings, useCardFieldChoice } from './board-settings.tsx';

function totalsText(t: Translate, totals: Totals): string {
  const sums = (key: 'total_value' | 'weighted_value') =>
    sumsText(
      totals[key],
      totals.currency,
      Object.fromEntries(Object.entries(totals.currencies).map(([c, s]) => [c, s[key]])),
    );
  return t('deals.board.totals', {
    count: totals.count,
    total: sums('total_value'),
    weighted: sums('weighted_value'),
  });
}

/** The pipeline view: one column per stage, cards dragged between them; the pipeline is in ?pipeline=. */
export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const t = useT();
  const pipelines = usePipelines();
  const users = useUsers();
  const [adding, setAdding] = useState(false);

  const wanted = Number(params.get('pipeline'));
  const pipeline = pipelines.data?.find((p) => p.id === wanted) ?? pipelines.data?.[0] ?? null;
  const ownerParam = params.get('owner');
  const ownerId = ownerParam && /^\d+$/.test(ownerParam) ? Number(ownerParam) : undefined;
  const cardField = useCardFieldChoice();
  const cardCode = cardField.field?.field_code;
  const filter = useMemo<BoardFilter>(
    () => ({
      ...(ownerId ? { owner_id: ownerId } : {}),
      ...(cardCode ? { custom_fields: cardCode } : {}),
    }),
    [ownerId, cardCode],
  );
  const board = useBoard(pipeline?.id ?? null, filter);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: false },
    );

  if (pipelines.isPending) return <Loading label={t('deals.board.loadingPipelines')} />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} />;
  if (!pipeline) return <Empty>{t('deals.board.noPipeline')}</Empty>;

  return (
    <Stack gap="sm" h="calc(100dvh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={0}>
          <Title order={2}>{pipeline.name}</Title>
          <Text size="sm" c="dimmed" data-testid="pipeline-totals">
            {board.data ? totalsText(t, board.data.totals) : ' '}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('deals.board.pipeline')}
            w={{ base: 160, sm: 200 }}
            allowDeselect={false}
            data={pipelines.data.map((p) => ({ value: String(p.id), label: p.name }))}
            value={String(pipeline.id)}
            onChange={(v) => v && setParam('pipeline', v)}
          />
          <Select
            label={t('deals.board.owner')}
            w={{ base: 160, sm: 180 }}
            allowDeselect={false}
            data={[
              { value: '', label: t('deals.board.everyone') },
              ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name })),
            ]}
            value={ownerId ? String(ownerId) : ''}
            onChange={(v) => setParam('owner', v ? v : null)}
          />
          <BoardSettings choice={cardField} />
          <Button onClick={() => setAdding(true)}>{t('deals.board.add')}</Button>
        </Group>
      </Group>
      {board.isPending ? (
        <Loading label={t('deals.board.loading')} />
      ) : board.isError ? (
        <ErrorState error={board.error} />
      ) : board.data.stages.length === 0 ? (
        <Empty>{t('deals.board.noStages')}</Empty>
      ) : (
        <CardFieldContext value={cardField.field}>
          <BoardDnd pipelineId={pipeline.id} stages={board.data.stages} filter={filter} />
        </CardFieldContext>
      )}
      <AddDealDialog opened={adding} onClose={() => setAdding(false)} pipelineId={pipeline.id} />
    </Stack>
  );
}
