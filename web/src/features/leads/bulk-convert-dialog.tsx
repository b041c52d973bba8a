import { Anchor, Button, Group, Progress, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { dealKeys } from '../../api/deals.ts';
import { type Job, jobEnded, useJob } from '../../api/jobs.ts';
import { leadKeys, useStartLeadsConversion } from '../../api/leads.ts';
import { usePipelines } from '../../api/pipelines.ts';
import { useStages } from '../../api/stages.ts';
import { Modal } from '../../components/modal.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

interface JobResult {
  lead_id: string;
  status: string;
  deal_id: number | null;
  error?: string | null;
}

/** The bulk conversion endpoint's limit. */
const MAX_CONVERT = 500;

export interface BulkConvertDialogProps {
  opened: boolean;
  onClose: () => void;
  /** id → title of the leads to convert */
  leads: Map<string, string>;
  onConverted: () => void;
}

function PlacementFields({
  pipelineId,
  stageId,
  onPipeline,
  onStage,
}: {
  pipelineId: number | null;
  stageId: number | null;
  onPipeline: (id: number | null) => void;
  onStage: (id: number | null) => void;
}) {
  const t = useT();
  const pipelines = usePipelines();
  const stages = useStages(pipelineId);
  const sorted = [...(pipelines.data ?? [])].sort((a, b) => a.order_nr - b.order_nr || a.id - b.id);
  // defaults: the default pipeline (lowest order), its first stage
  useEffect(() => {
    if (pipelineId === null && sorted[0]) onPipeline(sorted[0].id);
  }, [pipelineId, sorted, onPipeline]);
  useEffect(() => {
    const list = stages.data ?? [];
    if (list.length > 0 && !list.some((s) => s.id === stageId)) onStage(list[0]?.id ?? null);
  }, [stages.data, stageId, onStage]);
  return (
    <>
      <Select
        label={t('leads.convertMany.pipeline')}
        data={sorted.map((p) => ({ value: String(p.id), label: p.name }))}
        value={pipelineId === null ? null : String(pipelineId)}
        onChange={(v) => {
          onPipeline(v ? Number(v) : null);
          onStage(null);
        }}
        allowDeselect={false}
        disabled={pipelines.isPending}
      />
      <Select
        label={t('leads.convertMany.stage')}
        data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
        value={stageId === null ? null : String(stageId)}
        onChange={(v) => onStage(v ? Number(v) : null)}
        allowDeselect={false}
        disabled={stages.isPending}
      />
    </>
  );
}

function Results({ job, titles }: { job: Job<JobResult[]>; titles: Map<string, string> }) {
  const t = useT();
  const results = job.result ?? [];
  const converted = results.filter((r) => r.deal_id !== null && r.status === 'completed').length;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('leads.convertMany.summary', { converted, total: results.length })}
      </Text>
      <ScrollArea.Autosize mah={320}>
        <Table striped aria-label={t('leads.convertMany.results')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('leads.convertMany.lead')}</Table.Th>
              <Table.Th>{t('leads.convertMany.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.map((r) => (
              <Table.Tr key={r.lead_id}>
                <Table.Td>{titles.get(r.lead_id) ?? r.lead_id}</Table.Td>
                <Table.Td>
                  {r.status === 'completed' && r.deal_id !== null ? (
                    <Anchor component={Link} to={`/deals/${r.deal_id}`} size="sm">
                      {t('leads.convertMany.converted')}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="red">
                      {t('leads.convertMany.refused', { reason: r.error ?? r.status })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** "Convert to deals": choose pipeline and stage, run the bulk job, watch its progress and results. */
export function BulkConvertDialog({ opened, onClose, leads, onConverted }: BulkConvertDialogProps) {
  const t = useT();
  const qc = useQueryClient();
  const mobile = useMediaQuery('(max-width: 48em)');
  const [pipelineId, setPipelineId] = useState<number | null>(null);
  const [stageId, setStageId] = useState<number | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [titles, setTitles] = useState(new Map<string, string>());

  const start = useStartLeadsConversion();
  const startConversion = () =>
    start.mutate(
      { lead_ids: [...leads.keys()], pipeline_id: pipelineId, stage_id: stageId },
      {
        onSuccess: (id) => {
          setTitles(new Map(leads));
          setJobId(id);
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: t('leads.convertMany.notStarted'), message: e.message }),
      },
    );

  const job = useJob<JobResult[]>(jobId);
  const finished = jobEnded(job.data);

  const announced = useRef<number | null>(null);
  useEffect(() => {
    if (!finished || !job.data || announced.current === job.data.id) return;
    announced.current = job.data.id;
    const results = job.data.result ?? [];
    const ok = results.filter((r) => r.status === 'completed' && r.deal_id !== null).length;
    const refused = results.length - ok;
    notifications.show({
      color: job.data.status === 'failed' || refused > 0 ? 'yellow' : 'green',
      title: t('leads.convertMany.notified', { count: ok }),
      message: refused > 0 ? t('leads.convertMany.someRefused', { count: refused }) : undefined,
    });
    qc.invalidateQueries({ queryKey: leadKeys.all });
    qc.invalidateQueries({ queryKey: dealKeys.all });
    onConverted();
  }, [finished, job.data, qc, onConverted, t]);

  const close = () => {
    onClose();
    setJobId(null);
    start.reset();
  };
  const running = jobId !== null && !finished;
  const tooMany = leads.size > MAX_CONVERT;
  const percent = job.data && job.data.total > 0 ? Math.round((job.data.progress / job.data.total) * 100) : 0;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('leads.convertMany.title')}
      fullScreen={mobile}
      closeOnClickOutside={!running}
      size="lg"
    >
      <Stack>
        {jobId === null ? (
          <>
            <Text size="sm">{t('leads.convertMany.intro', { count: leads.size })}</Text>
            {tooMany && (
              <Text size="sm" c="red">
                {t('leads.convertMany.tooMany', { max: MAX_CONVERT })}
              </Text>
            )}
            <PlacementFields
              pipelineId={pipelineId}
              stageId={stageId}
              onPipeline={setPipelineId}
              onStage={setStageId}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={startConversion}
                loading={start.isPending}
                disabled={stageId === null || tooMany}
              >
                {t('leads.convertMany.submit')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            {job.isError && <ErrorState error={job.error} />}
            {!finished && (
              <Stack gap={4}>
                <Text size="sm">
                  {t('leads.convertMany.running', {
                    done: job.data?.progress ?? 0,
                    total: job.data?.total ?? titles.size,
                  })}
                </Text>
                <Progress value={percent} animated aria-label={t('leads.convertMany.progress')} />
              </Stack>
            )}
            {finished && job.data && (
              <>
                {job.data.error && <ErrorState error={job.data.error} />}
                <Results job={job.data} titles={titles} />
                <Group justify="flex-end">
                  <Button onClick={close}>{t('leads.convertMany.done')}</Button>
                </Group>
              </>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
