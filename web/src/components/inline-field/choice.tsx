import { Badge, Group, MultiSelect, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useUsers } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';
import { useVisibility } from '../visibility.ts';
import { fieldType } from './types.ts';

export interface Option {
  value: string;
  label: string;
  /** a Mantine colour for the badge of a set's option */
  color?: string;
}

export interface ChoiceOptions {
  data: Option[];
}

/** The one select of the single-choice editors: open at once, a pick saves it. */
function PickOne({
  label,
  data,
  value,
  onPick,
  error,
  saving,
}: {
  label: string;
  data: Option[];
  value: string | null;
  onPick: (value: string) => void;
  error: ReactNode;
  saving: boolean;
}) {
  const t = useT();
  return (
    <Select
      label={label}
      data={data}
      value={value}
      autoFocus
      defaultDropdownOpened
      searchable={data.length > 7}
      allowDeselect={false}
      nothingFoundMessage={t('field.noOptions')}
      error={error}
      readOnly={saving}
      comboboxProps={{ withinPortal: false }}
      onChange={(v) => v !== null && onPick(v)}
    />
  );
}

/** PickOne over numeric values (user ids, visibility levels). */
function PickNumber(props: {
  label: string;
  data: Option[];
  value: number;
  commit: (value: number) => void;
  error: ReactNode;
  saving: boolean;
}) {
  const { value, commit, ...rest } = props;
  return <PickOne {...rest} value={String(value)} onPick={(v) => commit(Number(v))} />;
}

/** One option of a list (Pipedrive's enum): picking one saves it. */
export const enumField = fieldType<string | null, ChoiceOptions>({
  Editor: ({ label, value, commit, options, error, saving }) => (
    <PickOne label={label} data={options.data} value={value} onPick={commit} error={error} saving={saving} />
  ),
  Show: ({ value, options }) => <>{options.data.find((o) => o.value === value)?.label ?? value}</>,
  isEmpty: (v) => v === null || v === '',
});

/** Several options of a list (Pipedrive's set), shown as badges. */
export const set = fieldType<string[], ChoiceOptions>({
  Editor: function SetEditor({ label, value, onChange, options, error, saving }) {
    const t = useT();
    return (
      <MultiSelect
        label={label}
        data={options.data}
        value={value}
        onChange={onChange}
        autoFocus
        defaultDropdownOpened
        clearable
        error={error}
        readOnly={saving}
        nothingFoundMessage={t('field.noOptions')}
        comboboxProps={{ withinPortal: false }}
      />
    );
  },
  Show: ({ value, options }) => (
    <Group gap={4}>
      {value.map((id) => {
        const o = options.data.find((d) => d.value === id);
        return (
          <Badge key={id} color={o?.color ?? 'gray'} variant="light" size="sm">
            {o?.label ?? id}
          </Badge>
        );
      })}
    </Group>
  ),
  isEmpty: (v) => v.length === 0,
  equals: (a, b) => a.length === b.length && a.every((v) => b.includes(v)),
});

/** A user of the company (Pipedrive's user): the active ones are offered, and the one set. */
export const user = fieldType<number, Record<string, never>>({
  Editor: function UserEditor({ label, value, commit, error, saving }) {
    const t = useT();
    const users = useUsers();
    const data = (users.data ?? [])
      .filter((u) => u.active_flag !== false || u.id === value)
      .map((u) => ({ value: String(u.id), label: u.name }));
    if (!data.some((d) => d.value === String(value)))
      data.push({ value: String(value), label: t('field.user', { id: value }) });
    return (
      <PickNumber label={label} data={data} value={value} commit={commit} error={error} saving={saving} />
    );
  },
  Show: function UserName({ value }) {
    const t = useT();
    const users = useUsers();
    return <>{users.data?.find((u) => u.id === value)?.name ?? t('field.user', { id: value })}</>;
  },
  isEmpty: () => false,
});

/** Who can see the record (visible_to): owner or company; a group level only when it is already set. */
export const visibility = fieldType<number, Record<string, never>>({
  Editor: function VisibilityEditor({ label, value, commit, error, saving }) {
    const words = useVisibility();
    const data = words.options
      .filter((o) => o.value <= 3 || o.value === value)
      .map((o) => ({ value: String(o.value), label: o.label }));
    return (
      <PickNumber label={label} data={data} value={value} commit={commit} error={error} saving={saving} />
    );
  },
  Show: function VisibilityWord({ value }) {
    return <>{useVisibility().label(value)}</>;
  },
  isEmpty: () => false,
});

/**
 * A user that may be none (a custom field of Pipedrive's type user): as `user`, but empty until one is
 * picked. `user` is for the owner, who is always set.
 */
export const optionalUser = fieldType<number | null, Record<string, never>>({
  Editor: function OptionalUserEditor({ label, value, commit, error, saving }) {
    const users = useUsers();
    const data = (users.data ?? [])
      .filter((u) => u.active_flag !== false || u.id === value)
      .map((u) => ({ value: String(u.id), label: u.name }));
    return (
      <PickOne
        label={label}
        data={data}
        value={value === null ? null : String(value)}
        onPick={(v) => commit(Number(v))}
        error={error}
        saving={saving}
      />
    );
  },
  Show: ({ value, options }) => (value === null ? null : <user.Show value={value} options={options} />),
  isEmpty: (v) => v === null,
});
