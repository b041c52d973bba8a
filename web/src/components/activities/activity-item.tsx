import { ActionIcon, Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../notes/confirm-dialog.tsx';
import type { Activity } from './api.ts';

const localToday = () => new Date().toLocaleDateString('sv-SE');

/** "Overdue", "Today" or nothing, for an undone activity. */
function urgency(a: Activity): { label: string; color: string } | null {
  if (a.done || !a.due_date) return null;
  const today = localToday();
  if (a.due_date < today) return { label: 'Overdue', color: 'red' };
  if (a.due_date === today) return { label: 'Today', color: 'green' };
  return null;
}

function when(a: Activity): string {
  if (!a.due_date) return 'No due date';
  const d = new Date(`${a.due_date}T00:00:00`);
  const date = Number.isNaN(d.getTime())
    ? a.due_date
    : d.toLocaleDateString(undefined, { dateStyle: 'medium' });
  return [date, a.due_time, a.duration ? `(${a.duration})` : null].filter(Boolean).join(' ');
}

export interface ActivityItemProps {
  activity: Activity;
  typeName: string;
  readOnly?: boolean;
  onToggle: (done: boolean) => void;
  onDelete: () => Promise<unknown>;
}

/** One activity: a done checkbox, subject, type, when, and Delete. */
export function ActivityItem({ activity: a, typeName, readOnly, onToggle, onDelete }: ActivityItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const tag = urgency(a);
  const remove = async () => {
    setDeleting(true);
    try {
      await onDelete();
      setConfirming(false);
    } catch {
      // the panel shows the error
    } finally {
      setDeleting(false);
    }
  };
  return (
    <Paper withBorder p="xs" component="li" style={{ listStyle: 'none' }}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          checked={a.done}
          disabled={readOnly}
          aria-label={a.done ? `Mark ${a.subject} as not done` : `Mark ${a.subject} as done`}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text
            size="sm"
            fw={500}
            td={a.done ? 'line-through' : undefined}
            c={a.done ? 'dimmed' : undefined}
            style={{ overflowWrap: 'anywhere' }}
          >
            {a.subject}
          </Text>
          <Group gap={6}>
            <Badge size="xs" variant="light" color="gray">
              {typeName}
            </Badge>
            {tag && (
              <Badge size="xs" variant="light" color={tag.color}>
                {tag.label}
              </Badge>
            )}
            <Text size="xs" c={tag?.color === 'red' ? 'red' : 'dimmed'}>
              {when(a)}
            </Text>
          </Group>
        </Stack>
        {!readOnly && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Delete ${a.subject}`}
            onClick={() => setConfirming(true)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      <ConfirmDialog
        opened={confirming}
        title="Delete activity"
        confirmLabel="Delete"
        loading={deleting}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      >
        {`“${a.subject}” will be deleted.`}
      </ConfirmDialog>
    </Paper>
  );
}
