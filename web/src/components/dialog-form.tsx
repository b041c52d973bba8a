import { Alert, Button, Group, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useId } from 'react';
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
  after,
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
  /** parts that save on their own (inline fields are forms themselves): after the fields, outside the form */
  after?: ReactNode;
  size?: string;
}) {
  const mobile = useIsMobile();
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const formId = useId();
  // the buttons belong to the form by its id, so parts that are forms themselves (`after`) can sit
  // between the fields and the buttons without nesting forms
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={mobile} size={size}>
      <Stack gap="sm">
        <form id={formId} onSubmit={submit}>
          <Stack gap="sm">{children}</Stack>
        </form>
        {after}
        {error != null && (
          <Alert color="red" role="alert">
            {error instanceof Error ? error.message : String(error)}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('contacts.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
