import { Group, NumberInput, Select } from '@mantine/core';
import { useSession } from '../../api/session.tsx';
import { formatMoney, formatNumber, numberInputSeparators } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/provider.tsx';
import { useT } from '../../i18n/provider.tsx';
import { currencyOptions } from '../currencies.ts';
import { fieldType } from './types.ts';

export interface NumberOptions {
  min?: number;
  max?: number;
  /** whole numbers only */
  integer?: boolean;
  suffix?: string;
}

const MAX = 1e15;

const asNumber = (v: number | string): number | null => (v === '' || v === null ? null : Number(v));

function outOfRange(n: number | null, o: NumberOptions, t: Translate): string | undefined {
  if (n === null) return undefined;
  const max = o.max ?? MAX;
  if (!Number.isFinite(n) || n > max) return t('field.tooLarge', { max: formatNumber(max) });
  if (o.min !== undefined && n < o.min) return t('field.tooSmall', { min: formatNumber(o.min) });
  if (n < -MAX) return t('field.tooSmall', { min: formatNumber(-MAX) });
  return undefined;
}

/** A number (Pipedrive's double); blank is none. */
export const double = fieldType<number | null, NumberOptions>({
  Editor: ({ label, value, onChange, options, error, saving }) => (
    <NumberInput
      label={label}
      value={value ?? ''}
      onChange={(v) => onChange(asNumber(v))}
      min={options.min}
      max={options.max}
      allowDecimal={!options.integer}
      allowNegative={options.min === undefined || options.min < 0}
      suffix={options.suffix}
      {...numberInputSeparators()}
      hideControls
      error={error}
      readOnly={saving}
      autoFocus
    />
  ),
  Show: ({ value, options }) => (
    <>
      {formatNumber(value as number)}
      {options.suffix}
    </>
  ),
  isEmpty: (v) => v === null,
  validate: (v, o, t) => outOfRange(v, o, t),
});

export interface Money {
  amount: number;
  currency: string;
}

export interface MoneyOptions {
  /** the currency a value without one gets (else the company's) */
  defaultCurrency?: string;
  min?: number;
}

/** An amount and its currency side by side (Pipedrive's monetary); a blank amount is no value. */
export const monetary = fieldType<Money | null, MoneyOptions>({
  Editor: function MoneyEditor({ label, value, onChange, options, error, saving }) {
    const t = useT();
    const { company } = useSession();
    const fallback = options.defaultCurrency ?? company.default_currency;
    const currency = value?.currency ?? fallback;
    const currencies = currencyOptions(currency, fallback);
    return (
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <NumberInput
          label={label}
          value={value?.amount ?? ''}
          onChange={(v) => {
            const amount = asNumber(v);
            onChange(amount === null ? null : { amount, currency });
          }}
          min={options.min}
          allowNegative={options.min === undefined || options.min < 0}
          decimalScale={2}
          {...numberInputSeparators()}
          hideControls
          error={error}
          readOnly={saving}
          autoFocus
          style={{ flex: 1, minWidth: 0 }}
        />
        <Select
          label={t('field.currency')}
          data={currencies}
          value={currency}
          onChange={(c) => c && value && onChange({ ...value, currency: c })}
          searchable
          selectFirstOptionOnChange
          allowDeselect={false}
          readOnly={saving || !value}
          w={110}
          comboboxProps={{ withinPortal: false }}
        />
      </Group>
    );
  },
  Show: ({ value }) => <>{value && formatMoney(value.amount, value.currency)}</>,
  isEmpty: (v) => v === null,
  validate: (v, o, t) => outOfRange(v?.amount ?? null, o, t),
});
