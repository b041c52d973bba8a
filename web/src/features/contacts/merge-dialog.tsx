import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { Modal } from '../../components/modal.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ContactPicker, useIsMobile } from './fields.tsx';
import { organizationMergePreview, type PreviewRow, personMergePreview } from './merge-preview.ts';
import { useOrganization, usePerson, useUserNames } from './queries.ts';
import type { Organization, Person } from './types.ts';

type Props =
  | { kind: 'person'; record: Person; opened: boolean; onClose: () => void }
  | { kind: 'organization'; record: Organization; opened: boolean; onClose: () => void };

/**
 * Merge: pick the record to merge with, preview what stays, then PUT /api/v1/{persons|organizations}/
 * {id}/merge {merge_with_id}. The picked record survives; this one is deleted.
 */
export function MergeDialog(props: Props) {
  const { kind, record, opened, onClose } = props;
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(null);
  const noun = kind === 'person' ? 'person' : 'organization';
  const base = kind === 'person' ? '/contacts/people' : '/contacts/organizations';

  const close = () => {
    setChosen(null);
    merge.reset();
    onClose();
  };

  const merge = useMutation({
    mutationFn: async (survivorId: number) =>
      api.put(`/api/v1/${kind === 'person' ? 'persons' : 'organizations'}/${record.id}/merge`, {
        merge_with_id: survivorId,
      }),
    onSuccess: (_res, survivorId) => {
      for (const key of ['persons', 'organizations', 'leads', 'deals', 'notes', 'activities'])
        qc.invalidateQueries({ queryKey: [key] });
      notifications.show({
        color: 'teal',
        title: 'Merged',
        message: `${record.name} was merged into ${chosen?.name ?? 'the other record'}.`,
      });
      setChosen(null);
      onClose();
      navigate(`${base}/${survivorId}`);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={`Merge ${noun}`} size="xl" fullScreen={mobile}>
      <Stack gap="md">
        <Text size="sm">
          Pick the {noun} to merge <b>{record.name}</b> with. That {noun} is kept: its values win where both
          have one, and empty fields are filled from {record.name}. Emails and phones of both are kept. Leads,
          deals, notes and activities move to it, and {record.name} is deleted.
        </Text>
        <ContactPicker
          kind={kind}
          label="Merge with"
          value={chosen}
          onChange={setChosen}
          exclude={record.id}
          autoFocus
        />
        {chosen &&
          (props.kind === 'person' ? (
            <PersonPreview current={props.record} chosenId={chosen.id} />
          ) : (
            <OrganizationPreview current={props.record} chosenId={chosen.id} />
          ))}
        {merge.isError && (
          <Alert color="red" role="alert">
            {merge.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!chosen}
            loading={merge.isPending}
            onClick={() => chosen && merge.mutate(chosen.id)}
          >
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PersonPreview({ current, chosenId }: { current: Person; chosenId: number }) {
  const chosen = usePerson(chosenId);
  const user = useUserNames();
  const orgA = useOrganization(current.org_id);
  const orgB = useOrganization(chosen.data?.org_id);
  if (chosen.isPending) return <Loading label="Loading preview" />;
  if (chosen.isError) return <ErrorState error={chosen.error} />;
  const org = (id: number | null) =>
    id === null ? '' : ([orgA.data, orgB.data].find((o) => o?.id === id)?.name ?? `#${id}`);
  return (
    <PreviewTable
      rows={personMergePreview(current, chosen.data, { user, org })}
      a={current.name}
      b={chosen.data.name}
    />
  );
}

function OrganizationPreview({ current, chosenId }: { current: Organization; chosenId: number }) {
  const chosen = useOrganization(chosenId);
  const user = useUserNames();
  if (chosen.isPending) return <Loading label="Loading preview" />;
  if (chosen.isError) return <ErrorState error={chosen.error} />;
  return (
    <PreviewTable
      rows={organizationMergePreview(current, chosen.data, { user })}
      a={current.name}
      b={chosen.data.name}
    />
  );
}

const cellStyle = (win: boolean) =>
  win
    ? { background: 'var(--mantine-color-teal-light)', fontWeight: 500 }
    : { color: 'var(--mantine-color-dimmed)' };

function PreviewTable({ rows, a, b }: { rows: PreviewRow[]; a: string; b: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder withColumnBorders aria-label="Merge preview" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>{a} (deleted)</Table.Th>
            <Table.Th>{b} (kept)</Table.Th>
            <Table.Th>After merge</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.field}>
              <Table.Th scope="row">{r.field}</Table.Th>
              <Table.Td style={cellStyle(r.from === 'current' || r.from === 'both')}>
                {r.current || '—'}
              </Table.Td>
              <Table.Td style={cellStyle(r.from === 'chosen' || r.from === 'both')}>
                {r.chosen || '—'}
              </Table.Td>
              <Table.Td fw={600}>{r.result || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
