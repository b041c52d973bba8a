import { Anchor, Badge, Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Deal } from '../../api/deals.ts';
import { useCreateProject, useProjects, useProjectTemplates } from '../../api/projects.ts';
import { Modal } from '../../components/modal.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

/** The deal's projects; a won deal offers "Create project", blank or from a template. */
export function DealProjectsSection({ deal }: { deal: Deal }) {
  const t = useT();
  const projects = useProjects({ dealId: deal.id });
  const [creating, setCreating] = useState(false);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {t('projects.deal.title')}
          </Title>
          {deal.status === 'won' && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
            >
              {t('projects.deal.create')}
            </Button>
          )}
        </Group>
        {projects.isPending ? (
          <Loading label={t('projects.loading')} />
        ) : projects.isError ? (
          <ErrorState error={projects.error} />
        ) : projects.data.length === 0 ? (
          <Empty>{t('projects.deal.none')}</Empty>
        ) : (
          <Stack
            gap={4}
            component="ul"
            aria-label={t('projects.deal.list')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {projects.data.map((p) => (
              <Group key={p.id} component="li" gap="xs">
                <Anchor component={Link} to={`/projects/${p.id}`} size="sm">
                  {p.title}
                </Anchor>
                <Badge size="sm" variant="light">
                  {t('projects.status', { status: p.status })}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {creating && <CreateProjectDialog deal={deal} onClose={() => setCreating(false)} />}
    </Paper>
  );
}

function CreateProjectDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const t = useT();
  const templates = useProjectTemplates();
  const create = useCreateProject();
  const [title, setTitle] = useState(deal.title);
  const [template, setTemplate] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title: title.trim(),
        deal_ids: [deal.id],
        ...(deal.person_id ? { person_ids: [deal.person_id] } : {}),
        ...(deal.org_id ? { org_ids: [deal.org_id] } : {}),
        ...(template ? { template_id: Number(template) } : {}),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('projects.deal.create')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('projects.field.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Select
            label={t('projects.deal.template')}
            placeholder={t('projects.deal.blank')}
            data={(templates.data ?? []).map((tp) => ({ value: String(tp.id), label: tp.title }))}
            value={template}
            onChange={setTemplate}
            clearable
          />
          {create.error && <ErrorState error={create.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('projects.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim()}>
              {t('projects.deal.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
