import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Deal, dealKeys, useDeal, useUpdateDeal } from '../../../api/deals.ts';
import { usePipelines } from '../../../api/pipelines.ts';
import { useStages } from '../../../api/stages.ts';
import { ActivitiesPanel } from '../../../components/activities/activities-panel.tsx';
import { CustomFieldsSection } from '../../../components/custom-fields/index.ts';
import { FilesSection } from '../../../components/files/files-section.tsx';
import { NotesPanel } from '../../../components/notes/notes-panel.tsx';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { DealDocumentsSection } from '../../documents/deal-documents-section.tsx';
import { DealProjectsSection } from '../../projects/deal-projects-section.tsx';
import { day, when } from '../format.ts';
import { DealActions } from './deal-actions.tsx';
import { DealContacts } from './deal-contacts.tsx';
import { DealFollowers } from './deal-followers.tsx';
import { DealParticipants } from './deal-participants.tsx';
import { DealSummary } from './deal-summary.tsx';
import { DealTimeline } from './deal-timeline.tsx';
import { DealTitle } from './deal-title.tsx';
import { InvoicesSection } from './invoices/invoices-section.tsx';
import { DealProductsSection } from './products/deal-products-section.tsx';
import { StageProgress } from './stage-progress.tsx';

function StatusBadge({ deal }: { deal: Deal }) {
  const t = useT();
  if (deal.status === 'won')
    return (
      <Badge color="green">{t('deals.page.wonOn', { date: day(deal.won_time?.slice(0, 10) ?? null) })}</Badge>
    );
  if (deal.status === 'lost')
    return (
      <Badge color="red">{t('deals.page.lostOn', { date: day(deal.lost_time?.slice(0, 10) ?? null) })}</Badge>
    );
  return <Badge variant="light">{t('deals.page.open')}</Badge>;
}

function ArchivedNotice({ deal }: { deal: Deal }) {
  const update = useUpdateDeal(deal.id);
  const t = useT();
  return (
    <Alert color="gray" title={t('deals.page.archivedTitle')}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">{t('deals.page.archivedText')}</Text>
        <Button
          size="compact-sm"
          variant="default"
          loading={update.isPending}
          onClick={() => update.mutate({ is_archived: false })}
        >
          {t('deals.unarchive')}
        </Button>
      </Group>
    </Alert>
  );
}

function DealView({ deal }: { deal: Deal }) {
  const qc = useQueryClient();
  const t = useT();
  const pipelines = usePipelines();
  const stages = useStages(deal.pipeline_id);
  const pipeline = pipelines.data?.find((p) => p.id === deal.pipeline_id);
  const stage = stages.data?.find((s) => s.id === deal.stage_id);
  const readOnly = deal.is_archived;
  const update = useUpdateDeal(deal.id);
  const target = { deal_id: deal.id };
  // activities change the deal's next activity and update time: refresh what shows them
  const refresh = () => void qc.invalidateQueries({ queryKey: dealKeys.all });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/deals?pipeline=${deal.pipeline_id}`} size="sm">
        ← {pipeline?.name ?? t('deals.page.pipeline')}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 280px', minWidth: 0 }}>
          <DealTitle deal={deal} readOnly={readOnly} />
          <Group gap="xs">
            <StatusBadge deal={deal} />
            {deal.is_archived && <Badge color="gray">{t('deals.page.archived')}</Badge>}
            <Text size="xs" c="dimmed">
              {t('deals.page.added', { time: when(deal.add_time) })}
            </Text>
          </Group>
        </Stack>
        <DealActions deal={deal} />
      </Group>
      {readOnly && <ArchivedNotice deal={deal} />}
      {stages.data && <StageProgress deal={deal} stages={stages.data} readOnly={readOnly} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <DealSummary deal={deal} stage={stage} readOnly={readOnly} />
            <CustomFieldsSection
              entity="deal"
              source={{ shape: 'v2', values: deal.custom_fields }}
              readOnly={readOnly}
              save={(patch) => update.mutateAsync(patch)}
            />
            <DealContacts deal={deal} readOnly={readOnly} />
            <DealParticipants dealId={deal.id} readOnly={readOnly} />
            <DealFollowers dealId={deal.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Tabs defaultValue="notes" keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="notes">{t('deals.page.notes')}</Tabs.Tab>
                  <Tabs.Tab value="activities">{t('deals.page.activities')}</Tabs.Tab>
                  <Tabs.Tab value="changelog">{t('deals.page.changelog')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="notes">
                  <NotesPanel target={target} readOnly={readOnly} onChanged={refresh} title={null} />
                </Tabs.Panel>
                <Tabs.Panel value="activities">
                  <ActivitiesPanel target={target} readOnly={readOnly} onChanged={refresh} title={null} />
                </Tabs.Panel>
                <Tabs.Panel value="changelog">
                  <DealTimeline dealId={deal.id} />
                </Tabs.Panel>
              </Tabs>
            </Paper>
            <FilesSection target={{ deal_id: deal.id }} readOnly={readOnly} />
            <InvoicesSection deal={deal} />
            <DealProjectsSection deal={deal} />
            <DealDocumentsSection deal={deal} readOnly={readOnly} />
          </Stack>
        </Grid.Col>
      </Grid>
      <DealProductsSection deal={deal} readOnly={readOnly} />
    </Stack>
  );
}

/** /deals/:id: the deal's detail view. */
export function DealPage() {
  const { id } = useParams();
  const t = useT();
  const dealId = id && /^\d{1,15}$/.test(id) ? Number(id) : null;
  if (dealId === null) return <Empty>{t('deals.page.noSuch')}</Empty>;
  return <DealLoader id={dealId} />;
}

function DealLoader({ id }: { id: number }) {
  const deal = useDeal(id);
  const t = useT();
  if (deal.isPending) return <Loading label={t('deals.page.loading')} />;
  if (deal.isError) {
    if (deal.error instanceof ApiError && deal.error.status === 404) {
      return (
        <Stack align="center">
          <Empty>{t('deals.page.notFound')}</Empty>
          <Anchor component={Link} to="/deals">
            {t('deals.page.back')}
          </Anchor>
        </Stack>
      );
    }
    return <ErrorState error={deal.error} />;
  }
  return <DealView deal={deal.data} />;
}
