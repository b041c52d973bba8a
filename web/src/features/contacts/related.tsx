import { Anchor, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useOrganizationPeople } from '../../api/persons.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatMoney } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { AddPersonDialog } from './add-person-dialog.tsx';
import { type ContactFilter, useContactDeals, useContactLeads, useUserNames } from './queries.ts';

function Section({
  title,
  count,
  action,
  children,
}: {
  title: string;
  count?: number | undefined;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>
          {title}
          {count !== undefined && (
            <Text span c="dimmed" fw={400} ml={6}>
              {count}
            </Text>
          )}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function SmallTable({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function LeadsSection({ filter }: { filter: ContactFilter }) {
  const leads = useContactLeads(filter);
  const ownerName = useUserNames();
  const t = useT();
  return (
    <Section title={t('contacts.leads')} count={leads.data?.length}>
      {leads.isPending ? (
        <Loading label={t('contacts.leads.loading')} />
      ) : leads.isError ? (
        <ErrorState error={leads.error} />
      ) : leads.data.length === 0 ? (
        <Empty>{t('contacts.leads.none')}</Empty>
      ) : (
        <SmallTable head={[t('contacts.field.title'), t('contacts.field.value'), t('contacts.field.owner')]}>
          {leads.data.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Anchor component={Link} to={`/leads/${l.id}`} size="sm">
                  {l.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{l.value ? formatMoney(l.value.amount, l.value.currency) : '—'}</Table.Td>
              <Table.Td>{ownerName(l.owner_id)}</Table.Td>
            </Table.Tr>
          ))}
        </SmallTable>
      )}
    </Section>
  );
}

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

export function DealsSection({ filter }: { filter: ContactFilter }) {
  const deals = useContactDeals(filter);
  const ownerName = useUserNames();
  const t = useT();
  return (
    <Section title={t('contacts.deals')} count={deals.data?.length}>
      {deals.isPending ? (
        <Loading label={t('contacts.deals.loading')} />
      ) : deals.isError ? (
        <ErrorState error={deals.error} />
      ) : deals.data.length === 0 ? (
        <Empty>{t('contacts.deals.none')}</Empty>
      ) : (
        <SmallTable
          head={[
            t('contacts.field.title'),
            t('contacts.field.value'),
            t('contacts.field.status'),
            t('contacts.field.owner'),
          ]}
        >
          {deals.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/deals/${d.id}`} size="sm">
                  {d.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatMoney(d.value, d.currency)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[d.status]}>
                  {t('contacts.dealStatus', { status: d.status })}
                </Badge>
              </Table.Td>
              <Table.Td>{ownerName(d.owner_id)}</Table.Td>
            </Table.Tr>
          ))}
        </SmallTable>
      )}
    </Section>
  );
}

export function PeopleSection({ org }: { org: { id: number; name: string } }) {
  const people = useOrganizationPeople(org.id);
  const [adding, setAdding] = useState(false);
  const t = useT();
  return (
    <Section
      title={t('contacts.people')}
      count={people.data?.length}
      action={
        <Button variant="light" size="compact-sm" onClick={() => setAdding(true)}>
          {t('contacts.people.add')}
        </Button>
      }
    >
      {people.isPending ? (
        <Loading label={t('contacts.people.loading')} />
      ) : people.isError ? (
        <ErrorState error={people.error} />
      ) : people.data.length === 0 ? (
        <Empty>{t('contacts.orgPeople.none')}</Empty>
      ) : (
        <SmallTable head={[t('contacts.field.name'), t('contacts.field.email'), t('contacts.field.phone')]}>
          {people.data.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/contacts/people/${p.id}`} size="sm">
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{(p.emails.find((e) => e.primary) ?? p.emails[0])?.value ?? '—'}</Table.Td>
              <Table.Td>{(p.phones.find((e) => e.primary) ?? p.phones[0])?.value ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </SmallTable>
      )}
      <AddPersonDialog opened={adding} onClose={() => setAdding(false)} org={org} />
    </Section>
  );
}
