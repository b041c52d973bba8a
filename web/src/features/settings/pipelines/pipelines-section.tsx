import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePipelines } from '../../../api/pipelines.ts';
import { useSession } from '../../../api/session.tsx';
import { type Stage, useDeleteStage, useStages } from '../../../api/stages.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { DeletePipelineDialog, PipelineNameDialog } from './pipeline-dialogs.tsx';
import { StageDialog } from './stage-dialog.tsx';
import { StageList } from './stage-list.tsx';

type Dialog =
  | { kind: 'add-pipeline' }
  | { kind: 'rename-pipeline' }
  | { kind: 'delete-pipeline' }
  | { kind: 'add-stage' }
  | { kind: 'edit-stage'; stage: Stage }
  | { kind: 'delete-stage'; stage: Stage }
  | null;

/** Settings → Pipelines: pick a pipeline; add, rename, delete it; its stages in order. */
export function PipelinesSection() {
  const t = useT();
  const pipelines = usePipelines();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const wanted = Number(params.get('pipeline'));
  const list = pipelines.data ?? [];
  const current = list.find((p) => p.id === wanted) ?? list[0] ?? null;
  const stages = useStages(current?.id ?? null);
  const select = (id: number | null) => setParams(id ? { pipeline: String(id) } : {}, { replace: true });
  const close = () => setDialog(null);
  const isAdmin = useSession().user.is_admin === 1;

  if (pipelines.isPending) return <Loading label={t('settings.pipelines.loading')} />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} />;

  return (
    <Stack gap="md">
      <Title order={3}>{t('settings.pipelines.title')}</Title>
      <Group align="flex-end" gap="sm">
        <Select<number>
          label={t('settings.pipelines.pipeline')}
          data={list.map((p) => ({ value: p.id, label: p.name }))}
          value={current?.id ?? null}
          allowDeselect={false}
          onChange={select}
          w={{ base: '100%', xs: 260 }}
        />
        {isAdmin && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ kind: 'add-pipeline' })}
            >
              {t('settings.pipelines.add')}
            </Button>
            {current && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setDialog({ kind: 'rename-pipeline' })}
                >
                  {t('settings.pipelines.rename')}
                </Button>
                <Button
                  variant="light"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setDialog({ kind: 'delete-pipeline' })}
                >
                  {t('settings.pipelines.delete')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>

      {!current ? (
        <Empty>{t('settings.pipelines.none')}</Empty>
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('settings.stages.title')}</Title>
            {isAdmin && (
              <Button
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                onClick={() => setDialog({ kind: 'add-stage' })}
              >
                {t('settings.stages.add')}
              </Button>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t(isAdmin ? 'settings.stages.explainAdmin' : 'settings.stages.explain')}
          </Text>
          {stages.isPending ? (
            <Loading label={t('settings.stages.loading')} />
          ) : stages.isError ? (
            <ErrorState error={stages.error} />
          ) : stages.data.length === 0 ? (
            <Empty>{t('settings.stages.none')}</Empty>
          ) : (
            <StageList
              pipelineId={current.id}
              stages={stages.data}
              editable={isAdmin}
              onEdit={(stage) => setDialog({ kind: 'edit-stage', stage })}
              onDelete={(stage) => setDialog({ kind: 'delete-stage', stage })}
            />
          )}
        </Stack>
      )}

      {(dialog?.kind === 'add-pipeline' || dialog?.kind === 'rename-pipeline') && (
        <PipelineNameDialog
          opened
          pipeline={dialog.kind === 'rename-pipeline' ? current : null}
          onClose={close}
          onSaved={(p) => select(p.id)}
        />
      )}
      {dialog?.kind === 'delete-pipeline' && current && (
        <DeletePipelineDialog opened pipeline={current} onClose={close} onDeleted={() => select(null)} />
      )}
      {(dialog?.kind === 'add-stage' || dialog?.kind === 'edit-stage') && current && (
        <StageDialog
          opened
          pipelineId={current.id}
          stage={dialog.kind === 'edit-stage' ? dialog.stage : null}
          onClose={close}
        />
      )}
      {dialog?.kind === 'delete-stage' && <DeleteStageDialog stage={dialog.stage} onClose={close} />}
    </Stack>
  );
}

function DeleteStageDialog({ stage, onClose }: { stage: Stage; onClose: () => void }) {
  const t = useT();
  const remove = useDeleteStage(stage.id);
  const removeStage = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('settings.stages.deleted', { name: stage.name }) });
        onClose();
      },
    });
  return (
    <ConfirmDialog
      confirmLabel={t('settings.delete')}
      opened
      title={t('settings.stages.delete')}
      onClose={onClose}
      onConfirm={removeStage}
      loading={remove.isPending}
      error={remove.error}
    >
      {t('settings.stages.deleteText', { name: stage.name })}
    </ConfirmDialog>
  );
}
