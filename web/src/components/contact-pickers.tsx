import { CloseButton, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { type ContactEntity, type ContactHit, contactSearch, searchContacts } from '../api/contact-search.ts';
import { type Translate, useT } from '../i18n/provider.tsx';

/**
 * Pickers for a person or an organization: search as you type among existing contacts, pick one, or
 * keep the typed name, which becomes a new contact on Save (created then, with `resolveContact`). A hint
 * under the field says which will happen before Save is pressed. A contact whose name is exactly the
 * typed text (ignoring case and spaces) is taken instead of a new one, so typing a known name never makes
 * a duplicate; "Add “…” as new person" in the list still makes a second one on purpose.
 */

export type { ContactEntity };

/** An existing contact whose name is what was typed (not chosen from the list). */
export interface NameMatch {
  /** organization and e-mail of a person, address of an organization */
  detail: string | null;
  /** how many other contacts have the same name */
  others: number;
}

export type ContactChoice =
  | { kind: 'existing'; id: number; name: string; matched?: NameMatch }
  | {
      kind: 'new';
      name: string;
      email?: string;
      phone?: string;
      entity?: ContactEntity;
      /**
       * Typed, not chosen from the list: on Save an existing contact of exactly this name is used
       * instead, if there is one (among the persons of organization `scope` when it is set).
       */
      typed?: boolean;
      scope?: number | null;
    };

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

const MIN_TERM = 2;

/** A typed name as it is saved: trimmed, runs of spaces made one. */
export function cleanName(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Names that are the same when case and spaces are ignored have the same key. */
export function sameNameKey(text: string): string {
  return cleanName(text.normalize('NFC')).toLocaleLowerCase();
}

/** The hits whose name is `name`, ignoring case and spaces (the search also folds accents: those differ). */
function sameName(hits: ContactHit[], name: string): ContactHit[] {
  const key = sameNameKey(name);
  return hits.filter((h) => sameNameKey(h.name) === key);
}

/** Whether the picker may replace the value by what the typed text matches (it was not chosen). */
function followsTyping(value: ContactChoice | null): boolean {
  if (value === null) return true;
  return value.kind === 'new' ? value.typed === true : value.matched !== undefined;
}

const NEW_OPTION = '__new__';
/** The label (an API value, never shown as text) of the e-mail and phone a new person gets. */
const CHANNEL_LABEL = 'work';

/** The line under the field that says what Save will do with it. */
function hintFor(t: Translate, value: ContactChoice | null, entity: ContactEntity): ReactNode {
  if (value?.kind === 'new') {
    return (
      <Text span inherit c="teal.9">
        {t('pickers.willCreate', { entity, name: value.name })}
      </Text>
    );
  }
  if (value?.kind === 'existing' && value.matched) {
    const { detail, others } = value.matched;
    const which = detail ? ` (${detail})` : '';
    return (
      <Text span inherit c="blue.8">
        {others > 0
          ? t('pickers.willLinkFirst', { count: others + 1, entity, name: value.name, detail: which })
          : t('pickers.willLinkOne', { entity, name: value.name, detail: which })}
      </Text>
    );
  }
  return null;
}

function ContactPicker({ entity, ...props }: ContactPickerProps & { entity: ContactEntity }) {
  const { label, value, onChange } = props;
  const t = useT();
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

  const scope = entity === 'person' ? (props.organizationId ?? null) : null;
  /** The choice that typed text stands for until something is picked: a new contact of that name. */
  const typedChoice = (text: string): ContactChoice | null => {
    const name = cleanName(text);
    if (!name) return null;
    const prev = emitted.current?.kind === 'new' ? emitted.current : null;
    return {
      kind: 'new',
      name,
      entity,
      typed: true,
      scope,
      ...(prev?.email ? { email: prev.email } : {}),
      ...(prev?.phone ? { phone: prev.phone } : {}),
    };
  };

  // the organization that limits the search changed: Save looks for the typed name there too
  useEffect(() => {
    const current = emitted.current;
    if (current?.kind === 'new' && current.typed && (current.scope ?? null) !== scope) {
      emit({ ...current, scope });
    }
  });

  const typed = cleanName(search);
  const [term] = useDebouncedValue(typed, 250);
  const picked = value?.kind === 'existing' && value.matched === undefined;
  const searching = !picked && term.length >= MIN_TERM;
  const hits = useQuery({
    ...contactSearch(entity, term, { organizationId: scope }),
    enabled: searching,
  });

  // Once the search for what is typed has answered: an exact match is taken, else a new contact.
  const settled = searching && hits.data !== undefined && sameNameKey(term) === sameNameKey(typed);
  const exact = settled ? sameName(hits.data ?? [], typed) : [];
  const first = exact[0];
  const matchId = first?.id ?? null;
  const matchName = first?.name ?? '';
  const matchDetail = first?.detail ?? null;
  const matchOthers = exact.length - 1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the search answers or the value changes
  useEffect(() => {
    const current = emitted.current;
    if (!settled || !followsTyping(current)) return;
    if (matchId !== null) {
      if (current?.kind !== 'existing' || current.id !== matchId) {
        emit({
          kind: 'existing',
          id: matchId,
          name: matchName,
          matched: { detail: matchDetail, others: matchOthers },
        });
      }
    } else if (current?.kind === 'existing') {
      emit(typedChoice(search));
    }
  }, [settled, matchId, matchName, matchDetail, matchOthers, value]);

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

  const showNew = !picked && typed.length > 0;
  const found = searching && !hits.isPending ? (hits.data ?? []) : [];
  // the exact matches first: the one the hint names is the first option
  const options = [...exact, ...found.filter((h) => !exact.includes(h))];
  const chosenId = value?.kind === 'existing' ? value.id : null;

  const right =
    value !== null ? (
      <CloseButton
        size="sm"
        aria-label={t('pickers.clear', { label })}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          emit(null);
          setSearch('');
        }}
      />
    ) : searching && hits.isFetching ? (
      <Loader size={14} />
    ) : null;

  const hint = hintFor(t, value, entity);
  const description =
    hint && props.description ? (
      <>
        {props.description} {hint}
      </>
    ) : (
      (hint ?? props.description)
    );

  return (
    <Stack gap={6}>
      <Combobox store={combobox} onOptionSubmit={select} withinPortal>
        <Combobox.Target>
          <TextInput
            label={label}
            description={description}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder={props.placeholder ?? t('pickers.placeholder', { entity })}
            required={props.required}
            disabled={props.disabled}
            error={props.error}
            value={search}
            autoComplete="off"
            rightSection={right}
            rightSectionPointerEvents={value !== null ? 'all' : 'none'}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setSearch(text);
              emit(typedChoice(text));
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => {
              combobox.closeDropdown();
              // leaving the field shows the name that will be saved or linked
              if (value !== null && search !== value.name) setSearch(value.name);
            }}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!showNew}>
          <Combobox.Options aria-label={label}>
            {searching && hits.isPending && <Combobox.Empty>{t('pickers.searching')}</Combobox.Empty>}
            {hits.isError && <Combobox.Empty>{t('pickers.searchFailed')}</Combobox.Empty>}
            {options.map((h) => (
              <Combobox.Option
                value={String(h.id)}
                key={h.id}
                active={h.id === chosenId}
                aria-selected={h.id === chosenId}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {h.id === chosenId ? (
                    <IconCheck size={14} style={{ marginTop: 3, flex: 'none' }} aria-hidden />
                  ) : (
                    <span style={{ width: 14, flex: 'none' }} />
                  )}
                  <div>
                    <Text size="sm">{h.name}</Text>
                    {h.detail && (
                      <Text size="xs" c="dimmed">
                        {h.detail}
                      </Text>
                    )}
                  </div>
                </Group>
              </Combobox.Option>
            ))}
            {showNew && (
              <Combobox.Option value={NEW_OPTION}>
                <Group gap={6} wrap="nowrap">
                  <IconPlus size={14} style={{ flex: 'none' }} aria-hidden />
                  <Text size="sm">{t('pickers.addNew', { name: typed, entity })}</Text>
                </Group>
              </Combobox.Option>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {entity === 'person' && value?.kind === 'new' && (
        <Group grow align="flex-start">
          <TextInput
            label={t('pickers.email')}
            type="email"
            value={value.email ?? ''}
            onChange={(e) => emit({ ...value, email: e.currentTarget.value })}
          />
          <TextInput
            label={t('pickers.phone')}
            type="tel"
            value={value.phone ?? ''}
            onChange={(e) => emit({ ...value, phone: e.currentTarget.value })}
          />
        </Group>
      )}
    </Stack>
  );
}

/** Person picker: search as you type; a typed name that matches no one is a new person (with Email and Phone). */
export function PersonPicker(props: ContactPickerProps) {
  return <ContactPicker {...props} entity="person" />;
}

/** Organization picker: search as you type; a typed name that matches none is a new organization. */
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
 * A typed name that turns out to be an existing contact's (see `ContactChoice`) is that contact.
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
  if (choice.typed) {
    // Save pressed before the picker's search answered: the contact of that name is still the one meant.
    const hits = await searchContacts(entity, choice.name, { organizationId: choice.scope, exact: true });
    const match = sameName(hits, choice.name)[0];
    if (match) return match.id;
  }
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
    ...(email ? { emails: [{ value: email, primary: true, label: CHANNEL_LABEL }] } : {}),
    ...(phone ? { phones: [{ value: phone, primary: true, label: CHANNEL_LABEL }] } : {}),
  });
  return res.data.id;
}
