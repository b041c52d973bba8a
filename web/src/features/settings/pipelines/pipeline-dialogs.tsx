import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { DialogForm } from '../../contacts/dialog-form.tsx';
import { ConfirmDelete } from '../confirm.tsx';
import type { Pipeline } from './queries.ts';

/** Add a pipeline (no `pipeline`) or rename one. */
export function PipelineNameDialog({
  opened,
  pipeline,
  onClose,
  onSaved,
}: {
  opened: boolean;
  pipeline: Pipeline | null;
  onClose: () => void;
  onSaved: (p: Pipeline) => void;
}) {
  const qc = useQueryClient();
  const [name, setName] = useState(pipeline?.name ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name: name.trim() };
      const res = pipeline
        ? await api.patch<Pipeline>(`/api/v2/pipelines/${pipeline.id}`, body)
        : await api.post<Pipeline>('/api/v2/pipelines', body);
      return res.data;
    },
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ['pipelines'] });
      notifications.show({
        color: 'teal',
        message: pipeline ? 'Pipeline renamed' : `Pipeline “${p.name}” added`,
      });
      onSaved(p);
      onClose();
    },
  });
  return (
    <DialogForm
      title={pipeline ? 'Rename pipeline' : 'Add pipeline'}
      opened={opened}
      onClose={onClose}
      submitLabel="Save"
      busy={save.isPending}
      error={save.error}
      onSubmit={() => {
        if (!name.trim()) return setNameError('Name is required');
        setNameError(null);
        save.mutate();
      }}
    >
      <TextInput
        label="Pipeline name"
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={nameError}
        onChange={(e) => setName(e.currentTarget.value)}
      />
    </DialogForm>
  );
}

export function DeletePipelineDialog({
  opened,
  pipeline,
  onClose,
  onDeleted,
}: {
  opened: boolean;
  pipeline: Pipeline;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.del(`/api/v2/pipelines/${pipeline.id}`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['pipelines'] });
      qc.invalidateQueries({ queryKey: ['stages'] });
      notifications.show({ color: 'teal', message: `Pipeline “${pipeline.name}” deleted` });
      onDeleted();
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDelete
      opened={opened}
      title="Delete pipeline"
      onClose={close}
      onConfirm={() => remove.mutate()}
      busy={remove.isPending}
      error={remove.error}
    >
      Delete the pipeline “{pipeline.name}” and its stages? A pipeline that still has deals cannot be deleted.
    </ConfirmDelete>
  );
}
