import { Radio, Stack, Table, Text, Title } from '@mantine/core';
import type { Duplicate, DuplicateKind } from '../../../api/duplicates.ts';
import { useT } from '../../../i18n/provider.tsx';
import { DuplicateWhy as Why } from '../../contacts/duplicate-reasons.tsx';

/** The contact the lead already has, in the same columns as the candidates. */
export interface OwnContact {
  id: number;
  name: string;
  emails: string[];
  phones: string[];
  organization: string | null;
  address: string | null;
  owner: string | null;
}

export interface DuplicatesTableProps {
  kind: DuplicateKind;
  own: OwnContact;
  candidates: Duplicate[];
  /** the id of the contact the deal will use */
  value: number;
  onChange: (id: number) => void;
}

function List({ values }: { values: string[] }) {
  if (values.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={0}>
      {values.map((v) => (
        <Text key={v} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {v}
        </Text>
      ))}
    </Stack>
  );
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/**
 * "Possible duplicate": the lead's own contact and the existing ones that look like it, with the
 * columns that tell them apart and why each matched; one radio picks the contact the deal will use.
 */
export function DuplicatesTable({ kind, own, candidates, value, onChange }: DuplicatesTableProps) {
  const t = useT();
  const person = kind === 'person';
  return (
    <Stack gap="xs" component="section" aria-label={t('leads.dups.section', { kind })}>
      <Title order={5}>{t('leads.dups.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('leads.dups.intro', { kind, name: own.name })}
      </Text>
      <Radio.Group
        value={String(value)}
        onChange={(v) => onChange(Number(v))}
        aria-label={t('leads.dups.choice', { kind })}
      >
        <Table.ScrollContainer minWidth={person ? 820 : 640}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={180}>{t('leads.dups.use')}</Table.Th>
                <Table.Th>{t('leads.dups.name')}</Table.Th>
                {person ? (
                  <>
                    <Table.Th>{t('leads.dups.emails')}</Table.Th>
                    <Table.Th>{t('leads.dups.phones')}</Table.Th>
                    <Table.Th>{t('leads.field.organization')}</Table.Th>
                  </>
                ) : (
                  <Table.Th>{t('leads.dups.address')}</Table.Th>
                )}
                <Table.Th>{t('leads.field.owner')}</Table.Th>
                <Table.Th>{t('leads.dups.openDeals')}</Table.Th>
                <Table.Th>{t('leads.dups.matchedOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>
                  <Radio
                    value={String(own.id)}
                    label={t('leads.dups.keep', { name: own.name })}
                    styles={{ label: { fontWeight: 500 } }}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {own.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('leads.dups.own', { kind })}
                  </Text>
                </Table.Td>
                {person ? (
                  <>
                    <Table.Td>
                      <List values={own.emails} />
                    </Table.Td>
                    <Table.Td>
                      <List values={own.phones} />
                    </Table.Td>
                    <Table.Td>{dash(own.organization)}</Table.Td>
                  </>
                ) : (
                  <Table.Td>{dash(own.address)}</Table.Td>
                )}
                <Table.Td>{dash(own.owner)}</Table.Td>
                <Table.Td>—</Table.Td>
                <Table.Td />
              </Table.Tr>
              {candidates.map((candidate) => {
                const { item } = candidate;
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Radio
                        value={String(item.id)}
                        label={t('leads.dups.useThis')}
                        styles={{ label: { whiteSpace: 'nowrap' } }}
                        aria-label={t('leads.dups.useThisNamed', { name: item.name })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {item.name}
                      </Text>
                    </Table.Td>
                    {person ? (
                      <>
                        <Table.Td>
                          <List values={(item.emails ?? []).map((e) => e.value)} />
                        </Table.Td>
                        <Table.Td>
                          <List values={(item.phones ?? []).map((p) => p.value)} />
                        </Table.Td>
                        <Table.Td>{dash(item.organization_name)}</Table.Td>
                      </>
                    ) : (
                      <Table.Td>{dash(item.address?.value)}</Table.Td>
                    )}
                    <Table.Td>{dash(item.owner_name)}</Table.Td>
                    <Table.Td>{item.open_deals_count}</Table.Td>
                    <Table.Td>
                      <Why candidate={candidate} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Radio.Group>
    </Stack>
  );
}
