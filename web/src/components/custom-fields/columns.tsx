import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Field } from '../../api/fields.ts';
import { useT } from '../../i18n/provider.tsx';
import { CustomValue } from './custom-value.tsx';
import { type ListEntity, useListFields } from './list-fields.ts';
import { useUserPreference } from './preferences.ts';

export interface CustomColumns {
  /** the custom fields the list shows as columns, in the fields' order */
  shown: Field[];
  all: Field[];
  codes: string[];
  setCodes: (codes: string[]) => void;
}

/** The custom fields a list shows as columns, remembered per list, company and user in this browser. */
export function useCustomColumns(entity: ListEntity, list: string): CustomColumns {
  const [codes, setCodes] = useUserPreference<string[]>(`columns:${list}`, []);
  const all = useListFields(entity);
  const shown = useMemo(() => all.filter((f) => codes.includes(f.field_code)), [all, codes]);
  return { shown, all, codes, setCodes };
}

/** "Columns": a checkbox per custom field of the list's entity; nothing when it has none. */
export function ColumnPicker({ columns }: { columns: CustomColumns }) {
  const t = useT();
  if (columns.all.length === 0) return null;
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t('customFields.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={300}>
        <Checkbox.Group
          label={t('customFields.columnsTitle')}
          value={columns.codes.filter((c) => columns.all.some((f) => f.field_code === c))}
          onChange={columns.setCodes}
        >
          <Stack gap={6} mt="xs">
            {columns.all.map((f) => (
              <Checkbox key={f.field_code} value={f.field_code} label={f.field_name} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A list's cell of a custom value: the value as its type shows it, or a dash. */
export function CustomCell({ field, values }: { field: Field; values: Record<string, unknown> | undefined }) {
  const t = useT();
  const wire = values?.[field.field_code];
  if (wire === undefined || wire === null) return <Text c="dimmed">{t('field.empty')}</Text>;
  return (
    <Text size="sm" component="div">
      <CustomValue field={field} wire={wire} />
    </Text>
  );
}
