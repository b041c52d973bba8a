import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { organizationKeys } from '../../api/organizations.ts';
import { personKeys } from '../../api/persons.ts';
import { useUsers } from '../../api/users.ts';
import { useVisibility } from '../../components/visibility.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { searchable } from './queries.ts';
import type {
  Channel,
  ContactKind,
  OrganizationSearchItem,
  PersonSearchItem,
  SearchResult,
} from './types.ts';

export function VisibilitySelect({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  // 5 and 7 belong to visibility groups: offered only when a record already has them.
  const t = useT();
  const data = useVisibility().options.filter((o) => o.value <= 3 || o.value === value);
  return (
    <Select<number>
      label={t('contacts.field.visibleTo')}
      data={data}
      value={value}
      allowDeselect={false}
      onChange={(v) => v !== null && onChange(v)}
    />
  );
}

export function OwnerSelect({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  const t = useT();
  const users = useUsers();
  const data = (users.data ?? [])
    .filter((u) => u.active_flag || u.id === value)
    .map((u) => ({ value: u.id, label: u.name }));
  if (!data.some((d) => d.value === value)) data.push({ value, label: t('contacts.user', { id: value }) });
  return (
    <Select<number>
      label={t('contacts.field.owner')}
      data={data}
      value={value}
      searchable
      allowDeselect={false}
      onChange={(v) => v !== null && onChange(v)}
    />
  );
}

interface Picked {
  id: number;
  name: string;
}

/**
 * A searchable picker of one person or organization (server-side search from two characters on).
 * `exclude` leaves one record out (the one being merged).
 */
export function ContactPicker({
  kind,
  label,
  value,
  onChange,
  exclude,
  placeholder,
  autoFocus,
}: {
  kind: ContactKind;
  label: string;
  value: Picked | null;
  onChange: (v: Picked | null) => void;
  exclude?: number;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState(value?.name ?? '');
  const [term] = useDebouncedValue(search.trim(), 250);
  const path = kind === 'person' ? '/api/v2/persons/search' : '/api/v2/organizations/search';
  const found = useQuery({
    queryKey: (kind === 'person' ? personKeys : organizationKeys).search(term),
    queryFn: async () =>
      (await api.get<SearchResult<PersonSearchItem | OrganizationSearchItem>>(path, { term, limit: 20 })).data
        .items,
    enabled: searchable(term) && term !== value?.name,
  });
  const options = (found.data ?? [])
    .map(({ item }) => ({ value: item.id, label: item.name, hint: hintOf(item) }))
    .filter((o) => o.value !== exclude);
  if (value && !options.some((o) => o.value === value.id))
    options.unshift({ value: value.id, label: value.name, hint: '' });
  return (
    <Select<number>
      label={label}
      placeholder={placeholder ?? t('contacts.picker.typeTwo')}
      data={options.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      value={value?.id ?? null}
      searchable
      clearable
      autoFocus={autoFocus}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={
        searchable(term)
          ? t(found.isFetching ? 'contacts.picker.searching' : 'contacts.picker.nothing')
          : t('contacts.picker.typeTwo')
      }
      renderOption={({ option }) => {
        const hint = options.find((o) => o.value === option.value)?.hint;
        return (
          <div>
            <div>{option.label}</div>
            {hint && <div style={{ fontSize: 12, opacity: 0.65 }}>{hint}</div>}
          </div>
        );
      }}
      onChange={(id, option) => onChange(id === null || !option ? null : { id, name: option.label })}
    />
  );
}

function hintOf(item: PersonSearchItem | OrganizationSearchItem): string {
  if ('emails' in item) return [item.emails[0], item.organization?.name].filter(Boolean).join(' · ');
  return item.address ?? '';
}

/** The type a new e-mail or phone gets (an API value, shown translated). */
export const WORK = 'work';

const EMAIL_LABELS = ['work', 'home', 'other'];
const PHONE_LABELS = ['work', 'home', 'mobile', 'other'];

/** Several e-mails or phones, each with its type; the first is the primary one. */
export function ChannelEditor({
  kind,
  value,
  onChange,
}: {
  kind: 'Email' | 'Phone';
  value: Channel[];
  onChange: (v: Channel[]) => void;
}) {
  const t = useT();
  const words: Record<'name' | 'type' | 'remove' | 'add', MessageId> =
    kind === 'Email'
      ? {
          name: 'contacts.channel.email',
          type: 'contacts.channel.emailType',
          remove: 'contacts.channel.removeEmail',
          add: 'contacts.channel.addEmail',
        }
      : {
          name: 'contacts.channel.phone',
          type: 'contacts.channel.phoneType',
          remove: 'contacts.channel.removePhone',
          add: 'contacts.channel.addPhone',
        };
  const labels = (kind === 'Email' ? EMAIL_LABELS : PHONE_LABELS).map((l) => ({
    value: l,
    label: t('contacts.channel.label', { label: l }),
  }));
  const rows = value.length > 0 ? value : [{ value: '', primary: true, label: WORK }];
  const set = (i: number, patch: Partial<Channel>) =>
    onChange(rows.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap={6}>
      {rows.map((c, i) => {
        const index = { index: i + 1 };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t(words.name, index)}
              type={kind === 'Email' ? 'email' : 'tel'}
              value={c.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Select
              label={t(words.type, index)}
              data={labels}
              value={c.label}
              allowDeselect={false}
              onChange={(v) => v && set(i, { label: v })}
              w={100}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t(words.remove, index)}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              disabled={rows.length === 1 && c.value === ''}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...rows, { value: '', primary: false, label: WORK }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t(words.add)}
      </Button>
    </Stack>
  );
}

/** The channels to send: blanks dropped, the first one primary. */
export const channelsToSend = (list: Channel[]) =>
  list
    .map((c) => ({ ...c, value: c.value.trim() }))
    .filter((c) => c.value !== '')
    .map((c, i) => ({ value: c.value, label: c.label, primary: i === 0 }));
