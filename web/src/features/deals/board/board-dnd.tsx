import {
  type Announcements,
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { type BoardFilter, type BoardStage, type DealCard, dealKeys } from '../../../api/deals.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { type CardsData, flatCards } from '../board-cache.ts';
import { LostDialog } from '../lost-dialog.tsx';
import { RequiredFieldsDialog } from '../required-fields-dialog.tsx';
import { BoardColumn } from './board-column.tsx';
import { DealCardView } from './deal-card.tsx';
import { type Columns, dealIdOf, dropResult, dropTarget, isZone, previewOver, stageOf } from './drag.ts';
import { type DropAction, DropBar, ZONE_ORDER, zoneDndId, zoneLabel } from './drop-bar.tsx';
import { boardKeyboardCoordinates } from './keyboard.ts';
import { type RequiredMove, useBoardMutations } from './use-board-mutations.tsx';

/**
 * Pointer: the drop bar wins when the pointer is on it, otherwise the closest card or column.
 * Keyboard: the droppable the arrow keys went to (see keyboard.ts), else the closest.
 */
function collisionsWith(keyboardTarget: { current: string | null }): CollisionDetection {
  return (args) => {
    if (!args.pointerCoordinates) {
      const id = keyboardTarget.current;
      const container = id ? args.droppableContainers.find((c) => c.id === id) : undefined;
      if (container) return [{ id: container.id, data: { droppableContainer: container, value: 0 } }];
      return closestCorners(args);
    }
    const zones = args.droppableContainers.filter((c) => isZone(c.id));
    const onZone = pointerWithin({ ...args, droppableContainers: zones });
    if (onZone.length > 0) return onZone;
    return closestCorners({
      ...args,
      droppableContainers: args.droppableContainers.filter((c) => !isZone(c.id)),
    });
  };
}

interface Drag {
  card: DealCard;
  from: number;
  columns: Columns;
}

interface Pending {
  action: 'lost' | 'delete';
  card: DealCard;
  from: number;
}

/** The columns of a pipeline with drag and drop between and within them, and the drop bar. */
export function BoardDnd({
  pipelineId,
  stages,
  filter,
}: {
  pipelineId: number;
  stages: BoardStage[];
  filter: BoardFilter;
}) {
  const qc = useQueryClient();
  const t = useT();
  const [required, setRequired] = useState<RequiredMove | null>(null);
  const { move, act } = useBoardMutations(pipelineId, filter, setRequired);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  // what the arrow keys need: the columns as shown, the card lifted, where they went
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;
  const keyboardTarget = useRef<string | null>(null);
  const lastStage = useRef<number | null>(null);
  const stageIds = stages.map((s) => s.id).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the stages change
  const coordinateGetter = useMemo(
    () =>
      boardKeyboardCoordinates(
        () => ({
          stages: stages.map((s) => s.id),
          columns: dragRef.current?.columns ?? {},
          zones: ZONE_ORDER.map(zoneDndId),
        }),
        () => dragRef.current?.card.id ?? null,
        (id) => {
          keyboardTarget.current = id;
          if (!isZone(id)) {
            const stage = id.startsWith('stage:')
              ? Number(id.slice(6))
              : stageOf(dragRef.current?.columns ?? {}, dealIdOf(id));
            if (stage !== null) lastStage.current = stage;
          }
        },
        () => lastStage.current,
      ),
    [stageIds],
  );
  const collisions = useMemo(() => collisionsWith(keyboardTarget), []);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );
  const stageName = (id: number | null) => stages.find((s) => s.id === id)?.name ?? '';

  const columnsNow = (): Columns =>
    Object.fromEntries(
      stages.map((s) => [
        s.id,
        flatCards(qc.getQueryData<CardsData>(dealKeys.cards(s.id, filter))).map((c) => c.id),
      ]),
    );

  const onDragStart = ({ active }: DragStartEvent) => {
    const card = active.data.current?.card as DealCard | undefined;
    const from = active.data.current?.stageId as number | undefined;
    keyboardTarget.current = null;
    lastStage.current = from ?? null;
    if (card && from !== undefined) setDrag({ card, from, columns: columnsNow() });
  };

  /** Across columns the card moves in the preview while dragging; within a column dnd-kit shows it. */
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!drag || !over) return;
    const below =
      !!over.rect &&
      !!active.rect.current.translated &&
      active.rect.current.translated.top > over.rect.top + over.rect.height / 2;
    const columns = previewOver(drag.columns, drag.card.id, over.id, below);
    if (columns) setDrag({ ...drag, columns });
  };

  const onDragEnd = ({ over }: DragEndEvent) => {
    keyboardTarget.current = null;
    const d = drag;
    setDrag(null);
    if (!d || !over) return;
    const { card, from } = d;
    if (isZone(over.id)) {
      const action = String(over.id).slice(5) as DropAction;
      if (action === 'lost' || action === 'delete') setPending({ action, card, from });
      else void act(action, card, from);
      return;
    }
    const drop = dropResult(d.columns, card.id, over.id, from, columnsNow()[from] ?? []);
    if (drop) void move(card, from, drop.stage, drop.ids);
  };

  const overName = (id: UniqueIdentifier) =>
    isZone(id) ? zoneLabel(t, String(id)) : stageName(dropTarget(drag?.columns ?? {}, id)?.stage ?? null);
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('deals.dnd.pickedUp', { title: (active.data.current?.card as DealCard | undefined)?.title ?? '' }),
    onDragOver: ({ over }) =>
      over ? t('deals.dnd.over', { target: overName(over.id) }) : t('deals.dnd.notOver'),
    onDragEnd: ({ over }) =>
      over
        ? t(isZone(over.id) ? 'deals.dnd.droppedOn' : 'deals.dnd.droppedIn', { target: overName(over.id) })
        : t('deals.dnd.droppedNothing'),
    onDragCancel: () => t('deals.dnd.cancelled'),
  };

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          keyboardTarget.current = null;
          setDrag(null);
        }}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: t('deals.dnd.instructions'),
          },
        }}
      >
        <Group
          align="stretch"
          wrap="nowrap"
          gap="sm"
          pb="xs"
          style={{ overflowX: 'auto', flex: 1, minHeight: 0 }}
          aria-label={t('deals.board.region')}
          role="region"
          // It scrolls sideways on a phone: the keyboard can scroll it even when no card is there to focus.
          tabIndex={0}
        >
          {stages.map((s) => (
            <BoardColumn
              key={s.id}
              stage={s}
              filter={filter}
              previewIds={drag ? (drag.columns[s.id] ?? []) : null}
              activeCard={drag?.card ?? null}
            />
          ))}
        </Group>
        {drag && <DropBar />}
        <DragOverlay>{drag ? <DealCardView card={drag.card} lifted /> : null}</DragOverlay>
      </DndContext>
      <LostDialog
        opened={pending?.action === 'lost'}
        title={pending?.card.title}
        onClose={() => setPending(null)}
        onConfirm={(reason) => {
          if (pending) void act('lost', pending.card, pending.from, reason);
          setPending(null);
        }}
      />
      <ConfirmDialog
        opened={pending?.action === 'delete'}
        title={t('deals.delete.title')}
        confirmLabel={t('deals.delete')}
        onClose={() => setPending(null)}
        onConfirm={() => {
          if (pending) void act('delete', pending.card, pending.from);
          setPending(null);
        }}
      >
        {t('deals.delete.text', { title: pending?.card.title ?? '' })}
      </ConfirmDialog>
      {required && (
        <RequiredFieldsDialog
          refusal={{
            dealId: required.card.id,
            stageId: required.stageId,
            stageName: stageName(required.stageId),
            fieldCode: required.fieldCode,
          }}
          onCancel={() => {
            required.cancel();
            setRequired(null);
          }}
          onMove={async () => {
            await required.retry();
            setRequired(null);
          }}
        />
      )}
    </>
  );
}
