import { ActionIcon, Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Activity } from '../../api/activities.ts';
import { formatDay, localToday } from '../../i18n/format.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';

/** "Overdue", "Today" or nothing, for an undone activity. */
function urgency(a: Activity): { label: MessageId; color: string } | null {
  if (a.done || !a.due_date) return null;
  const today = localToday();
  if (a.due_date < today) return { label: 'activities.overdue', color: 'red' };
  if (a.due_date === today) return { label: 'activities.today', color: 'green' };
  return null;
}

/** Due date, time and duration ("2 dec. 2026 14:00 (00:30)"); null when there is no due date. */
function when(a: Activity): string | null {
  if (!a.due_date) return null;
  return [formatDay(a.due_date), a.due_time, a.duration ? `(${a.duration})` : null].filter(Boolean).join(' ');
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
  const t = useT();
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
          aria-label={t(a.done ? 'activities.markNotDone' : 'activities.markDone', { subject: a.subject })}
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
                {t(tag.label)}
              </Badge>
            )}
            <Text size="xs" c={tag?.color === 'red' ? 'red' : 'dimmed'}>
              {when(a) ?? t('activities.noDueDate')}
            </Text>
          </Group>
        </Stack>
        {!readOnly && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('activities.deleteNamed', { subject: a.subject })}
            onClick={() => setConfirming(true)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('activities.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={deleting}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      >
        {t('activities.deleteConfirm', { subject: a.subject })}
      </ConfirmDialog>
    </Paper>
  );
}
