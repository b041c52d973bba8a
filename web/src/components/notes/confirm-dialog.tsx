import { Button, Group, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/provider.tsx';
import { Modal } from '../modal.tsx';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  /** label of the confirming button, e.g. "Delete" */
  confirmLabel: string;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A small "are you sure?" dialog with a red confirming button; full screen on phones. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const mobile = useMediaQuery('(max-width: 48em)');
  const t = useT();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} fullScreen={mobile} centered>
      <Text size="sm">{props.children}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={props.loading} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
