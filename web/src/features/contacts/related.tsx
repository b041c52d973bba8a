import { Anchor, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { AddPersonDialog } from './add-person-dialog.tsx';
import {
  type ContactFilter,
  useContactDeals,
  useContactLeads,
  useOrganizationPeople,
  useUserNames,
} from './queries.ts';

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
      amount,
    );
  } catch {
    return `${amount} ${currency}`;
  }
};

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
  return (
    <Section title="Leads" count={leads.data?.length}>
      {leads.isPending ? (
        <Loading label="Loading leads" />
      ) : leads.isError ? (
        <ErrorState error={leads.error} />
      ) : leads.data.length === 0 ? (
        <Empty>No leads.</Empty>
      ) : (
        <SmallTable head={['Title', 'Value', 'Owner']}>
          {leads.data.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Anchor component={Link} to={`/leads/${l.id}`} size="sm">
                  {l.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{l.value ? money(l.value.amount, l.value.currency) : '—'}</Table.Td>
              <Table.Td>{ownerName(l.owner_id)}</Table.Td>
            </Table.Tr>
          ))}
        </SmallTable>
      )}
    </Section>
  );
}

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;
const STATUS_LABEL = { open: 'Open', won: 'Won', lost: 'Lost' } as const;

export function DealsSection({ filter }: { filter: ContactFilter }) {
  const deals = useContactDeals(filter);
  const ownerName = useUserNames();
  return (
    <Section title="Deals" count={deals.data?.length}>
      {deals.isPending ? (
        <Loading label="Loading deals" />
      ) : deals.isError ? (
        <ErrorState error={deals.error} />
      ) : deals.data.length === 0 ? (
        <Empty>No deals.</Empty>
      ) : (
        <SmallTable head={['Title', 'Value', 'Status', 'Owner']}>
          {deals.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/deals/${d.id}`} size="sm">
                  {d.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{money(d.value, d.currency)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[d.status]}>
                  {STATUS_LABEL[d.status]}
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
  return (
    <Section
      title="People"
      count={people.data?.length}
      action={
        <Button variant="light" size="compact-sm" onClick={() => setAdding(true)}>
          + Person
        </Button>
      }
    >
      {people.isPending ? (
        <Loading label="Loading people" />
      ) : people.isError ? (
        <ErrorState error={people.error} />
      ) : people.data.length === 0 ? (
        <Empty>No people in this organization.</Empty>
      ) : (
        <SmallTable head={['Name', 'Email', 'Phone']}>
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
