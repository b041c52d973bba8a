import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/provider.tsx';
import { useIsMobile } from '../contacts/fields.tsx';

/** "Delete X?" with the server's refusal shown in place. */
export function ConfirmDelete({
  opened,
  title,
  children,
  onClose,
  onConfirm,
  busy,
  error,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  onConfirm: () => void;
  busy: boolean;
  error: unknown;
}) {
  const mobile = useIsMobile();
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={mobile}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {error != null && (
          <Alert color="red" role="alert">
            {error instanceof Error ? error.message : String(error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('settings.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            {t('settings.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
