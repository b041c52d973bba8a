import { ActionIcon, Badge, Group, Menu, Paper, Text } from '@mantine/core';
import { IconDots, IconPencil, IconPin, IconPinnedOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Note, PinFlag } from '../../api/notes.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { NoteEditor } from './note-editor.tsx';
import classes from './notes.module.css';

/** v1 notes carry "YYYY-MM-DD HH:MM:SS" in UTC. */
export const noteTime = (value: string): string => formatDateTime(`${value.replace(' ', 'T')}Z`);

export interface NoteItemProps {
  note: Note;
  pinFlag: PinFlag;
  readOnly?: boolean;
  onSave: (id: number, content: string) => Promise<unknown>;
  onPin: (id: number, pinned: boolean) => void;
  onDelete: (id: number) => Promise<unknown>;
}

/** One note: author, time, its HTML (sanitised by the API), and Pin / Edit / Delete. */
export function NoteItem({ note, pinFlag, readOnly, onSave, onPin, onDelete }: NoteItemProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const pinned = note[pinFlag];

  const remove = async () => {
    setDeleting(true);
    try {
      await onDelete(note.id);
      setConfirming(false);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Paper
      withBorder
      p="sm"
      className={pinned ? classes.pinned : undefined}
      aria-label={t('notes.by', { name: note.user.name || t('notes.unknownUser') })}
      component="article"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {note.user.name || t('notes.unknownUser')}
          </Text>
          <Text size="xs" c="dimmed">
            {noteTime(note.add_time)}
          </Text>
          {pinned && (
            <Badge size="xs" color="yellow" variant="light" leftSection={<IconPin size={10} />}>
              {t('notes.pinnedBadge')}
            </Badge>
          )}
        </Group>
        {!readOnly && !editing && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('notes.actions')}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={pinned ? <IconPinnedOff size={14} /> : <IconPin size={14} />}
                onClick={() => onPin(note.id, !pinned)}
              >
                {pinned ? t('notes.unpin') : t('notes.pin')}
              </Menu.Item>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setConfirming(true)}
              >
                {t('common.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {editing ? (
        <NoteEditor
          initialHtml={note.content}
          submitLabel={t('notes.save')}
          autoFocus
          onSubmit={async (html) => {
            await onSave(note.id, html);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div
          className={classes.content}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the notes API stores sanitised HTML only
          dangerouslySetInnerHTML={{ __html: note.content }}
        />
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('notes.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={deleting}
        onConfirm={() => void remove().catch(() => undefined)}
        onClose={() => setConfirming(false)}
      >
        {t('notes.deleteConfirm')}
      </ConfirmDialog>
    </Paper>
  );
}
