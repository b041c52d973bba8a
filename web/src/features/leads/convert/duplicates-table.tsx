import { Badge, Group, Radio, Stack, Table, Text, Title } from '@mantine/core';
import type { Duplicate, DuplicateKind, Reason, ReasonDetail } from '../../../api/duplicates.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { type Translate, useT } from '../../../i18n/provider.tsx';

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

const REASON_LABEL: Record<Reason, MessageId> = {
  name: 'leads.dups.reason.name',
  email: 'leads.dups.reason.email',
  phone: 'leads.dups.reason.phone',
  organization: 'leads.dups.reason.organization',
  address: 'leads.dups.reason.address',
};

const REASON_COLOR: Record<Reason, string> = {
  name: 'gray',
  email: 'blue',
  phone: 'teal',
  organization: 'grape',
  address: 'orange',
};

/** A reason in the reader's language; an unknown kind (a newer server) in the server's words. */
function reasonText(t: Translate, d: ReasonDetail): string {
  const id = `leads.dups.why.${d.kind}` as MessageId;
  const known: ReasonDetail['kind'][] = [
    'name_same',
    'name_spacing',
    'name_typo',
    'name_sounds_alike',
    'name_initial',
    'name_part_missing',
    'email_same',
    'email_local_part',
    'email_domain',
    'phone_same',
    'organization_same',
    'address_same',
    'birthday_same',
    'birthday_different',
  ];
  if (!known.includes(d.kind)) return d.text;
  return t(id, { part: d.part ?? 'name', letters: d.letters ?? 0, domain: d.domain ?? '' });
}

/** Why a candidate matched: its band and each reason, or the matched fields from an older server. */
function Why({ candidate }: { candidate: Duplicate }) {
  const t = useT();
  const { band, details, reasons } = candidate;
  if (!band || !details) {
    return (
      <Group gap={4}>
        {reasons.map((r) => (
          <Badge key={r} size="xs" variant="light" color={REASON_COLOR[r] ?? 'gray'}>
            {REASON_LABEL[r] ? t(REASON_LABEL[r]) : r}
          </Badge>
        ))}
      </Group>
    );
  }
  return (
    <Stack gap={2}>
      <Badge
        size="sm"
        variant={band === 'very_likely' ? 'filled' : 'light'}
        color={band === 'very_likely' ? 'red' : 'gray'}
      >
        {t(band === 'very_likely' ? 'leads.dups.band.very_likely' : 'leads.dups.band.possible')}
      </Badge>
      <List values={details.map((d) => reasonText(t, d))} />
    </Stack>
  );
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
