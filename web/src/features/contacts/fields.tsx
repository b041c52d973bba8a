import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { contactSearch } from '../../api/contact-search.ts';
import { useUsers } from '../../api/users.ts';
import { useVisibility } from '../../components/visibility.ts';
import { useT } from '../../i18n/provider.tsx';
import { searchable } from './queries.ts';
import type { ContactKind } from './types.ts';

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
  const found = useQuery({ ...contactSearch(kind, term), enabled: searchable(term) && term !== value?.name });
  const options = (found.data ?? [])
    .map((hit) => ({ value: hit.id, label: hit.name, hint: hit.detail ?? '' }))
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
