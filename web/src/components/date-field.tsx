import { TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { formatDay } from '../i18n/format.ts';
import type { DateFieldProps } from './date-field-props.ts';

export type { DateFieldProps };

// Mantine's date picker and dayjs load with the first date field shown, not with the app.
const DateFieldInput = lazy(async () => ({
  default: (await import('./date-field-input.tsx')).DateFieldInput,
}));

/**
 * A date: typed (2026-12-02, or as the app shows dates: "2 dec. 2026") or chosen in a calendar whose week
 * starts on Monday in Swedish. The value is always YYYY-MM-DD.
 */
export function DateField(props: DateFieldProps) {
  const { label, description, error, required, disabled, w, style } = props;
  return (
    <Suspense
      fallback={
        <TextInput
          label={label}
          description={description}
          error={error}
          required={required}
          disabled={disabled}
          w={w}
          style={style}
          value={formatDay(props.value)}
          readOnly
        />
      }
    >
      <DateFieldInput {...props} />
    </Suspense>
  );
}
