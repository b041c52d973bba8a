import { Group, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatClock, formatDay } from '../../i18n/format.ts';
import { type Translate, useT } from '../../i18n/provider.tsx';
import { DateField } from '../date-field.tsx';
import { fieldType } from './types.ts';

/**
 * A range as Pipedrive keeps it: its start in `value` and its end in `until` (daterange: YYYY-MM-DD,
 * timerange: HH:MM). While it is being edited either end may be missing; null is no range.
 */
export type Range = { value: string | null; until: string | null } | null;

const noRange = (v: Range) => v === null || (!v.value && !v.until);

/** Both ends or neither, and the end not before the start. */
function checkRange(v: Range, t: Translate): string | undefined {
  if (noRange(v) || !v) return undefined;
  if (!v.value || !v.until) return t('field.rangeIncomplete');
  if (v.until < v.value) return t('field.rangeOrder');
  return undefined;
}

/** What a range is saved as: null when both ends are blank. */
const cleanRange = (v: Range): Range => (noRange(v) ? null : v);

function RangeShow({ from, until }: { from: string; until: string }) {
  return (
    <>
      {from} – {until}
    </>
  );
}

/** The two ends side by side (one above the other at phone width), the start named by the label. */
function Ends({ label, start, end }: { label: string; start: ReactNode; end: ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="wrap" role="group" aria-label={label}>
      <div style={{ flex: '1 1 140px', minWidth: 0 }}>{start}</div>
      <div style={{ flex: '1 1 140px', minWidth: 0 }}>{end}</div>
    </Group>
  );
}

/** Two days (Pipedrive's daterange): typed or picked; Save saves both. */
export const daterange = fieldType<Range, Record<string, never>>({
  Editor: function DateRangeEditor({ label, value, onChange, error, saving }) {
    const t = useT();
    const set = (part: 'value' | 'until', day: string | null) =>
      onChange(cleanRange({ value: value?.value ?? null, until: value?.until ?? null, [part]: day }));
    return (
      <Ends
        label={label}
        start={
          <DateField
            label={t('field.rangeFrom', { label })}
            value={value?.value ?? null}
            onChange={(d) => set('value', d)}
            autoFocus
            clearable
            error={error}
            readOnly={saving}
          />
        }
        end={
          <DateField
            label={t('field.rangeUntil')}
            value={value?.until ?? null}
            onChange={(d) => set('until', d)}
            clearable
            readOnly={saving}
          />
        }
      />
    );
  },
  Show: ({ value }) => (
    <RangeShow from={formatDay(value?.value ?? null)} until={formatDay(value?.until ?? null)} />
  ),
  isEmpty: noRange,
  validate: (v, _o, t) => checkRange(v, t),
});

/** A time input (HH:MM, the browser's own time field). */
function Clock(props: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: ReactNode;
  saving: boolean;
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      type="time"
      label={props.label}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.currentTarget.value || null)}
      error={props.error}
      readOnly={props.saving}
      autoFocus={props.autoFocus}
    />
  );
}

/** HH:MM of a stored HH:MM:SS. */
export const hhmm = (v: string | null | undefined) => (v ? v.slice(0, 5) : null);

/** A time of day (Pipedrive's time), HH:MM; blank is none. */
export const time = fieldType<string | null, Record<string, never>>({
  Editor: ({ label, value, onChange, error, saving }) => (
    <Clock label={label} value={value} onChange={onChange} error={error} saving={saving} autoFocus />
  ),
  Show: ({ value }) => <>{formatClock(value)}</>,
  isEmpty: (v) => !v,
});

/** Two times of day (Pipedrive's timerange), as daterange. */
export const timerange = fieldType<Range, Record<string, never>>({
  Editor: function TimeRangeEditor({ label, value, onChange, error, saving }) {
    const t = useT();
    const set = (part: 'value' | 'until', v: string | null) =>
      onChange(cleanRange({ value: value?.value ?? null, until: value?.until ?? null, [part]: v }));
    return (
      <Ends
        label={label}
        start={
          <Clock
            label={t('field.rangeFrom', { label })}
            value={value?.value ?? null}
            onChange={(v) => set('value', v)}
            error={error}
            saving={saving}
            autoFocus
          />
        }
        end={
          <Clock
            label={t('field.rangeUntil')}
            value={value?.until ?? null}
            onChange={(v) => set('until', v)}
            saving={saving}
          />
        }
      />
    );
  },
  Show: ({ value }) => (
    <RangeShow from={formatClock(value?.value ?? null)} until={formatClock(value?.until ?? null)} />
  ),
  isEmpty: noRange,
  validate: (v, _o, t) => checkRange(v, t),
});
