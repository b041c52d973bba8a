import { formatDay } from '../../i18n/format.ts';
import { DateField } from '../date-field.tsx';
import { fieldType } from './types.ts';

/** A day, YYYY-MM-DD (Pipedrive's date): a day picked in the calendar saves at once, a typed one on Enter. */
export const date = fieldType<string | null, Record<string, never>>({
  Editor: ({ label, value, onChange, commit, error, saving }) => (
    <DateField
      label={label}
      value={value}
      onChange={onChange}
      onPick={commit}
      autoFocus
      clearable
      error={error}
      readOnly={saving}
    />
  ),
  Show: ({ value }) => <>{formatDay(value)}</>,
  isEmpty: (v) => v === null,
});
