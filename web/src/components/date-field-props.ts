import type { DateInputProps } from '@mantine/dates';

/** What a date field takes: the lazy shell (date-field.tsx) and the picker it loads share it. */
export interface DateFieldProps
  extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser'> {
  /** YYYY-MM-DD, or null for none */
  value: string | null;
  onChange: (value: string | null) => void;
  /** a day was clicked in the calendar (after typing, Enter or leaving the field is what commits) */
  onPick?: (value: string) => void;
}
