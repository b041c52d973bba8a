import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/provider.tsx';

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
  const t = useT();
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
      title={title ? t('deals.lostDialog.titleOf', { title }) : t('deals.lostDialog.title')}
      fullScreen={mobile}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label={t('deals.field.lostReason')}
            placeholder={t('deals.lostDialog.placeholder')}
            autosize
            minRows={2}
            maxLength={255}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('deals.lostDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
