import {
  Badge,
  CloseButton,
  Combobox,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';

/**
 * Pickers for a person or an organization: search as you type among existing contacts, or add the typed
 * name as a new one (created later, on save, with `resolveContact`).
 */

export type ContactEntity = 'person' | 'organization';

export type ContactChoice =
  | { kind: 'existing'; id: number; name: string }
  | { kind: 'new'; name: string; email?: string; phone?: string; entity?: ContactEntity };

export interface ContactPickerProps {
  label: string;
  value: ContactChoice | null;
  onChange: (choice: ContactChoice | null) => void;
  error?: ReactNode;
  description?: ReactNode;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  /** Only for persons: restrict the search to one organization. */
  organizationId?: number | null;
}

interface SearchHit {
  id: number;
  name: string;
  detail: string | null;
}

interface PersonItem {
  id: number;
  name: string;
  emails: string[];
  organization: { name: string } | null;
}
interface OrganizationItem {
  id: number;
  name: string;
  address: string | null;
}
type SearchEnvelope<T> = { items: { result_score: number; item: T }[] };

const MIN_TERM = 2;

async function searchContacts(
  entity: ContactEntity,
  term: string,
  organizationId?: number | null,
): Promise<SearchHit[]> {
  if (entity === 'person') {
    const res = await api.get<SearchEnvelope<PersonItem>>('/api/v2/persons/search', {
      term,
      limit: 10,
      organization_id: organizationId ?? undefined,
    });
    return res.data.items.map(({ item }) => ({
      id: item.id,
      name: item.name,
      detail: [item.organization?.name, item.emails[0]].filter(Boolean).join(' · ') || null,
    }));
  }
  const res = await api.get<SearchEnvelope<OrganizationItem>>('/api/v2/organizations/search', {
    term,
    limit: 10,
  });
  return res.data.items.map(({ item }) => ({ id: item.id, name: item.name, detail: item.address }));
}

const NEW_OPTION = '__new__';

function ContactPicker({ entity, ...props }: ContactPickerProps & { entity: ContactEntity }) {
  const { label, value, onChange } = props;
  const noun = entity === 'person' ? 'person' : 'organization';
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState(value?.name ?? '');
  const emitted = useRef<ContactChoice | null>(value);

  // A value set from outside (form reset, prefill) replaces the typed text.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setSearch(value?.name ?? '');
    }
  }, [value]);

  const emit = (choice: ContactChoice | null) => {
    emitted.current = choice;
    onChange(choice);
  };

  const [term] = useDebouncedValue(search.trim(), 250);
  const searching = value === null && term.length >= MIN_TERM;
  const hits = useQuery({
    queryKey: [
      entity === 'person' ? 'persons' : 'organizations',
      'search',
      term,
      props.organizationId ?? null,
    ],
    queryFn: () => searchContacts(entity, term, props.organizationId),
    enabled: searching,
    staleTime: 30_000,
  });

  const typed = search.trim();
  const select = (key: string) => {
    if (key === NEW_OPTION) {
      emit({ kind: 'new', name: typed, entity });
      setSearch(typed);
    } else {
      const hit = hits.data?.find((h) => String(h.id) === key);
      if (hit) {
        emit({ kind: 'existing', id: hit.id, name: hit.name });
        setSearch(hit.name);
      }
    }
    combobox.closeDropdown();
  };

  const showNew = value === null && typed.length > 0;
  const options = searching && !hits.isPending ? (hits.data ?? []) : [];

  const right =
    value !== null ? (
      <CloseButton
        size="sm"
        aria-label={`Clear ${label}`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          emit(null);
          setSearch('');
        }}
      />
    ) : searching && hits.isFetching ? (
      <Loader size={14} />
    ) : null;

  return (
    <Stack gap={6}>
      <Combobox store={combobox} onOptionSubmit={select} withinPortal>
        <Combobox.Target>
          <TextInput
            label={label}
            description={props.description}
            placeholder={props.placeholder ?? `Search or add ${noun}`}
            required={props.required}
            disabled={props.disabled}
            error={props.error}
            value={search}
            autoComplete="off"
            rightSection={right}
            rightSectionPointerEvents={value !== null ? 'all' : 'none'}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              if (value !== null) emit(null);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!showNew}>
          <Combobox.Options>
            {searching && hits.isPending && <Combobox.Empty>Searching…</Combobox.Empty>}
            {hits.isError && <Combobox.Empty>Search failed</Combobox.Empty>}
            {options.map((h) => (
              <Combobox.Option value={String(h.id)} key={h.id}>
                <Text size="sm">{h.name}</Text>
                {h.detail && (
                  <Text size="xs" c="dimmed">
                    {h.detail}
                  </Text>
                )}
              </Combobox.Option>
            ))}
            {showNew && (
              <Combobox.Option value={NEW_OPTION}>
                <Group gap={6} wrap="nowrap">
                  <IconPlus size={14} />
                  <Text size="sm">{`Add “${typed}” as new ${noun}`}</Text>
                </Group>
              </Combobox.Option>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {value?.kind === 'new' && (
        <Badge variant="light" color="teal" size="sm">{`New ${noun} will be created`}</Badge>
      )}
      {entity === 'person' && value?.kind === 'new' && (
        <Group grow align="flex-start">
          <TextInput
            label="Email"
            type="email"
            value={value.email ?? ''}
            onChange={(e) => emit({ ...value, email: e.currentTarget.value })}
          />
          <TextInput
            label="Phone"
            type="tel"
            value={value.phone ?? ''}
            onChange={(e) => emit({ ...value, phone: e.currentTarget.value })}
          />
        </Group>
      )}
    </Stack>
  );
}

/** Search-as-you-type person picker that also offers "Add “…” as new person" (with Email and Phone). */
export function PersonPicker(props: ContactPickerProps) {
  return <ContactPicker {...props} entity="person" />;
}

/** Search-as-you-type organization picker that also offers "Add “…” as new organization". */
export function OrganizationPicker(props: ContactPickerProps) {
  return <ContactPicker {...props} entity="organization" />;
}

export interface ResolveOptions {
  /** What a new choice is when it does not say (choices made by the pickers always say). */
  entity?: ContactEntity;
  /** For a new person: link it to this organization. */
  orgId?: number | null;
  ownerId?: number;
}

/**
 * The id of the chosen contact, creating it first (POST /api/v2/persons or /organizations) when it is new.
 * `null` stays `null`.
 */
export async function resolveContact(choice: ContactChoice, options?: ResolveOptions): Promise<number>;
export async function resolveContact(
  choice: ContactChoice | null,
  options?: ResolveOptions,
): Promise<number | null>;
export async function resolveContact(
  choice: ContactChoice | null,
  options: ResolveOptions = {},
): Promise<number | null> {
  if (choice === null) return null;
  if (choice.kind === 'existing') return choice.id;
  const entity = choice.entity ?? options.entity ?? 'person';
  const owner = options.ownerId === undefined ? {} : { owner_id: options.ownerId };
  if (entity === 'organization') {
    const res = await api.post<{ id: number }>('/api/v2/organizations', { name: choice.name, ...owner });
    return res.data.id;
  }
  const email = choice.email?.trim();
  const phone = choice.phone?.trim();
  const res = await api.post<{ id: number }>('/api/v2/persons', {
    name: choice.name,
    ...owner,
    ...(options.orgId ? { org_id: options.orgId } : {}),
    ...(email ? { emails: [{ value: email, primary: true, label: 'work' }] } : {}),
    ...(phone ? { phones: [{ value: phone, primary: true, label: 'work' }] } : {}),
  });
  return res.data.id;
}
