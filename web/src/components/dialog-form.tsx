import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n/provider.tsx';
import { Modal } from './modal.tsx';
import { useIsMobile } from './use-is-mobile.ts';

/** A modal form: full-screen on phones, the server's refusal shown above the buttons. */
export function DialogForm({
  title,
  opened,
  onClose,
  onSubmit,
  submitLabel,
  busy,
  error,
  children,
  size = 'md',
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  children: ReactNode;
  size?: string;
}) {
  const mobile = useIsMobile();
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={mobile} size={size}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {children}
          {error != null && (
            <Alert color="red" role="alert">
              {error instanceof Error ? error.message : String(error)}
            </Alert>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('contacts.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
