import { ActionIcon, Button, Group, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { Deal } from '../../../api/deals.ts';
import { useT } from '../../../i18n/provider.tsx';
import { useUpdateDeal } from '../actions.ts';

/** The deal's title as the page heading; the pencil turns it into a field ("Title") with Save/Cancel. */
export function DealTitle({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const t = useT();
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
    if (!next) return setError(t('deals.error.title'));
    if (next === deal.title) return setEditing(false);
    update.mutate(
      { title: next },
      {
        onSuccess: () => {
          setEditing(false);
          notifications.show({ color: 'teal', message: t('deals.title.saved') });
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
            label={t('deals.field.title')}
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
            {t('deals.save')}
          </Button>
          <Button variant="default" onClick={() => setEditing(false)}>
            {t('deals.cancel')}
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
        <Tooltip label={t('deals.title.edit')}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('deals.title.edit')} onClick={start}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
