import {
  DndContext,
  type DragEndEvent,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconArrowsMove } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type Project, type ProjectPhase, useUpdateProject } from '../../api/projects.ts';
import { formatDay } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';

const phaseDndId = (id: number) => `phase-${id}`;

/** The board: a column per phase; a card moves by drag and drop, or by its "Move to" menu (keyboard). */
export function ProjectBoard({ phases, projects }: { phases: ProjectPhase[]; projects: Project[] }) {
  const t = useT();
  const update = useUpdateProject();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
  );
  const move = (project: Project, phaseId: number) => {
    if (project.phase_id !== phaseId) update.mutate({ id: project.id, patch: { phase_id: phaseId } });
  };
  const onDragEnd = (e: DragEndEvent) => {
    const project = projects.find((p) => p.id === e.active.id);
    const phase = phases.find((p) => phaseDndId(p.id) === e.over?.id);
    if (project && phase) move(project, phase.id);
  };
  return (
    <DndContext
      sensors={sensors}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t('projects.board.dragHelp') },
      }}
    >
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {phases.map((phase) => (
            <PhaseColumn
              key={phase.id}
              phase={phase}
              phases={phases}
              projects={projects
                .filter((p) => p.phase_id === phase.id)
                .sort((a, b) => a.position - b.position)}
              onMove={move}
            />
          ))}
        </Group>
      </ScrollArea>
    </DndContext>
  );
}

function PhaseColumn(props: {
  phase: ProjectPhase;
  phases: ProjectPhase[];
  projects: Project[];
  onMove: (p: Project, phaseId: number) => void;
}) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: phaseDndId(props.phase.id) });
  const headingId = `phase-heading-${props.phase.id}`;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      w={260}
      miw={260}
      mih={320}
      bg={isOver ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)'}
      data-phase-id={props.phase.id}
      component="section"
      aria-labelledby={headingId}
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h6" id={headingId}>
          {props.phase.name}
        </Title>
        <Badge
          variant="light"
          color="gray"
          aria-label={t('projects.board.count', { count: props.projects.length })}
        >
          {props.projects.length}
        </Badge>
      </Group>
      <Stack gap="xs">
        {props.projects.map((p) => (
          <ProjectCard key={p.id} project={p} phases={props.phases} onMove={props.onMove} />
        ))}
      </Stack>
    </Paper>
  );
}

function ProjectCard(props: {
  project: Project;
  phases: ProjectPhase[];
  onMove: (p: Project, phaseId: number) => void;
}) {
  const t = useT();
  const { project } = props;
  // the mouse or a finger drags the card anywhere on it; the keyboard moves it with its Move menu
  const { listeners, setNodeRef, transform, isDragging } = useDraggable({ id: project.id });
  const style = transform
    ? {
        transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`,
        zIndex: 10,
        position: 'relative' as const,
      }
    : undefined;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      shadow={isDragging ? 'md' : undefined}
      style={{ ...style, cursor: 'grab', touchAction: 'none' }}
      data-project-id={project.id}
      {...listeners}
    >
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500} lineClamp={2}>
          {project.title}
        </Anchor>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('projects.board.moveOf', { title: project.title })}
              onPointerDown={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.stopPropagation()}
            >
              <IconArrowsMove size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('projects.board.moveTo')}</Menu.Label>
            {props.phases
              .filter((ph) => ph.id !== project.phase_id)
              .map((ph) => (
                <Menu.Item key={ph.id} onClick={() => props.onMove(project, ph.id)}>
                  {ph.name}
                </Menu.Item>
              ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {project.end_date && (
        <Text size="xs" c="dimmed">
          {t('projects.board.due', { date: formatDay(project.end_date) })}
        </Text>
      )}
    </Paper>
  );
}
