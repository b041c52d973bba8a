import { ActionIcon, Button, Group, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useUpdateDeal } from '../actions.ts';
import type { Deal } from '../api.ts';

/** The deal's title as the page heading; the pencil turns it into a field ("Title") with Save/Cancel. */
export function DealTitle({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(deal.title);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateDeal(deal.id);

  const start = () => {
    setTitle(deal.title);
    setError(null);
    setEditing(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = title.trim();
    if (!next) return setError('Enter a title');
    if (next === deal.title) return setEditing(false);
    update.mutate(
      { title: next },
      {
        onSuccess: () => {
          setEditing(false);
          notifications.show({ color: 'teal', message: 'Title saved' });
        },
        onError: (err) => setError(err.message),
      },
    );
  };

  if (editing) {
    return (
      <form onSubmit={submit} style={{ flex: 1, minWidth: 0 }}>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label="Title"
            value={title}
            maxLength={255}
            error={error}
            onChange={(e) => setTitle(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
            style={{ flex: 1, minWidth: 200 }}
            data-autofocus
            autoFocus
          />
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
          <Button variant="default" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </Group>
      </form>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <Title order={2} style={{ wordBreak: 'break-word' }}>
        {deal.title}
      </Title>
      {!readOnly && (
        <Tooltip label="Edit title">
          <ActionIcon variant="subtle" color="gray" aria-label="Edit title" onClick={start}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
