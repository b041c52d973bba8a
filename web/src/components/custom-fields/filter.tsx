import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Field } from '../../api/fields.ts';
import { useUsers } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';
import { DateField } from '../date-field.tsx';
import { optionsOf } from './adapters.ts';

/** The one-field filter of a list: which custom field, and the value it must hold (as the API takes it). */
export interface FieldFilterValue {
  code: string | null;
  value: string | null;
}

/** The types a list filters by (a value one can type or pick; the server matches it exactly). */
const FILTERABLE = new Set([
  'varchar',
  'varchar_auto',
  'text',
  'phone',
  'double',
  'monetary',
  'date',
  'enum',
  'set',
  'user',
]);
const NUMERIC = new Set(['double', 'monetary']);

export const filterableFields = (fields: Field[]) => fields.filter((f) => FILTERABLE.has(f.field_type));

/** A number as typed in either language ("1,5" or "1.5") as the API takes it; null while it is none. */
const numberText = (text: string): string | null => {
  const t = text.trim().replace(',', '.');
  return t !== '' && Number.isFinite(Number(t)) ? t : null;
};

function ValueInput({
  field,
  value,
  onChange,
}: {
  field: Field;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const t = useT();
  const users = useUsers();
  const label = t('customFields.filterOption', { name: field.field_name });
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const push = useDebouncedCallback((v: string) => {
    onChange(NUMERIC.has(field.field_type) ? numberText(v) : v.trim() || null);
  }, 300);
  const w = { base: '100%', xs: 200 };
  if (field.field_type === 'enum' || field.field_type === 'set' || field.field_type === 'user') {
    const data =
      field.field_type === 'user'
        ? (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))
        : optionsOf(field).map((o) => ({ value: String(o.value), label: o.label }));
    return <Select label={label} clearable searchable data={data} value={value} onChange={onChange} w={w} />;
  }
  if (field.field_type === 'date') return <DateField label={label} value={value} onChange={onChange} w={w} />;
  return (
    <TextInput
      label={label}
      inputMode={NUMERIC.has(field.field_type) ? 'decimal' : undefined}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      w={w}
    />
  );
}

/** "Filter by field" and the value input of the chosen field's type; nothing when the list has no fields. */
export function CustomFieldFilter({
  fields,
  filter,
  onChange,
}: {
  fields: Field[];
  filter: FieldFilterValue;
  onChange: (filter: FieldFilterValue) => void;
}) {
  const t = useT();
  const choices = filterableFields(fields);
  if (choices.length === 0) return null;
  const field = choices.find((f) => f.field_code === filter.code);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('customFields.filterField')}
        placeholder={t('customFields.noFilter')}
        clearable
        searchable
        data={choices.map((f) => ({ value: f.field_code, label: f.field_name }))}
        value={field ? field.field_code : null}
        onChange={(code) => onChange({ code, value: null })}
        w={{ base: '100%', xs: 200 }}
      />
      {field && (
        <ValueInput
          key={field.field_code}
          field={field}
          value={filter.value}
          onChange={(value) => onChange({ code: field.field_code, value })}
        />
      )}
    </Group>
  );
}
