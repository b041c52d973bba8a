import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type DuplicateKind, type DuplicateProbe, useTypedDuplicates } from '../../api/duplicates.ts';
import type { ContactChoice } from '../../components/contact-pickers.tsx';
import { useT } from '../../i18n/provider.tsx';
import { reasonsLine } from './duplicate-reasons.tsx';

/** How many candidates the warning names. */
const SHOWN = 3;

export interface DuplicateWarningProps {
  kind: DuplicateKind;
  /** the fields as typed; looked up once they have rested for a moment */
  probe: DuplicateProbe;
  /** off while the contact is an existing one (nothing is being created) */
  enabled?: boolean;
  /** "Use …": take the existing contact instead (the lead and deal dialogs); absent: a link to it */
  onUse?: (c: { id: number; name: string }) => void;
}

const pathOf = (kind: DuplicateKind, id: number) =>
  kind === 'person' ? `/contacts/people/${id}` : `/contacts/organizations/${id}`;

/**
 * "Possible duplicate: Andrew Renfrey (same name, spaced differently)" under a new contact's fields,
 * as the user types: the name, e-mail and phone are looked up once they rest (debounced; a look-up
 * superseded by typing is cancelled), and each candidate can be used instead or opened.
 */
export function DuplicateWarning({ kind, probe, enabled = true, onUse }: DuplicateWarningProps) {
  const t = useT();
  const [rested] = useDebouncedValue(probe, 400);
  const settled = rested.name === probe.name && rested.email === probe.email && rested.phone === probe.phone;
  const found = useTypedDuplicates(kind, rested, enabled);
  const candidates = enabled && settled ? (found.data ?? []).slice(0, SHOWN) : [];
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={16} aria-hidden />}
      title={t('contacts.dupWarn.title')}
      role="status"
      aria-live="polite"
      data-testid="duplicate-warning"
    >
      <Stack gap={6}>
        {candidates.map((c) => (
          <Group key={c.item.id} gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Anchor
                component={Link}
                to={pathOf(kind, c.item.id)}
                target="_blank"
                fw={600}
                c="inherit"
                underline="always"
              >
                {c.item.name}
              </Anchor>{' '}
              ({reasonsLine(t, c)})
            </Text>
            {onUse && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onUse({ id: c.item.id, name: c.item.name })}
                aria-label={t('contacts.dupWarn.useNamed', { name: c.item.name })}
              >
                {t('contacts.dupWarn.use')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

type Choice = ContactChoice | null;

/**
 * The warnings of a form's person and organization pickers ("+ Lead", "+ Deal"): while a picker
 * holds a name typed as new, its look-alikes, each with "Use" to pick the existing contact instead.
 * Spans a grid's full width.
 */
export function PickerDuplicateWarnings({
  person,
  org,
  onPerson,
  onOrg,
  enabled = true,
}: {
  person: Choice;
  org: Choice;
  onPerson: (c: Choice) => void;
  onOrg: (c: Choice) => void;
  enabled?: boolean;
}) {
  const typed = (c: Choice) => (c?.kind === 'new' ? c : null);
  const p = typed(person);
  const o = typed(org);
  return (
    <Stack gap="xs" style={{ gridColumn: '1 / -1' }}>
      <DuplicateWarning
        kind="person"
        enabled={enabled && p !== null}
        probe={{ name: p?.name ?? '', email: p?.email ?? '', phone: p?.phone ?? '' }}
        onUse={(c) => onPerson({ kind: 'existing', ...c })}
      />
      <DuplicateWarning
        kind="organization"
        enabled={enabled && o !== null}
        probe={{ name: o?.name ?? '' }}
        onUse={(c) => onOrg({ kind: 'existing', ...c })}
      />
    </Stack>
  );
}
