import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconMail, IconMapPin, IconPhone, IconUser, IconWorld } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import type { Lead, LeadPatch } from '../../../api/leads.ts';
import { useOrganization } from '../../../api/organizations.ts';
import { usePerson } from '../../../api/persons.ts';
import {
  type ContactChoice,
  OrganizationPicker,
  PersonPicker,
  resolveContact,
} from '../../../components/contact-pickers.tsx';
import { ErrorState, Loading } from '../../../components/states.tsx';
import { useT } from '../../../i18n/provider.tsx';

type Kind = 'person' | 'organization';

export interface ContactCardProps {
  kind: Kind;
  lead: Lead;
  readOnly: boolean;
  save: (patch: LeadPatch) => Promise<unknown>;
}

function Line({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={8} wrap="nowrap" align="flex-start">
      <Text c="dimmed" mt={2} component="span" aria-hidden>
        {icon}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

/** A linked contact the caller cannot load: gone or private (404), or a real error. */
function Unavailable({ error, kind }: { error: unknown; kind: Kind }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Text size="sm" c="dimmed">
        {t('leads.contacts.unavailable', { kind })}
      </Text>
    );
  }
  return <ErrorState error={error} />;
}

function PersonDetails({ id }: { id: number }) {
  const t = useT();
  const person = usePerson(id);
  if (person.isPending) return <Loading label={t('leads.contacts.loading', { kind: 'person' })} />;
  if (person.isError) return <Unavailable error={person.error} kind="person" />;
  const p = person.data;
  const address = p.postal_address?.value;
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={`/contacts/people/${p.id}`} fw={600}>
        {p.name}
      </Anchor>
      {p.job_title && (
        <Text size="sm" c="dimmed">
          {p.job_title}
        </Text>
      )}
      {p.emails.map((e) => (
        <Line key={`e-${e.value}`} icon={<IconMail size={14} />}>
          <Anchor href={`mailto:${e.value}`} size="sm">
            {e.value}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {e.label}
          </Text>
        </Line>
      ))}
      {p.phones.map((ph) => (
        <Line key={`p-${ph.value}`} icon={<IconPhone size={14} />}>
          <Anchor href={`tel:${ph.value}`} size="sm">
            {ph.value}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {ph.label}
          </Text>
        </Line>
      ))}
      {address && <Line icon={<IconMapPin size={14} />}>{address}</Line>}
      {p.emails.length + p.phones.length === 0 && !address && (
        <Text size="sm" c="dimmed">
          {t('leads.contacts.noPersonDetails')}
        </Text>
      )}
    </Stack>
  );
}

function OrganizationDetails({ id }: { id: number }) {
  const t = useT();
  const org = useOrganization(id);
  if (org.isPending) return <Loading label={t('leads.contacts.loading', { kind: 'organization' })} />;
  if (org.isError) return <Unavailable error={org.error} kind="organization" />;
  const o = org.data;
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={`/contacts/organizations/${o.id}`} fw={600}>
        {o.name}
      </Anchor>
      {o.address?.value && <Line icon={<IconMapPin size={14} />}>{o.address.value}</Line>}
      {o.website && (
        <Line icon={<IconWorld size={14} />}>
          <Anchor
            href={/^https?:\/\//i.test(o.website) ? o.website : `https://${o.website}`}
            target="_blank"
            rel="noreferrer"
            size="sm"
          >
            {o.website}
          </Anchor>
        </Line>
      )}
      {!o.address?.value && !o.website && (
        <Text size="sm" c="dimmed">
          {t('leads.contacts.noOrganizationDetails')}
        </Text>
      )}
    </Stack>
  );
}

/** The linked person or organization with their details, and Change / Unlink (with the pickers). */
export function ContactCard({ kind, lead, readOnly, save }: ContactCardProps) {
  const t = useT();
  const id = kind === 'person' ? lead.person_id : lead.organization_id;
  const other = kind === 'person' ? lead.organization_id : lead.person_id;
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<ContactChoice | null>(null);
  const [saving, setSaving] = useState(false);
  const Picker = kind === 'person' ? PersonPicker : OrganizationPicker;
  const title = t(kind === 'person' ? 'leads.field.person' : 'leads.field.organization');
  const field = kind === 'person' ? 'person_id' : 'organization_id';

  const apply = async (next: number | null, message: string) => {
    setSaving(true);
    try {
      await save({ [field]: next });
      notifications.show({ color: 'teal', message });
      setEditing(false);
      setChoice(null);
    } catch (e) {
      notifications.show({
        color: 'red',
        title: t('leads.contacts.changeFailed', { kind }),
        message: e instanceof Error ? e.message : String(e),
      });
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    if (!choice) return;
    setSaving(true);
    let next: number;
    try {
      next = await resolveContact(choice, {
        entity: kind,
        orgId: kind === 'person' ? lead.organization_id : null,
      });
    } catch (e) {
      setSaving(false);
      notifications.show({
        color: 'red',
        title: t('leads.contacts.addFailed', { kind }),
        message: e instanceof Error ? e.message : String(e),
      });
      return;
    }
    await apply(next, t('leads.contacts.linked', { kind }));
  };

  return (
    <Card withBorder padding="md" component="section">
      <Group gap={6} mb="xs">
        {kind === 'person' ? <IconUser size={16} /> : <IconBuilding size={16} />}
        <Title order={4}>{title}</Title>
      </Group>
      {editing ? (
        <Stack gap="xs">
          <Picker label={title} value={choice} onChange={setChoice} />
          <Group justify="flex-end" gap="xs">
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setEditing(false);
                setChoice(null);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button size="xs" disabled={!choice} loading={saving} onClick={() => void submit()}>
              {t('leads.contacts.save', { kind })}
            </Button>
          </Group>
        </Stack>
      ) : id === null ? (
        <Text size="sm" c="dimmed">
          {t('leads.contacts.none', { kind })}
        </Text>
      ) : kind === 'person' ? (
        <PersonDetails id={id} />
      ) : (
        <OrganizationDetails id={id} />
      )}
      {!readOnly && !editing && (
        <Group gap="xs" mt="sm">
          <Button variant="light" size="compact-sm" onClick={() => setEditing(true)}>
            {t(id === null ? 'leads.contacts.link' : 'leads.contacts.change', { kind })}
          </Button>
          {id !== null && other !== null && (
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              loading={saving}
              onClick={() => void apply(null, t('leads.contacts.unlinked', { kind }))}
            >
              {t('leads.contacts.unlink', { kind })}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
