import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useParticipantDeals } from '../../api/participants.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';

/** On a person's page: the deals they take part in as a participant (behaviour §3.8). */
export function ParticipantDealsSection({ personId }: { personId: number }) {
  const t = useT();
  const deals = useParticipantDeals(personId);
  const title = t('participants.deals.title');
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={4}>
          {title}
          {deals.data && (
            <Text span c="dimmed" fw={400} ml={6}>
              {deals.data.length}
            </Text>
          )}
        </Title>
        {deals.isPending ? (
          <Text size="sm" c="dimmed">
            {t('participants.deals.loading')}
          </Text>
        ) : deals.isError || deals.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('participants.deals.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participants.deals.deal')}</Table.Th>
                  <Table.Th>{t('participants.deals.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deals.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${d.id}`} size="sm">
                        {d.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatMoney(d.value, d.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
