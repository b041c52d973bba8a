import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { useMergeContact } from '../../api/merge.ts';
import { type Organization, useOrganization } from '../../api/organizations.ts';
import { type Person, usePerson } from '../../api/persons.ts';
import { Modal } from '../../components/modal.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useIsMobile } from '../../components/use-is-mobile.ts';
import { useVisibility } from '../../components/visibility.ts';
import { useT } from '../../i18n/provider.tsx';
import { ContactPicker } from './fields.tsx';
import { organizationMergePreview, type PreviewRow, personMergePreview } from './merge-preview.ts';
import { useUserNames } from './queries.ts';

/** `initialWith`: the record picked to begin with (the merge tool's pair); `onMerged`: instead of going to it. */
type Common = {
  opened: boolean;
  onClose: () => void;
  initialWith?: { id: number; name: string } | null;
  onMerged?: (survivorId: number) => void;
};
type Props = ({ kind: 'person'; record: Person } | { kind: 'organization'; record: Organization }) & Common;

/**
 * Merge: pick the record to merge with, preview what stays, then PUT /api/v1/{persons|organizations}/
 * {id}/merge {merge_with_id}. The picked record survives; this one is deleted.
 */
export function MergeDialog(props: Props) {
  const { kind, record, opened, onClose, initialWith, onMerged } = props;
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const t = useT();
  const intl = useIntl();
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(initialWith ?? null);
  const base = kind === 'person' ? '/contacts/people' : '/contacts/organizations';

  const close = () => {
    setChosen(null);
    merge.reset();
    onClose();
  };

  const merge = useMergeContact(kind, record.id);
  const mergeWith = (survivorId: number) =>
    merge.mutate(survivorId, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: t('contacts.merge.done'),
          message: t('contacts.merge.doneText', {
            name: record.name,
            other: chosen?.name ?? t('contacts.merge.theOther'),
          }),
        });
        setChosen(null);
        onClose();
        if (onMerged) onMerged(survivorId);
        else navigate(`${base}/${survivorId}`);
      },
    });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(kind === 'person' ? 'contacts.merge.titlePerson' : 'contacts.merge.titleOrganization')}
      size="xl"
      fullScreen={mobile}
    >
      <Stack gap="md">
        <Text size="sm">
          {intl.formatMessage(
            { id: kind === 'person' ? 'contacts.merge.explainPerson' : 'contacts.merge.explainOrganization' },
            { name: record.name, b: (chunks) => <b>{chunks}</b> },
          )}
        </Text>
        <ContactPicker
          kind={kind}
          label={t('contacts.merge.with')}
          value={chosen}
          onChange={setChosen}
          exclude={record.id}
          autoFocus={!initialWith}
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
            {t('contacts.cancel')}
          </Button>
          <Button
            color="red"
            disabled={!chosen}
            loading={merge.isPending}
            onClick={() => chosen && mergeWith(chosen.id)}
          >
            {t('contacts.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PersonPreview({ current, chosenId }: { current: Person; chosenId: number }) {
  const chosen = usePerson(chosenId);
  const user = useUserNames();
  const t = useT();
  const visibility = useVisibility().label;
  const orgA = useOrganization(current.org_id);
  const orgB = useOrganization(chosen.data?.org_id);
  if (chosen.isPending) return <Loading label={t('contacts.merge.loadingPreview')} />;
  if (chosen.isError) return <ErrorState error={chosen.error} />;
  const org = (id: number | null) =>
    id === null ? '' : ([orgA.data, orgB.data].find((o) => o?.id === id)?.name ?? `#${id}`);
  return (
    <PreviewTable
      rows={personMergePreview(current, chosen.data, { user, org, visibility })}
      a={current.name}
      b={chosen.data.name}
    />
  );
}

function OrganizationPreview({ current, chosenId }: { current: Organization; chosenId: number }) {
  const chosen = useOrganization(chosenId);
  const user = useUserNames();
  const t = useT();
  const visibility = useVisibility().label;
  if (chosen.isPending) return <Loading label={t('contacts.merge.loadingPreview')} />;
  if (chosen.isError) return <ErrorState error={chosen.error} />;
  return (
    <PreviewTable
      rows={organizationMergePreview(current, chosen.data, { user, visibility })}
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
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder withColumnBorders aria-label={t('contacts.merge.preview')} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.merge.field')}</Table.Th>
            <Table.Th>{t('contacts.merge.deleted', { name: a })}</Table.Th>
            <Table.Th>{t('contacts.merge.kept', { name: b })}</Table.Th>
            <Table.Th>{t('contacts.merge.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.field}>
              <Table.Th scope="row">{t(r.field)}</Table.Th>
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
