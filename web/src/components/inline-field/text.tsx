import { Textarea, TextInput } from '@mantine/core';
import type { Translate } from '../../i18n/provider.tsx';
import { fieldType } from './types.ts';

export interface TextOptions {
  maxLength?: number;
  /** a blank value cannot be saved */
  required?: boolean;
}

const blank = (v: string | null) => v === null || v.trim() === '';

const validate = (v: string | null, o: TextOptions, t: Translate, label: string) =>
  o.required && blank(v) ? t('field.required', { label }) : undefined;

/** One line of text (Pipedrive's varchar); Enter saves. */
export const varchar = fieldType<string | null, TextOptions>({
  Editor: ({ label, value, onChange, options, error, saving }) => (
    <TextInput
      label={label}
      value={value ?? ''}
      maxLength={options.maxLength ?? 255}
      error={error}
      readOnly={saving}
      autoFocus
      data-autofocus
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  ),
  Show: ({ value }) => <>{value}</>,
  isEmpty: blank,
  equals: (a, b) => (a ?? '').trim() === (b ?? '').trim(),
  validate,
});

/** Several lines (Pipedrive's text); Enter makes a new line, Ctrl+Enter or Save saves. */
export const text = fieldType<string | null, TextOptions>({
  Editor: ({ label, value, onChange, options, error, saving }) => (
    <Textarea
      label={label}
      value={value ?? ''}
      maxLength={options.maxLength ?? 65_535}
      error={error}
      readOnly={saving}
      autoFocus
      rows={3}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  ),
  Show: ({ value }) => <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>,
  isEmpty: blank,
  equals: (a, b) => (a ?? '').trim() === (b ?? '').trim(),
  validate,
});

/** An address as its one line (Pipedrive's address: the parts are kept while the line is unchanged). */
export const address = fieldType<string | null, TextOptions>({
  ...varchar,
  Editor: (props) => <varchar.Editor {...props} options={{ maxLength: 1024, ...props.options }} />,
});
