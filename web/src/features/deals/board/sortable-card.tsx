import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import type { KeyboardEventHandler } from 'react';
import type { DealCard } from '../../../api/deals.ts';
import { useT } from '../../../i18n/provider.tsx';
import { DealCardView } from './deal-card.tsx';

export const cardDndId = (id: number) => `deal:${id}`;

/**
 * A card that can be dragged with the mouse or a finger anywhere on it, and moved with the keyboard
 * from its handle ("Move …": Space to lift, arrows to move, Space to drop, Escape to cancel).
 */
export function SortableDealCard({ card, stageId }: { card: DealCard; stageId: number }) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: cardDndId(card.id), data: { type: 'card', card, stageId } });
  const { onKeyDown, ...pointer } = listeners ?? {};
  return (
    <div
      ref={setNodeRef}
      {...pointer}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.35 : 1,
        touchAction: 'manipulation',
      }}
    >
      <DealCardView
        card={card}
        handle={
          <ActionIcon
            ref={setActivatorNodeRef}
            {...attributes}
            onKeyDown={onKeyDown as KeyboardEventHandler<HTMLButtonElement> | undefined}
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('deals.card.move', { title: card.title })}
          >
            <IconGripVertical size={14} />
          </ActionIcon>
        }
      />
    </div>
  );
}
