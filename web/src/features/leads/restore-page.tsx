import { Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { leadKeys } from '../../api/leads.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';

interface DeletedLead {
  id: string;
  title: string;
  person_name: string | null;
  organization_name: string | null;
  delete_time: string;
  deleted_by: { id: number; name: string } | null;
}

const DELETED_KEY = ['leads', 'deleted'] as const;

/** Restore data (/leads/restore): leads deleted in the last 30 days, each with a Restore button. */
export function RestorePage() {
  const t = useT();
  const qc = useQueryClient();
  const deleted = useQuery({
    queryKey: DELETED_KEY,
    queryFn: async () => (await api.get<DeletedLead[]>('/api/ext/leads/deleted', { limit: 500 })).data,
  });
  const restore = useMutation({
    mutationFn: async (lead: DeletedLead) => (await api.post(`/api/ext/leads/${lead.id}/restore`)).data,
    onSuccess: (_d, lead) =>
      notifications.show({ color: 'green', title: t('leads.restore.done'), message: lead.title }),
    onError: (e, lead) =>
      notifications.show({
        color: 'red',
        title: t('leads.restore.failed', { title: lead.title }),
        message: e.message,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: leadKeys.all }),
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
                      onClick={() => restore.mutate(lead)}
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
