import { Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProjectBoards, useProjectPhases, useProjects } from '../../api/projects.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatDay } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { ProjectBoard } from './project-board.tsx';

/** /projects: the company's open projects on a board by phase, or as a list. */
export function ProjectsPage() {
  const t = useT();
  const boards = useProjectBoards();
  const [chosen, setChosen] = useState<number | null>(null);
  const [view, setView] = useState<'board' | 'list'>('board');
  const boardId = chosen ?? boards.data?.[0]?.id ?? null;
  const phases = useProjectPhases(boardId);
  const projects = useProjects();
  if (boards.isError) return <ErrorState error={boards.error} />;
  if (projects.isError) return <ErrorState error={projects.error} />;
  const onBoard = (projects.data ?? []).filter((p) => p.board_id === boardId);
  const phaseName = (id: number) => phases.data?.find((p) => p.id === id)?.name ?? '';

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('projects.title')}
        </Title>
        <Group gap="sm">
          {(boards.data?.length ?? 0) > 1 && (
            <Select
              aria-label={t('projects.board')}
              data={(boards.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
              value={boardId === null ? null : String(boardId)}
              onChange={(v) => setChosen(v ? Number(v) : null)}
              allowDeselect={false}
            />
          )}
          <SegmentedControl
            aria-label={t('projects.view')}
            value={view}
            onChange={(v) => setView(v as 'board' | 'list')}
            data={[
              { value: 'board', label: t('projects.view.board') },
              { value: 'list', label: t('projects.view.list') },
            ]}
          />
        </Group>
      </Group>
      {boards.isPending || phases.isPending || projects.isPending ? (
        <Loading label={t('projects.loading')} />
      ) : view === 'board' ? (
        <ProjectBoard phases={phases.data ?? []} projects={onBoard} />
      ) : onBoard.length === 0 ? (
        <Empty>{t('projects.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.field.title')}</Table.Th>
                <Table.Th>{t('projects.field.phase')}</Table.Th>
                <Table.Th>{t('projects.field.status')}</Table.Th>
                <Table.Th>{t('projects.field.endDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {onBoard.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Link to={`/projects/${p.id}`}>{p.title}</Link>
                  </Table.Td>
                  <Table.Td>{phaseName(p.phase_id)}</Table.Td>
                  <Table.Td>{t('projects.status', { status: p.status })}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDay(p.end_date)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
