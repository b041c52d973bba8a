import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/provider.tsx';
import { Modal } from './modal.tsx';
import { useIsMobile } from './use-is-mobile.ts';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  /** label of the confirming button, e.g. "Delete" */
  confirmLabel: string;
  loading?: boolean;
  /** the server's refusal, shown in place (the dialog stays open) */
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A small "are you sure?" dialog with a red confirming button; Cancel has the focus; full screen on
 * phones.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const mobile = useIsMobile();
  const t = useT();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} fullScreen={mobile} centered>
      <Stack gap="md">
        <Text size="sm">{props.children}</Text>
        {props.error != null && (
          <Alert color="red" role="alert">
            {props.error instanceof Error ? props.error.message : String(props.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={props.loading} onClick={props.onConfirm}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
