import { Anchor, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { organizationKeys, useOrganization } from '../../api/organizations.ts';
import { type Person, personKeys } from '../../api/persons.ts';
import { type ContactChoice, OrganizationPicker, resolveContact } from '../../components/contact-pickers.tsx';
import { useVisibility } from '../../components/visibility.ts';
import { useT } from '../../i18n/provider.tsx';
import { DetailsCard, EditCard } from './details-card.tsx';
import { ChannelEditor, channelsToSend, OwnerSelect, VisibilitySelect } from './fields.tsx';
import { useUserNames } from './queries.ts';
import type { Channel } from './types.ts';

const primaryFirst = (list: Channel[]) => [...list].sort((a, b) => Number(b.primary) - Number(a.primary));

function ChannelList({ list, href }: { list: Channel[]; href: (v: string) => string }) {
  const t = useT();
  if (list.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {primaryFirst(list).map((c) => (
        <Text key={c.value} size="sm">
          <Anchor href={href(c.value)}>{c.value}</Anchor>{' '}
          <Text span c="dimmed" size="xs">
            ({t('contacts.channel.label', { label: c.label })})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/** A person's fields: shown, and edited in place (PATCH /api/v2/persons/{id}). */
export function PersonDetails({ person }: { person: Person }) {
  const [editing, setEditing] = useState(false);
  const org = useOrganization(person.org_id);
  const ownerName = useUserNames();
  const t = useT();
  const visibility = useVisibility();
  const orgName = person.org_id
    ? (org.data?.name ?? (org.isError ? t('contacts.person.hiddenOrganization') : '…'))
    : null;

  if (editing)
    return (
      <PersonEditForm person={person} orgName={org.data?.name ?? null} onDone={() => setEditing(false)} />
    );
  return (
    <DetailsCard
      title={t('contacts.person.title')}
      onEdit={() => setEditing(true)}
      rows={[
        [t('contacts.field.name'), person.name],
        [
          t('contacts.field.organization'),
          person.org_id && orgName ? (
            <Anchor key="o" size="sm" component={Link} to={`/contacts/organizations/${person.org_id}`}>
              {orgName}
            </Anchor>
          ) : null,
        ],
        [t('contacts.field.email'), <ChannelList key="e" list={person.emails} href={(v) => `mailto:${v}`} />],
        [t('contacts.field.phone'), <ChannelList key="p" list={person.phones} href={(v) => `tel:${v}`} />],
        [t('contacts.field.jobTitle'), person.job_title || null],
        [t('contacts.field.owner'), ownerName(person.owner_id)],
        [t('contacts.field.visibleTo'), visibility.label(person.visible_to)],
      ]}
    />
  );
}

function PersonEditForm({
  person,
  orgName,
  onDone,
}: {
  person: Person;
  orgName: string | null;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const t = useT();
  const [name, setName] = useState(person.name);
  const [org, setOrg] = useState<ContactChoice | null>(
    person.org_id ? { kind: 'existing', id: person.org_id, name: orgName ?? `#${person.org_id}` } : null,
  );
  const [emails, setEmails] = useState(primaryFirst(person.emails));
  const [phones, setPhones] = useState(primaryFirst(person.phones));
  const [jobTitle, setJobTitle] = useState(person.job_title ?? '');
  const [owner, setOwner] = useState(person.owner_id);
  const [visibleTo, setVisibleTo] = useState(person.visible_to);
  const [nameError, setNameError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async () => {
      const orgId = await resolveContact(org, { entity: 'organization', ownerId: owner });
      // made now, it is an existing organization if the person is refused and Save is pressed again
      if (org?.kind === 'new' && orgId !== null) setOrg({ kind: 'existing', id: orgId, name: org.name });
      return (
        await api.patch<Person>(`/api/v2/persons/${person.id}`, {
          name: name.trim(),
          org_id: orgId,
          emails: channelsToSend(emails),
          phones: channelsToSend(phones),
          job_title: jobTitle.trim() || null,
          owner_id: owner,
          visible_to: visibleTo,
        })
      ).data;
    },
    onSuccess: (p) => {
      qc.setQueryData(personKeys.detail(p.id), p);
      qc.invalidateQueries({ queryKey: personKeys.all });
      qc.invalidateQueries({ queryKey: organizationKeys.all });
      notifications.show({ color: 'teal', message: t('contacts.person.saved') });
      onDone();
    },
  });

  return (
    <EditCard
      title={t('contacts.person.edit')}
      onCancel={onDone}
      busy={save.isPending}
      error={save.error}
      onSave={() => {
        if (!name.trim()) return setNameError(t('contacts.nameRequired'));
        setNameError(null);
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('contacts.field.name')}
          required
          maxLength={255}
          value={name}
          error={nameError}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <OrganizationPicker label={t('contacts.field.organization')} value={org} onChange={setOrg} />
        <ChannelEditor kind="Email" value={emails} onChange={setEmails} />
        <ChannelEditor kind="Phone" value={phones} onChange={setPhones} />
        <TextInput
          label={t('contacts.field.jobTitle')}
          maxLength={255}
          value={jobTitle}
          onChange={(e) => setJobTitle(e.currentTarget.value)}
        />
        <OwnerSelect value={owner} onChange={setOwner} />
        <VisibilitySelect value={visibleTo} onChange={setVisibleTo} />
      </Stack>
    </EditCard>
  );
}
