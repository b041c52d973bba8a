import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Duplicate, Reason, ReasonDetail } from '../../api/duplicates.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { type Translate, useT } from '../../i18n/provider.tsx';

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

/** Every kind the catalogues word (`leads.dups.why.<kind>`): the one place the reasons' words live. */
const WORDED: Record<ReasonDetail['kind'], MessageId> = {
  name_same: 'leads.dups.why.name_same',
  name_spacing: 'leads.dups.why.name_spacing',
  name_typo: 'leads.dups.why.name_typo',
  name_sounds_alike: 'leads.dups.why.name_sounds_alike',
  name_initial: 'leads.dups.why.name_initial',
  name_part_missing: 'leads.dups.why.name_part_missing',
  name_legal_form: 'leads.dups.why.name_legal_form',
  email_same: 'leads.dups.why.email_same',
  email_local_part: 'leads.dups.why.email_local_part',
  email_domain: 'leads.dups.why.email_domain',
  phone_same: 'leads.dups.why.phone_same',
  organization_same: 'leads.dups.why.organization_same',
  address_same: 'leads.dups.why.address_same',
  birthday_same: 'leads.dups.why.birthday_same',
  birthday_different: 'leads.dups.why.birthday_different',
};

/** A reason in the reader's language, from its kind and parameters (an unknown kind: its field). */
export function reasonText(t: Translate, d: ReasonDetail): string {
  const id = WORDED[d.kind];
  if (!id) return t('leads.dups.why.unknown');
  return t(id, { part: d.part ?? 'name', letters: d.letters ?? 0, domain: d.domain ?? '' });
}

/** The reasons of a candidate as one line ("surname 1 letter apart, same phone"). */
export function reasonsLine(t: Translate, c: Duplicate): string {
  const words = c.details?.length
    ? c.details.map((d) => reasonText(t, d))
    : c.reasons.map((r) => (REASON_LABEL[r] ? t(REASON_LABEL[r]) : r));
  return words.join(', ');
}

/** Why a candidate matched: its band and each reason, or the matched fields from an older server. */
export function DuplicateWhy({ candidate }: { candidate: Pick<Duplicate, 'band' | 'details' | 'reasons'> }) {
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
  const lines = details.map((d) => reasonText(t, d));
  return (
    <Stack gap={2}>
      <Badge
        size="sm"
        variant={band === 'very_likely' ? 'filled' : 'light'}
        color={band === 'very_likely' ? 'red' : 'gray'}
      >
        {t(band === 'very_likely' ? 'leads.dups.band.very_likely' : 'leads.dups.band.possible')}
      </Badge>
      <Stack gap={0}>
        {lines.map((v) => (
          <Text key={v} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {v}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
