import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import type { OptionDraft } from '../../../api/fields.ts';
import { useT } from '../../../i18n/provider.tsx';

/** An option in the editor: `uid` keeps React's rows apart while labels change. */
export interface OptionRow extends OptionDraft {
  uid: string;
}

let next = 0;
export const optionRow = (o: OptionDraft): OptionRow => ({ ...o, uid: `o${++next}` });

/**
 * The options of an enum or set field: rename in place, add, delete, move up and down (buttons, so the
 * keyboard does all of it). Nothing is saved until the dialog is.
 */
export function OptionsEditor({
  options,
  onChange,
  error,
}: {
  options: OptionRow[];
  onChange: (next: OptionRow[]) => void;
  error?: string | null | undefined;
}) {
  const t = useT();
  const list = useRef<HTMLDivElement>(null);
  const move = (i: number, by: -1 | 1) => {
    const out = [...options];
    const [row] = out.splice(i, 1);
    if (!row) return;
    out.splice(i + by, 0, row);
    onChange(out);
  };
  const add = () => {
    onChange([...options, optionRow({ label: '' })]);
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll('input');
      inputs?.[inputs.length - 1]?.focus();
    });
  };
  return (
    <Stack gap={6} ref={list} role="group" aria-label={t('settings.fields.options')}>
      <Text size="sm" fw={500}>
        {t('settings.fields.options')}
      </Text>
      {options.map((o, i) => (
        <Group key={o.uid} gap={4} wrap="nowrap">
          <TextInput
            aria-label={t('settings.fields.optionN', { n: i + 1 })}
            value={o.label}
            maxLength={255}
            style={{ flex: 1, minWidth: 0 }}
            onChange={(e) => {
              const label = e.currentTarget.value;
              onChange(options.map((x) => (x.uid === o.uid ? { ...x, label } : x)));
            }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={i === 0}
            aria-label={t('settings.fields.optionUp', { name: o.label || String(i + 1) })}
            onClick={() => move(i, -1)}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={i === options.length - 1}
            aria-label={t('settings.fields.optionDown', { name: o.label || String(i + 1) })}
            onClick={() => move(i, 1)}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            disabled={options.length === 1}
            aria-label={t('settings.fields.optionDelete', { name: o.label || String(i + 1) })}
            onClick={() => onChange(options.filter((x) => x.uid !== o.uid))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={add}>
          {t('settings.fields.addOption')}
        </Button>
      </Group>
    </Stack>
  );
}
