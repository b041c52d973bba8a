import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { type Pipeline, pipelineKeys } from '../../../api/pipelines.ts';
import { stageKeys } from '../../../api/stages.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { DialogForm } from '../../../components/dialog-form.tsx';
import { useT } from '../../../i18n/provider.tsx';

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
  const t = useT();
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
      qc.invalidateQueries({ queryKey: pipelineKeys.all });
      notifications.show({
        color: 'teal',
        message: pipeline ? t('settings.pipelines.renamed') : t('settings.pipelines.added', { name: p.name }),
      });
      onSaved(p);
      onClose();
    },
  });
  return (
    <DialogForm
      title={t(pipeline ? 'settings.pipelines.rename' : 'settings.pipelines.add')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('settings.save')}
      busy={save.isPending}
      error={save.error}
      onSubmit={() => {
        if (!name.trim()) return setNameError(t('settings.nameRequired'));
        setNameError(null);
        save.mutate();
      }}
    >
      <TextInput
        label={t('settings.pipelines.name')}
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
  const t = useT();
  const remove = useMutation({
    mutationFn: () => api.del(`/api/v2/pipelines/${pipeline.id}`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: pipelineKeys.all });
      qc.invalidateQueries({ queryKey: stageKeys.all });
      notifications.show({
        color: 'teal',
        message: t('settings.pipelines.deleted', { name: pipeline.name }),
      });
      onDeleted();
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      confirmLabel={t('settings.delete')}
      opened={opened}
      title={t('settings.pipelines.delete')}
      onClose={close}
      onConfirm={() => remove.mutate()}
      loading={remove.isPending}
      error={remove.error}
    >
      {t('settings.pipelines.deleteText', { name: pipeline.name })}
    </ConfirmDialog>
  );
}
