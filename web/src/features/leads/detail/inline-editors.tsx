import { Box, Group, MultiSelect, NumberInput, Select } from '@mantine/core';
import { type FocusEvent, type KeyboardEvent, useState } from 'react';
import { DateField } from '../../../components/date-field.tsx';
import { useT } from '../../../i18n/provider.tsx';
import type { CloseEditor } from './inline-field.tsx';
import { useCommit } from './inline-field.tsx';

/** Leaving the editor (focus going outside it) saves. */
const leaving = (e: FocusEvent<HTMLElement>) =>
  !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget));

export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'SEK',
  'NOK',
  'DKK',
  'CHF',
  'PLN',
  'CZK',
  'HUF',
  'CAD',
  'AUD',
  'NZD',
  'JPY',
  'CNY',
  'INR',
  'BRL',
  'MXN',
  'ZAR',
  'SGD',
  'HKD',
  'AED',
  'ILS',
  'TRY',
];

const MAX_AMOUNT = 1e15;

export interface InlineValueProps {
  initial: { amount: number; currency: string } | null;
  defaultCurrency: string;
  close: CloseEditor;
  onSave: (value: { amount: number; currency: string } | null) => Promise<unknown>;
}

/** Value and Currency side by side; a blank value unsets both. */
export function InlineValue({ initial, defaultCurrency, close, onSave }: InlineValueProps) {
  const t = useT();
  const [amount, setAmount] = useState<string | number>(initial?.amount ?? '');
  const [currency, setCurrency] = useState<string>(initial?.currency ?? defaultCurrency);
  const { error, saving, commit, cancel } = useCommit(close);
  const currencies = [...new Set([currency, defaultCurrency, ...CURRENCIES].filter(Boolean))];

  const run = (how: 'keyboard' | 'blur') => {
    const blank = amount === '' || amount === null;
    const n = typeof amount === 'number' ? amount : Number(amount);
    const next = blank ? null : { amount: n, currency };
    const same = next === null ? initial === null : initial?.amount === n && initial.currency === currency;
    const invalid =
      !blank && (!Number.isFinite(n) || Math.abs(n) > MAX_AMOUNT)
        ? t('leads.detail.amountTooLarge', { max: MAX_AMOUNT.toExponential() })
        : undefined;
    return commit(how, same ? null : () => onSave(next), invalid);
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && !e.defaultPrevented) {
      e.preventDefault();
      void run('keyboard');
    }
  };

  return (
    <Group
      gap="xs"
      align="flex-start"
      wrap="nowrap"
      onBlur={(e: FocusEvent<HTMLDivElement>) => leaving(e) && void run('blur')}
      onKeyDown={keys}
    >
      <NumberInput
        label={t('leads.field.value')}
        value={amount}
        onChange={setAmount}
        autoFocus
        error={error}
        readOnly={saving}
        thousandSeparator=" "
        decimalScale={2}
        hideControls
        style={{ flex: 1, minWidth: 0 }}
      />
      <Select
        label={t('leads.field.currency')}
        data={currencies}
        value={currency}
        onChange={(v) => v && setCurrency(v)}
        searchable
        selectFirstOptionOnChange
        allowDeselect={false}
        readOnly={saving}
        w={110}
        comboboxProps={{ withinPortal: false }}
      />
    </Group>
  );
}

export interface InlineSelectProps {
  label: string;
  initial: string;
  data: { value: string; label: string }[];
  close: CloseEditor;
  onSave: (value: string) => Promise<unknown>;
}

/** A labelled select that saves as soon as an option is picked; Escape or leaving it without a pick cancels. */
export function InlineSelect({ label, initial, data, close, onSave }: InlineSelectProps) {
  const [value, setValue] = useState(initial);
  const { error, saving, commit, cancel } = useCommit(close);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      autoFocus
      defaultDropdownOpened
      searchable={data.length > 7}
      allowDeselect={false}
      error={error}
      readOnly={saving}
      comboboxProps={{ withinPortal: false }}
      onChange={(v) => {
        if (!v) return;
        setValue(v);
        void commit('keyboard', v === initial ? null : () => onSave(v));
      }}
      onBlur={() => void commit('blur', null)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
    />
  );
}

export interface InlineLabelsProps {
  initial: string[];
  data: { value: string; label: string }[];
  close: CloseEditor;
  onSave: (ids: string[]) => Promise<unknown>;
}

/** Lead labels: pick several; leaving the field saves, Escape cancels. */
export function InlineLabels({ initial, data, close, onSave }: InlineLabelsProps) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const { error, saving, commit, cancel } = useCommit(close);
  const same = value.length === initial.length && value.every((v) => initial.includes(v));
  const run = (how: 'keyboard' | 'blur') => commit(how, same ? null : () => onSave(value));
  return (
    <MultiSelect
      label={t('leads.field.labels')}
      data={data}
      value={value}
      onChange={setValue}
      autoFocus
      defaultDropdownOpened
      clearable
      error={error}
      readOnly={saving}
      nothingFoundMessage={t('leads.detail.noLabels')}
      comboboxProps={{ withinPortal: false }}
      onBlur={() => void run('blur')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
    />
  );
}

export interface InlineDateProps {
  label: string;
  /** YYYY-MM-DD or null */
  initial: string | null;
  close: CloseEditor;
  onSave: (value: string | null) => Promise<unknown>;
}

/** A date: a day picked in the calendar saves at once; a typed one saves on Enter or on leaving; Escape cancels. */
export function InlineDate({ label, initial, close, onSave }: InlineDateProps) {
  const [value, setValue] = useState(initial);
  const { error, saving, commit, cancel } = useCommit(close);
  const run = (how: 'keyboard' | 'blur', next = value) =>
    commit(how, next === initial ? null : () => onSave(next));
  return (
    <Box
      onBlur={(e: FocusEvent<HTMLDivElement>) => leaving(e) && void run('blur')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          void run('keyboard');
        }
      }}
    >
      <DateField
        label={label}
        value={value}
        onChange={setValue}
        onPick={(day) => void run('keyboard', day)}
        autoFocus
        clearable
        error={error}
        readOnly={saving}
      />
    </Box>
  );
}
