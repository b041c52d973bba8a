import { ActionIcon, Popover, Select } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { type Field, useCustomFields } from '../../../api/fields.ts';
import { useUserPreference } from '../../../components/custom-fields/index.ts';
import { useT } from '../../../i18n/provider.tsx';

export interface CardFieldChoice {
  /** the chosen deal field, while it exists */
  field: Field | null;
  fields: Field[];
  choose: (code: string | null) => void;
}

/** The deal field the cards show, remembered for this user in this browser. */
export function useCardFieldChoice(): CardFieldChoice {
  const [code, setCode] = useUserPreference<string | null>('board-card-field', null);
  const fields = useCustomFields('deal').data ?? [];
  return { field: fields.find((f) => f.field_code === code) ?? null, fields, choose: setCode };
}

/** The board's settings: which deal field the cards show (none by default). */
export function BoardSettings({ choice }: { choice: CardFieldChoice }) {
  const t = useT();
  if (choice.fields.length === 0) return null;
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon variant="default" size="lg" aria-label={t('customFields.boardSettings')} mb={1}>
          <IconSettings size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Select
          label={t('customFields.cardField')}
          w={220}
          allowDeselect={false}
          comboboxProps={{ withinPortal: false }}
          data={[
            { value: '', label: t('customFields.noCardField') },
            ...choice.fields.map((f) => ({ value: f.field_code, label: f.field_name })),
          ]}
          value={choice.field?.field_code ?? ''}
          onChange={(v) => choice.choose(v ? v : null)}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
