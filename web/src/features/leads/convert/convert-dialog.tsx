import { Alert, Button, Group, Loader, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConversionError, useConvertLead } from '../../../api/conversions.ts';
import { type Duplicate, useDuplicates } from '../../../api/duplicates.ts';
import type { Lead } from '../../../api/leads.ts';
import { useOrganization } from '../../../api/organizations.ts';
import { usePerson } from '../../../api/persons.ts';
import { usePipelines } from '../../../api/pipelines.ts';
import { useStages } from '../../../api/stages.ts';
import { useUsers } from '../../../api/users.ts';
import { Modal } from '../../../components/modal.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { DuplicatesTable, type OwnContact } from './duplicates-table.tsx';

export interface ConvertDialogProps {
  lead: Lead;
  opened: boolean;
  onClose: () => void;
}

/** The lead's own person/organization as a row of the duplicates table. */
function useOwnContacts(lead: Lead) {
  const users = useUsers();
  const person = usePerson(lead.person_id);
  const org = useOrganization(lead.organization_id);
  const personOrg = useOrganization(person.data?.org_id ?? null);
  const owner = (id: number | undefined) =>
    id === undefined ? null : (users.data?.find((u) => u.id === id)?.name ?? null);
  const ownPerson: OwnContact | null = person.data
    ? {
        id: person.data.id,
        name: person.data.name,
        emails: person.data.emails.map((e) => e.value),
        phones: person.data.phones.map((p) => p.value),
        organization: personOrg.data?.name ?? null,
        address: person.data.postal_address?.value ?? null,
        owner: owner(person.data.owner_id),
      }
    : null;
  const ownOrg: OwnContact | null = org.data
    ? {
        id: org.data.id,
        name: org.data.name,
        emails: [],
        phones: [],
        organization: null,
        address: org.data.address?.value ?? null,
        owner: owner(org.data.owner_id),
      }
    : null;
  return { ownPerson, ownOrg };
}

/**
 * "Convert to deal": pick the pipeline and stage (default pipeline and its first stage), review possible
 * duplicates of the lead's person and organization, then convert, wait for the conversion and open the
 * new deal.
 */
export function ConvertDialog({ lead, opened, onClose }: ConvertDialogProps) {
  const t = useT();
  const mobile = useMediaQuery('(max-width: 48em)');
  const navigate = useNavigate();
  const conversion = useConvertLead(lead.id);
  const pipelines = usePipelines({ enabled: opened });
  const [pipelineId, setPipelineId] = useState<number | null>(null);
  const pipeline = pipelineId ?? pipelines.data?.[0]?.id ?? null;
  const stages = useStages(pipeline);
  const [stageId, setStageId] = useState<number | null>(null);
  const stage =
    stageId !== null && stages.data?.some((s) => s.id === stageId) ? stageId : (stages.data?.[0]?.id ?? null);

  const personDups = useDuplicates('person', opened ? lead.person_id : null);
  const orgDups = useDuplicates('organization', opened ? lead.organization_id : null);
  const { ownPerson, ownOrg } = useOwnContacts(lead);
  const [personId, setPersonId] = useState(lead.person_id);
  const [orgId, setOrgId] = useState(lead.organization_id);

  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const convert = async () => {
    if (stage === null) return;
    setRunning(true);
    setError(null);
    try {
      const dealId = await conversion.mutateAsync({
        stage_id: stage,
        ...(pipeline !== null ? { pipeline_id: pipeline } : {}),
        ...(personId !== null && personId !== lead.person_id ? { person_id: personId } : {}),
        ...(orgId !== null && orgId !== lead.organization_id ? { org_id: orgId } : {}),
      });
      notifications.show({ color: 'teal', message: t('leads.convert.done') });
      onClose();
      navigate(`/deals/${dealId}`);
      // the lead is gone: drop it, and refresh what the conversion changed once its page has left
      conversion.settle();
    } catch (e) {
      setError(e instanceof ConversionError ? t(e.messageId) : e instanceof Error ? e.message : String(e));
      setRunning(false);
    }
  };

  const dupsOf = (q: typeof personDups): Duplicate[] => q.data ?? [];
  const showPersonDups = ownPerson !== null && dupsOf(personDups).length > 0;
  const showOrgDups = ownOrg !== null && dupsOf(orgDups).length > 0;
  const checking =
    (lead.person_id !== null && personDups.isPending) || (lead.organization_id !== null && orgDups.isPending);
  const checkFailed = personDups.isError || orgDups.isError;
  const noStages = stages.isSuccess && stages.data.length === 0;
  const noPipelines = pipelines.isSuccess && pipelines.data.length === 0;

  return (
    <Modal
      opened={opened}
      onClose={() => !running && onClose()}
      title={t('leads.convert.title')}
      size={showPersonDups || showOrgDups ? 1000 : 'lg'}
      fullScreen={mobile}
      closeOnClickOutside={!running}
      closeOnEscape={!running}
    >
      <Stack gap="md">
        <Text size="sm">{t('leads.convert.intro', { title: lead.title })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('leads.convertMany.pipeline')}
            data={(pipelines.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            value={pipeline === null ? null : String(pipeline)}
            onChange={(v) => {
              if (!v) return;
              setPipelineId(Number(v));
              setStageId(null);
            }}
            allowDeselect={false}
            disabled={running || pipelines.isPending}
            error={
              pipelines.isError
                ? pipelines.error.message
                : noPipelines
                  ? t('leads.convert.noPipelines')
                  : undefined
            }
          />
          <Select
            label={t('leads.convertMany.stage')}
            data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            value={stage === null ? null : String(stage)}
            onChange={(v) => v && setStageId(Number(v))}
            allowDeselect={false}
            disabled={running || stages.isPending}
            error={stages.isError ? stages.error.message : noStages ? t('leads.convert.noStages') : undefined}
          />
        </SimpleGrid>
        {checking && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('leads.convert.checking')}
            </Text>
          </Group>
        )}
        {checkFailed && (
          <Alert color="yellow" variant="light">
            {t('leads.convert.checkFailed')}
          </Alert>
        )}
        {showPersonDups && ownPerson && personId !== null && (
          <DuplicatesTable
            kind="person"
            own={ownPerson}
            candidates={dupsOf(personDups)}
            value={personId}
            onChange={setPersonId}
          />
        )}
        {showOrgDups && ownOrg && orgId !== null && (
          <DuplicatesTable
            kind="organization"
            own={ownOrg}
            candidates={dupsOf(orgDups)}
            value={orgId}
            onChange={setOrgId}
          />
        )}
        {error && (
          <Alert color="red" variant="light" title={t('leads.convert.failed')} role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={running}>
            {t('common.cancel')}
          </Button>
          <Button
            color="green"
            onClick={() => void convert()}
            loading={running}
            disabled={stage === null || checking}
          >
            {t('leads.convert.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
