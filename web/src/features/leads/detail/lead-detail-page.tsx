import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconArchive, IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Lead, type LeadPatch, leadKeys, useLead, useUpdateLead } from '../../../api/leads.ts';
import { ActivitiesPanel } from '../../../components/activities/activities-panel.tsx';
import { CustomFieldsSection } from '../../../components/custom-fields/index.ts';
import { InlineField } from '../../../components/inline-field/index.ts';
import { NotesPanel } from '../../../components/notes/notes-panel.tsx';
import { ErrorState, Loading } from '../../../components/states.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { ConvertDialog } from '../convert/convert-dialog.tsx';
import { LeadActions } from './lead-actions.tsx';
import { ContactCard } from './lead-contacts.tsx';
import { LeadFields } from './lead-fields.tsx';

function LeadNotFound() {
  const t = useT();
  return (
    <Stack align="center" gap="sm" p="xl" role="alert">
      <Title order={2}>{t('leads.detail.notFound')}</Title>
      <Text c="dimmed" ta="center">
        {t('leads.detail.notFoundBody')}
      </Text>
      <Button component={Link} to="/leads" variant="light" leftSection={<IconArrowLeft size={16} />}>
        {t('leads.backToInbox')}
      </Button>
    </Stack>
  );
}

function LeadView({ lead }: { lead: Lead }) {
  const t = useT();
  const qc = useQueryClient();
  const update = useUpdateLead(lead.id);
  const [converting, setConverting] = useState(false);
  const seenAsked = useRef<string | null>(null);
  const readOnly = lead.is_archived;
  const save = (patch: LeadPatch) => update.mutateAsync(patch);
  const mark = update.mutate;

  // Opening a lead marks it as seen, once (not again after "Mark as unseen").
  useEffect(() => {
    if (lead.was_seen || lead.is_archived || seenAsked.current === lead.id) return;
    seenAsked.current = lead.id;
    mark({ was_seen: true });
  }, [lead.id, lead.was_seen, lead.is_archived, mark]);

  const refreshLead = () => void qc.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/leads" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('leads.inbox.title')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Box style={{ flex: '1 1 320px', minWidth: 0 }}>
          <InlineField
            type="varchar"
            heading="h1"
            label={t('leads.field.title')}
            readOnly={readOnly}
            value={lead.title}
            options={{ required: true, maxLength: 255 }}
            onSave={(title) => save({ title: (title ?? '').trim() })}
          />
          <Group gap={6} mt={4}>
            <Badge variant="light" color="gray" size="sm">
              {t('leads.detail.badge')}
            </Badge>
            {lead.is_archived && (
              <Badge variant="light" color="orange" size="sm" leftSection={<IconArchive size={10} />}>
                {t('leads.detail.archivedBadge')}
              </Badge>
            )}
          </Group>
        </Box>
        <LeadActions
          lead={lead}
          save={save}
          onConvert={() => setConverting(true)}
          onMarkedUnseen={() => {
            seenAsked.current = lead.id;
          }}
        />
      </Group>
      {readOnly && (
        <Alert color="orange" variant="light" icon={<IconArchive size={18} />}>
          {t('leads.detail.archivedAlert')}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <LeadFields lead={lead} readOnly={readOnly} save={save} />
            <CustomFieldsSection
              entity="lead"
              source={{ shape: 'v1', record: lead }}
              readOnly={readOnly}
              // custom values are root keys of a v1 lead's PATCH
              save={(patch) => save(patch as LeadPatch)}
            />
            <ContactCard kind="person" lead={lead} readOnly={readOnly} save={save} />
            <ContactCard kind="organization" lead={lead} readOnly={readOnly} save={save} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Card withBorder padding="md">
            <Tabs defaultValue="notes">
              <Tabs.List mb="md">
                <Tabs.Tab value="notes">{t('notes.title')}</Tabs.Tab>
                <Tabs.Tab value="activities">{t('activities.title')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="notes">
                <NotesPanel target={{ lead_id: lead.id }} readOnly={readOnly} title={null} />
              </Tabs.Panel>
              <Tabs.Panel value="activities">
                <ActivitiesPanel
                  target={{ lead_id: lead.id }}
                  readOnly={readOnly}
                  title={null}
                  onChanged={refreshLead}
                />
              </Tabs.Panel>
            </Tabs>
          </Card>
        </Grid.Col>
      </Grid>
      {converting && <ConvertDialog lead={lead} opened onClose={() => setConverting(false)} />}
    </Stack>
  );
}

/** /leads/:id — the lead detail view. */
export function LeadDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const lead = useLead(id);
  if (lead.isPending) return <Loading label={t('leads.detail.loading')} />;
  if (lead.isError) {
    if (lead.error instanceof ApiError && lead.error.status === 404) return <LeadNotFound />;
    return <ErrorState error={lead.error} />;
  }
  return <LeadView key={lead.data.id} lead={lead.data} />;
}
