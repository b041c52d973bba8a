import { Button, Group, Paper, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconTransform, IconTrash, IconX } from '@tabler/icons-react';

import { useBulkLeads } from '../../api/leads.ts';
import { Modal } from '../../components/modal.tsx';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';

export interface BulkBarProps {
  archived: boolean;
  /** id → title of the selected leads */
  selected: Map<string, string>;
  onClear: () => void;
  onConvert: () => void;
}

type Action = 'archive' | 'unarchive' | 'delete';
const DONE: Record<Action, MessageId> = {
  archive: 'leads.bulk.archived',
  unarchive: 'leads.bulk.unarchived',
  delete: 'leads.bulk.deleted',
};
const NOT_DONE: Record<Action, MessageId> = {
  archive: 'leads.bulk.notArchived',
  unarchive: 'leads.bulk.notUnarchived',
  delete: 'leads.bulk.notDeleted',
};

/** "N selected" with the bulk actions: Convert to deals, Archive or Unarchive, Delete (confirmed). */
export function BulkBar({ archived, selected, onClear, onConvert }: BulkBarProps) {
  const t = useT();
  const [confirming, confirm] = useDisclosure(false);
  const mobile = useMediaQuery('(max-width: 48em)');
  const mutation = useBulkLeads();
  const run = (action: Action) =>
    mutation.mutate(
      { action, ids: [...selected.keys()] },
      {
        onSuccess: (results) => {
          const ok = results.filter((r) => r.ok).length;
          const failed = results.length - ok;
          notifications.show({
            color: failed > 0 ? 'yellow' : 'green',
            title: t(DONE[action], { count: ok }),
            message: failed > 0 ? t(NOT_DONE[action], { count: failed }) : undefined,
          });
          confirm.close();
          onClear();
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: t('leads.bulk.failed'), message: e.message }),
      },
    );
  const n = selected.size;
  const busy = mutation.isPending;

  return (
    <Paper withBorder p="xs" radius="sm" bg="blue.0" role="region" aria-label={t('leads.bulk.region')}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm" mr="sm">
          {t('leads.bulk.selected', { count: n })}
        </Text>
        {!archived && (
          <Button size="xs" leftSection={<IconTransform size={14} />} onClick={onConvert} disabled={busy}>
            {t('leads.bulk.convert')}
          </Button>
        )}
        {archived ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowBackUp size={14} />}
            loading={busy && mutation.variables?.action === 'unarchive'}
            disabled={busy}
            onClick={() => run('unarchive')}
          >
            {t('leads.bulk.unarchive')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArchive size={14} />}
            loading={busy && mutation.variables?.action === 'archive'}
            disabled={busy}
            onClick={() => run('archive')}
          >
            {t('leads.bulk.archive')}
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={confirm.open}
          disabled={busy}
        >
          {t('common.delete')}
        </Button>
        <Button size="xs" variant="subtle" leftSection={<IconX size={14} />} onClick={onClear} ml="auto">
          {t('leads.bulk.clear')}
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={confirm.close}
        title={t('leads.bulk.deleteTitle', { count: n })}
        fullScreen={mobile}
      >
        <Text size="sm">{t('leads.bulk.deleteBody')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={confirm.close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => run('delete')}>
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
