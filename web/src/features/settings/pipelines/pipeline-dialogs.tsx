import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type Pipeline, useDeletePipeline, useSavePipeline } from '../../../api/pipelines.ts';
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
  const t = useT();
  const [name, setName] = useState(pipeline?.name ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useSavePipeline(pipeline);
  const savePipeline = () =>
    save.mutate(
      { name: name.trim() },
      {
        onSuccess: (p) => {
          notifications.show({
            color: 'teal',
            message: pipeline
              ? t('settings.pipelines.renamed')
              : t('settings.pipelines.added', { name: p.name }),
          });
          onSaved(p);
          onClose();
        },
      },
    );
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
        savePipeline();
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
  const t = useT();
  const remove = useDeletePipeline(pipeline.id);
  const removePipeline = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
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
      onConfirm={removePipeline}
      loading={remove.isPending}
      error={remove.error}
    >
      {t('settings.pipelines.deleteText', { name: pipeline.name })}
    </ConfirmDialog>
  );
}
