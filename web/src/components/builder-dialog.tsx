import { SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DialogForm } from './dialog-form.tsx';

/**
 * The frame of a public tool's builder (web forms, the chatbot): a wide dialog with the editor on the
 * left and a live preview on the right (stacked on a phone); saving shows a note and closes.
 */
export function BuilderDialog<B>(props: {
  title: string;
  submitLabel: string;
  savedMessage: string;
  save: UseMutationResult<unknown, Error, B>;
  /** the request body, built from the draft when the user saves */
  body: () => B;
  onClose: () => void;
  preview: ReactNode;
  children: ReactNode;
}) {
  const { save, onClose } = props;
  const submit = () =>
    save.mutate(props.body(), {
      onSuccess: () => {
        notifications.show({ color: 'green', message: props.savedMessage });
        onClose();
      },
    });
  return (
    <DialogForm
      title={props.title}
      opened
      onClose={onClose}
      onSubmit={submit}
      submitLabel={props.submitLabel}
      busy={save.isPending}
      error={save.error}
      size="90rem"
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">{props.children}</Stack>
        {props.preview}
      </SimpleGrid>
    </DialogForm>
  );
}
