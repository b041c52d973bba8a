import { useDroppable } from '@dnd-kit/core';
import { Group, Paper, Text } from '@mantine/core';
import { IconArrowBackUp, IconThumbDown, IconTrash, IconTrophy } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { type Translate, useT } from '../../../i18n/provider.tsx';

export type DropAction = 'won' | 'lost' | 'delete' | 'lead';

export const zoneDndId = (action: DropAction) => `zone:${action}`;

const ZONES: {
  action: DropAction;
  label: MessageId;
  color: string;
  icon: ComponentType<{ size?: number }>;
}[] = [
  { action: 'delete', label: 'deals.zone.delete', color: 'gray', icon: IconTrash },
  { action: 'lost', label: 'deals.zone.lost', color: 'red', icon: IconThumbDown },
  { action: 'won', label: 'deals.zone.won', color: 'green', icon: IconTrophy },
  { action: 'lead', label: 'deals.zone.lead', color: 'blue', icon: IconArrowBackUp },
];

/** A zone's name, for screen-reader announcements. */
export const zoneLabel = (t: Translate, id: string) => {
  const zone = ZONES.find((z) => zoneDndId(z.action) === id);
  return zone ? t(zone.label) : id;
};

/** The zones left to right, as the keyboard walks them. */
export const ZONE_ORDER: DropAction[] = ZONES.map((z) => z.action);

function Zone({ action, label: labelId, color, icon: Icon }: (typeof ZONES)[number]) {
  const label = useT()(labelId);
  const { setNodeRef, isOver } = useDroppable({ id: zoneDndId(action), data: { type: 'zone', action } });
  return (
    <Paper
      ref={setNodeRef}
      data-drop-zone={action}
      aria-label={label}
      radius="sm"
      p="sm"
      style={{
        flex: 1,
        minWidth: 0,
        textAlign: 'center',
        border: `2px dashed var(--mantine-color-${color}-6)`,
        background: isOver ? `var(--mantine-color-${color}-1)` : 'var(--mantine-color-body)',
        color: `var(--mantine-color-${color}-8)`,
      }}
    >
      <Group gap={6} justify="center" wrap="nowrap">
        <Icon size={18} />
        <Text size="sm" fw={600} truncate="end">
          {label}
        </Text>
      </Group>
    </Paper>
  );
}

/** Shown while a card is dragged: drop it on Won, Lost, Delete or Convert to lead. */
export function DropBar() {
  return (
    <Group
      gap="xs"
      p="xs"
      wrap="nowrap"
      style={{
        position: 'fixed',
        left: 0,
        right: 0,
        bottom: 0,
        zIndex: 150,
        background: 'var(--mantine-color-gray-1)',
        borderTop: '1px solid var(--mantine-color-gray-4)',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
      }}
    >
      {ZONES.map((z) => (
        <Zone key={z.action} {...z} />
      ))}
    </Group>
  );
}
