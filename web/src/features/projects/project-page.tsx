import { Anchor, Badge, Grid, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useDeal } from '../../api/deals.ts';
import { type Project, useProject, useProjectPhases, useUpdateProject } from '../../api/projects.ts';
import { DateField } from '../../components/date-field.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { ProjectTasks } from './project-tasks.tsx';

const STATUSES = ['open', 'completed', 'canceled'] as const;

/** /projects/:id: the project's fields, its linked deals and its tasks. */
export function ProjectPage() {
  const { id } = useParams();
  const t = useT();
  const projectId = id && /^\d{1,15}$/.test(id) ? Number(id) : null;
  if (projectId === null) return <Empty>{t('projects.page.notFound')}</Empty>;
  return <ProjectLoader id={projectId} />;
}

function ProjectLoader({ id }: { id: number }) {
  const t = useT();
  const project = useProject(id);
  if (project.isPending) return <Loading label={t('projects.loading')} />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return <Empty>{t('projects.page.notFound')}</Empty>;
    }
    return <ErrorState error={project.error} />;
  }
  return <ProjectView project={project.data} />;
}

function ProjectView({ project }: { project: Project }) {
  const t = useT();
  const phases = useProjectPhases(project.board_id);
  const update = useUpdateProject();
  const save = (patch: Parameters<typeof update.mutate>[0]['patch']) =>
    update.mutate({ id: project.id, patch });
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/projects" size="sm">
        ← {t('projects.title')}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {project.title}
        </Title>
        <Badge variant="light">{t('projects.status', { status: project.status })}</Badge>
        {project.archive_time && <Badge color="gray">{t('projects.page.archived')}</Badge>}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Select
                label={t('projects.field.phase')}
                data={(phases.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
                value={String(project.phase_id)}
                onChange={(v) => v && save({ phase_id: Number(v) })}
                allowDeselect={false}
              />
              <Select
                label={t('projects.field.status')}
                data={STATUSES.map((s) => ({ value: s, label: t('projects.status', { status: s }) }))}
                value={project.status === 'deleted' ? null : project.status}
                onChange={(v) => v && save({ status: v as (typeof STATUSES)[number] })}
                allowDeselect={false}
              />
              <DateField
                label={t('projects.field.startDate')}
                value={project.start_date}
                onChange={(v) => v !== project.start_date && save({ start_date: v })}
                clearable
              />
              <DateField
                label={t('projects.field.endDate')}
                value={project.end_date}
                onChange={(v) => v !== project.end_date && save({ end_date: v })}
                clearable
              />
              <Text size="xs" c="dimmed">
                {t('projects.page.added', { time: formatInstant(project.add_time) })}
              </Text>
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('projects.field.deals')}
                </Text>
                {project.deal_ids.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('projects.page.noDeals')}
                  </Text>
                ) : (
                  project.deal_ids.map((d) => <DealLink key={d} id={d} />)
                )}
              </Stack>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <ProjectTasks projectId={project.id} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** A linked deal by its title (its number until the title arrives, or when the caller cannot see it). */
function DealLink({ id }: { id: number }) {
  const t = useT();
  const deal = useDeal(id);
  return (
    <Anchor component={Link} to={`/deals/${id}`} size="sm">
      {deal.data?.title ?? t('projects.page.deal', { id })}
    </Anchor>
  );
}
