import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../../i18n/provider.tsx';
import { type Channel, ChannelEditor, channelsToSend } from '../channel-editor.tsx';
import { type ContactChoice, OrganizationPicker, PersonPicker } from '../contact-pickers.tsx';
import { fieldType } from './types.ts';

/** Two choices are the same contact: both none, or the same existing one. A new one is always a change. */
const sameContact = (a: ContactChoice | null, b: ContactChoice | null) =>
  a === null || b === null ? a === b : a.kind === 'existing' && b.kind === 'existing' && a.id === b.id;

function ContactLink({ value, path }: { value: ContactChoice | null; path: string }) {
  if (value?.kind !== 'existing') return <>{value?.name}</>;
  return (
    <Anchor component={Link} to={`${path}/${value.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {value.name}
    </Anchor>
  );
}

/**
 * An organization (Pipedrive's org): searched and picked, or typed as a new one. The page saving it
 * makes a new one first (`resolveContact`).
 */
export const org = fieldType<ContactChoice | null, Record<string, never>>({
  Editor: ({ label, value, onChange, error, saving }) => (
    <OrganizationPicker label={label} value={value} onChange={onChange} error={error} disabled={saving} />
  ),
  Show: ({ value }) => <ContactLink value={value} path="/contacts/organizations" />,
  isEmpty: (v) => v === null,
  equals: sameContact,
});

export interface PeopleOptions {
  /** search only the people of this organization */
  organizationId?: number | null;
}

/** A person (Pipedrive's people), as `org`. */
export const people = fieldType<ContactChoice | null, PeopleOptions>({
  Editor: ({ label, value, onChange, options, error, saving }) => (
    <PersonPicker
      label={label}
      value={value}
      onChange={onChange}
      organizationId={options.organizationId}
      error={error}
      disabled={saving}
    />
  ),
  Show: ({ value }) => <ContactLink value={value} path="/contacts/people" />,
  isEmpty: (v) => v === null,
  equals: sameContact,
});

const primaryFirst = (list: Channel[]) => [...list].sort((a, b) => Number(b.primary) - Number(a.primary));

function ChannelList({ list, scheme }: { list: Channel[]; scheme: 'mailto' | 'tel' }) {
  const t = useT();
  return (
    <Stack gap={2}>
      {primaryFirst(list).map((c) => (
        <Text key={c.value} size="sm">
          <Anchor href={`${scheme}:${c.value}`} size="sm" onClick={(e) => e.stopPropagation()}>
            {c.value}
          </Anchor>{' '}
          <Text span c="dimmed" size="xs">
            ({t('contacts.channel.label', { label: c.label })})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

const sameChannels = (a: Channel[], b: Channel[]) =>
  JSON.stringify(channelsToSend(a)) === JSON.stringify(channelsToSend(b));
const noChannels = (v: Channel[]) => channelsToSend(v).length === 0;

/** A person's e-mail addresses, each with its type; the first is the primary one. */
export const email = fieldType<Channel[], Record<string, never>>({
  Editor: ({ value, onChange }) => (
    <ChannelEditor kind="Email" value={primaryFirst(value)} onChange={onChange} />
  ),
  Show: ({ value }) => <ChannelList list={value} scheme="mailto" />,
  isEmpty: noChannels,
  equals: sameChannels,
});

/** A person's phone numbers (Pipedrive's phone), as `email`. */
export const phone = fieldType<Channel[], Record<string, never>>({
  Editor: ({ value, onChange }) => (
    <ChannelEditor kind="Phone" value={primaryFirst(value)} onChange={onChange} />
  ),
  Show: ({ value }) => <ChannelList list={value} scheme="tel" />,
  isEmpty: noChannels,
  equals: sameChannels,
});
