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
import { ActivitiesPanel } from '../../../components/activities/activities-panel.tsx';
import { NotesPanel } from '../../../components/notes/notes-panel.tsx';
import { ErrorState, Loading } from '../../../components/states.tsx';
import { ConvertDialog } from '../convert/convert-dialog.tsx';
import { type Lead, type LeadPatch, leadKey, useLead, useUpdateLead } from './api.ts';
import { InlineField, InlineText } from './inline-field.tsx';
import { LeadActions } from './lead-actions.tsx';
import { ContactCard } from './lead-contacts.tsx';
import { LeadFields } from './lead-fields.tsx';

function LeadNotFound() {
  return (
    <Stack align="center" gap="sm" p="xl" role="alert">
      <Title order={2}>Lead not found</Title>
      <Text c="dimmed" ta="center">
        It may have been deleted or converted to a deal, or you may not have access to it.
      </Text>
      <Button component={Link} to="/leads" variant="light" leftSection={<IconArrowLeft size={16} />}>
        Back to Leads Inbox
      </Button>
    </Stack>
  );
}

const validTitle = (v: string) =>
  v.trim() === '' ? 'The title cannot be empty' : v.length > 255 ? 'At most 255 characters' : undefined;

function LeadView({ lead }: { lead: Lead }) {
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

  const refreshLead = () => void qc.invalidateQueries({ queryKey: leadKey(lead.id) });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/leads" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Leads Inbox
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Box style={{ flex: '1 1 320px', minWidth: 0 }}>
          <InlineField label="Title" variant="title" readOnly={readOnly} display={lead.title}>
            {(close) => (
              <InlineText
                label="Title"
                initial={lead.title}
                close={close}
                validate={validTitle}
                maxLength={255}
                onSave={(title) => save({ title: title.trim() })}
              />
            )}
          </InlineField>
          <Group gap={6} mt={4}>
            <Badge variant="light" color="gray" size="sm">
              Lead
            </Badge>
            {lead.is_archived && (
              <Badge variant="light" color="orange" size="sm" leftSection={<IconArchive size={10} />}>
                Archived
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
          This lead is archived and cannot be changed. Unarchive it to edit it or convert it to a deal.
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <LeadFields lead={lead} readOnly={readOnly} save={save} />
            <ContactCard kind="person" lead={lead} readOnly={readOnly} save={save} />
            <ContactCard kind="organization" lead={lead} readOnly={readOnly} save={save} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Card withBorder padding="md">
            <Tabs defaultValue="notes">
              <Tabs.List mb="md">
                <Tabs.Tab value="notes">Notes</Tabs.Tab>
                <Tabs.Tab value="activities">Activities</Tabs.Tab>
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
  const { id = '' } = useParams();
  const lead = useLead(id);
  if (lead.isPending) return <Loading label="Loading lead" />;
  if (lead.isError) {
    if (lead.error instanceof ApiError && lead.error.status === 404) return <LeadNotFound />;
    return <ErrorState error={lead.error} />;
  }
  return <LeadView key={lead.data.id} lead={lead.data} />;
}
