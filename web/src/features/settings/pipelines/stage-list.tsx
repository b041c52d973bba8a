import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGripVertical, IconPencil, IconTrash } from '@tabler/icons-react';
import { type Stage, useReorderStages } from '../../../api/stages.ts';
import { formatPercent } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';

/**
 * The stages of a pipeline in order; drag (or keyboard: space, arrows, space) to reorder. A drop saves
 * the new order_nr of the stages that moved with PATCH /api/v2/stages/{id}.
 */
export function StageList({
  pipelineId,
  stages,
  editable,
  onEdit,
  onDelete,
}: {
  pipelineId: number;
  stages: Stage[];
  /** admins change stages; everyone else sees them */
  editable: boolean;
  onEdit: (s: Stage) => void;
  onDelete: (s: Stage) => void;
}) {
  const reorder = useReorderStages(pipelineId);
  const t = useT();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = stages.findIndex((s) => s.id === active.id);
    const to = stages.findIndex((s) => s.id === over.id);
    if (from < 0 || to < 0) return;
    reorder.mutate(arrayMove(stages, from, to), {
      onSuccess: () => notifications.show({ color: 'teal', message: t('settings.stages.orderSaved') }),
      onError: (e) =>
        notifications.show({ color: 'red', title: t('settings.stages.orderFailed'), message: e.message }),
    });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: {
          draggable: t('settings.stages.instructions'),
        },
      }}
    >
      <SortableContext items={stages.map((s) => s.id)} strategy={verticalListSortingStrategy}>
        <Stack
          gap={6}
          component="ol"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('settings.stages.list')}
        >
          {stages.map((s) => (
            <StageRow
              key={s.id}
              stage={s}
              editable={editable}
              onEdit={() => onEdit(s)}
              onDelete={() => onDelete(s)}
            />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}

function StageRow({
  stage,
  editable,
  onEdit,
  onDelete,
}: {
  stage: Stage;
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: stage.id, disabled: !editable });
  return (
    <Paper
      component="li"
      ref={setNodeRef}
      withBorder
      p="xs"
      shadow={isDragging ? 'md' : undefined}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap">
        {editable && (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('settings.stages.move', { name: stage.name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={18} />
          </ActionIcon>
        )}
        <Text fw={500} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {stage.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Badge variant="light" color="gray" title={t('settings.stages.probabilityBadge')}>
            {formatPercent(stage.deal_probability)}
          </Badge>
          {stage.is_deal_rot_enabled && stage.days_to_rotten !== null && (
            <Badge variant="light" color="red" visibleFrom="xs">
              {t('settings.stages.rotsAfter', { days: stage.days_to_rotten })}
            </Badge>
          )}
        </Group>
        {editable && (
          <>
            <ActionIcon
              variant="subtle"
              aria-label={t('settings.stages.editOne', { name: stage.name })}
              onClick={onEdit}
            >
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('settings.stages.deleteOne', { name: stage.name })}
              onClick={onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </>
        )}
      </Group>
    </Paper>
  );
}
