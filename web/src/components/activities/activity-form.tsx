import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type NewActivity, useActivityTypes } from '../../api/activities.ts';
import { localToday } from '../../i18n/format.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { DateField } from '../date-field.tsx';

export interface ActivityFormProps {
  onSubmit: (activity: NewActivity) => Promise<unknown>;
}

const DURATION = /^(\d{1,2}):([0-5]\d)$/;

/** "1:5" is not a duration, "1:05" becomes "01:05"; blank is none; anything else is an error message. */
export function parseDuration(raw: string): { value: string | null } | { error: MessageId } {
  const v = raw.trim();
  if (!v) return { value: null };
  const m = DURATION.exec(v);
  if (!m) return { error: 'activities.durationInvalid' };
  return { value: `${m[1]?.padStart(2, '0')}:${m[2]}` };
}

/** Subject, Type, Due date, Time, Duration; "Add activity" saves it and clears the form. */
export function ActivityForm({ onSubmit }: ActivityFormProps) {
  const t = useT();
  const types = useActivityTypes();
  const [subject, setSubject] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(localToday);
  const [dueTime, setDueTime] = useState('');
  const [duration, setDuration] = useState('');
  const [errors, setErrors] = useState<{ subject?: string; duration?: string }>({});
  const [saving, setSaving] = useState(false);

  const options = (types.data ?? [])
    .filter((ty) => ty.active_flag)
    .map((ty) => ({ value: ty.key_string, label: ty.name }));
  const chosenType = type ?? options[0]?.value ?? 'call';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = parseDuration(duration);
    const next: typeof errors = {};
    if (subject.length > 255) next.subject = t('common.maxLength', { max: 255 });
    if ('error' in d) next.duration = t(d.error);
    setErrors(next);
    if (Object.keys(next).length > 0 || 'error' in d) return;
    const typeLabel = options.find((o) => o.value === chosenType)?.label ?? t('activities.defaultSubject');
    setSaving(true);
    try {
      await onSubmit({
        subject: subject.trim() || typeLabel,
        type: chosenType,
        due_date: dueDate || null,
        due_time: dueTime || null,
        duration: d.value,
      });
      setSubject('');
      setDueTime('');
      setDuration('');
    } catch {
      // the caller shows the error; the form keeps what was typed
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
        <TextInput
          label={t('activities.subject')}
          placeholder={
            options.find((o) => o.value === chosenType)?.label ?? t('activities.subjectPlaceholder')
          }
          value={subject}
          error={errors.subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
        />
        <Select
          label={t('activities.type')}
          data={options}
          value={chosenType}
          onChange={setType}
          allowDeselect={false}
          disabled={types.isPending}
          error={types.isError ? t('activities.typesFailed') : undefined}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt="xs">
        <DateField label={t('activities.dueDate')} value={dueDate} onChange={setDueDate} clearable />
        <TextInput
          label={t('activities.time')}
          type="time"
          value={dueTime}
          onChange={(e) => setDueTime(e.currentTarget.value)}
        />
        <TextInput
          label={t('activities.duration')}
          placeholder="00:30"
          value={duration}
          error={errors.duration}
          onChange={(e) => setDuration(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button type="submit" size="xs" loading={saving}>
          {t('activities.add')}
        </Button>
      </Group>
    </form>
  );
}
