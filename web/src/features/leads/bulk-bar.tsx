import { Button, Group, Paper, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconTransform, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/modal.tsx';
import { bulkLeads } from './api.ts';

export interface BulkBarProps {
  archived: boolean;
  /** id → title of the selected leads */
  selected: Map<string, string>;
  onClear: () => void;
  onConvert: () => void;
}

type Action = 'archive' | 'unarchive' | 'delete';
const DONE: Record<Action, string> = { archive: 'archived', unarchive: 'unarchived', delete: 'deleted' };

const plural = (n: number) => `${n} lead${n === 1 ? '' : 's'}`;

/** "N selected" with the bulk actions: Convert to deals, Archive or Unarchive, Delete (confirmed). */
export function BulkBar({ archived, selected, onClear, onConvert }: BulkBarProps) {
  const qc = useQueryClient();
  const [confirming, confirm] = useDisclosure(false);
  const mobile = useMediaQuery('(max-width: 48em)');
  const mutation = useMutation({
    mutationFn: ({ action }: { action: Action }) => bulkLeads(action, [...selected.keys()]),
    onSuccess: (results, { action }) => {
      const ok = results.filter((r) => r.ok).length;
      const failed = results.length - ok;
      notifications.show({
        color: failed > 0 ? 'yellow' : 'green',
        title: `${plural(ok)} ${DONE[action]}`,
        message: failed > 0 ? `${plural(failed)} could not be ${DONE[action]} (not found).` : undefined,
      });
      confirm.close();
      onClear();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Action failed', message: e.message }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['leads'] }),
  });
  const n = selected.size;
  const busy = mutation.isPending;

  return (
    <Paper withBorder p="xs" radius="sm" bg="blue.0" role="region" aria-label="Bulk actions">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm" mr="sm">
          {n} selected
        </Text>
        {!archived && (
          <Button size="xs" leftSection={<IconTransform size={14} />} onClick={onConvert} disabled={busy}>
            Convert to deals
          </Button>
        )}
        {archived ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowBackUp size={14} />}
            loading={busy && mutation.variables?.action === 'unarchive'}
            disabled={busy}
            onClick={() => mutation.mutate({ action: 'unarchive' })}
          >
            Unarchive
          </Button>
        ) : (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArchive size={14} />}
            loading={busy && mutation.variables?.action === 'archive'}
            disabled={busy}
            onClick={() => mutation.mutate({ action: 'archive' })}
          >
            Archive
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
          Delete
        </Button>
        <Button size="xs" variant="subtle" leftSection={<IconX size={14} />} onClick={onClear} ml="auto">
          Clear selection
        </Button>
      </Group>
      <Modal opened={confirming} onClose={confirm.close} title={`Delete ${plural(n)}?`} fullScreen={mobile}>
        <Text size="sm">
          Deleted leads can be restored for 30 days from "Restore data" in the "..." menu of the Leads Inbox.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={confirm.close}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => mutation.mutate({ action: 'delete' })}>
            Delete
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
