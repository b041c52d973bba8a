import { Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type DeletedLead, useDeletedLeads, useRestoreLead } from '../../api/leads.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';

/** Restore data (/leads/restore): leads deleted in the last 30 days, each with a Restore button. */
export function RestorePage() {
  const t = useT();
  const deleted = useDeletedLeads();
  const restore = useRestoreLead();
  const restoreLead = (lead: DeletedLead) =>
    restore.mutate(lead, {
      onSuccess: (_d, lead) =>
        notifications.show({ color: 'green', title: t('leads.restore.done'), message: lead.title }),
      onError: (e, lead) =>
        notifications.show({
          color: 'red',
          title: t('leads.restore.failed', { title: lead.title }),
          message: e.message,
        }),
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('leads.restore.title')}</Title>
        <Anchor component={Link} to="/leads" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('leads.backToInbox')}
          </Group>
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('leads.restore.intro')}
      </Text>
      {deleted.isPending ? (
        <Loading label={t('leads.restore.loading')} />
      ) : deleted.isError ? (
        <ErrorState error={deleted.error} />
      ) : deleted.data.length === 0 ? (
        <Empty>{t('leads.restore.empty')}</Empty>
      ) : (
        <ScrollArea type="auto">
          <Table miw={720} striped highlightOnHover aria-label={t('leads.restore.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('leads.field.title')}</Table.Th>
                <Table.Th>{t('leads.field.person')}</Table.Th>
                <Table.Th>{t('leads.field.organization')}</Table.Th>
                <Table.Th>{t('leads.restore.deleted')}</Table.Th>
                <Table.Th>{t('leads.restore.deletedBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deleted.data.map((lead) => (
                <Table.Tr key={lead.id}>
                  <Table.Td>{lead.title}</Table.Td>
                  <Table.Td>{lead.person_name}</Table.Td>
                  <Table.Td>{lead.organization_name}</Table.Td>
                  <Table.Td>{formatDateTime(lead.delete_time)}</Table.Td>
                  <Table.Td>{lead.deleted_by?.name}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      loading={restore.isPending && restore.variables?.id === lead.id}
                      onClick={() => restoreLead(lead)}
                    >
                      {t('leads.restore.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}
