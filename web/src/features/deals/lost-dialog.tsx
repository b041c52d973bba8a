import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { Modal } from '../../components/modal.tsx';

export interface LostDialogProps {
  opened: boolean;
  /** the deal's title, in the dialog's heading */
  title?: string | undefined;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (reason: string | null) => void;
}

/** "Mark as lost": asks for the lost reason (free text, optional), then the caller marks the deal lost. */
export function LostDialog({ opened, title, busy, onClose, onConfirm }: LostDialogProps) {
  const mobile = useMediaQuery('(max-width: 48em)');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (opened) setReason('');
  }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim() || null);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title ? `Mark “${title}” as lost` : 'Mark as lost'}
      fullScreen={mobile}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label="Lost reason"
            placeholder="Why was the deal lost?"
            autosize
            minRows={2}
            maxLength={255}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy}>
              Mark as lost
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
