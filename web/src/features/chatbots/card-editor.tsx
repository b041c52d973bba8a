import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import type { DraftCard } from './draft.ts';

export interface Choice {
  value: string;
  label: string;
}

const TYPES = ['message', 'question', 'ask', 'end'] as const;
const FIELDS = ['name', 'email', 'phone', 'company'] as const;
const OUTCOMES = ['lead', 'deal', 'none'] as const;

/** One card of the playbook: its type, text and where it goes (per option for a question). */
export function CardEditor({
  card,
  index,
  targets,
  stages,
  users,
  onChange,
  onMoveUp,
  onRemove,
}: {
  card: DraftCard;
  index: number;
  /** every card the playbook has, as branch targets */
  targets: Choice[];
  stages: Choice[];
  users: Choice[];
  onChange: (patch: Partial<DraftCard>) => void;
  onMoveUp: (() => void) | null;
  onRemove: (() => void) | null;
}) {
  const t = useT();
  const n = index + 1;
  const others = targets.filter((x) => x.value !== card.id || card.type === 'question');
  const next = (label: string, value: string | null, set: (v: string | null) => void) => (
    <Select label={label} data={others} value={value} onChange={set} searchable required />
  );
  const setOption = (j: number, patch: Partial<DraftCard['options'][number]>) =>
    onChange({ options: card.options.map((o, k) => (k === j ? { ...o, ...patch } : o)) });

  return (
    <Paper withBorder p="xs">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('chatbots.builder.card', { n })}
          </Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('chatbots.builder.moveUp', { n })}
              disabled={!onMoveUp}
              onClick={() => onMoveUp?.()}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('chatbots.builder.remove', { n })}
              disabled={!onRemove}
              onClick={() => onRemove?.()}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <Select
          label={t('chatbots.builder.type', { n })}
          data={TYPES.map((v) => ({ value: v, label: t(`chatbots.type.${v}` as MessageId) }))}
          value={card.type}
          allowDeselect={false}
          onChange={(v) => v && onChange({ type: v as DraftCard['type'] })}
        />
        <Textarea
          label={t('chatbots.builder.text', { n })}
          required
          autosize
          minRows={1}
          maxLength={1000}
          value={card.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
        />
        {card.type === 'message' &&
          next(t('chatbots.builder.next', { n }), card.next, (v) => onChange({ next: v }))}
        {card.type === 'ask' && (
          <Group grow align="flex-end" wrap="wrap">
            <Select
              label={t('chatbots.builder.field', { n })}
              data={FIELDS.map((v) => ({ value: v, label: t(`chatbots.field.${v}` as MessageId) }))}
              value={card.field}
              allowDeselect={false}
              onChange={(v) => v && onChange({ field: v as DraftCard['field'] })}
            />
            {next(t('chatbots.builder.next', { n }), card.next, (v) => onChange({ next: v }))}
          </Group>
        )}
        {card.type === 'question' && (
          <Stack gap={6}>
            {card.options.map((o, j) => {
              const m = j + 1;
              return (
                <Group key={m} grow align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('chatbots.builder.option', { n, m })}
                    required
                    maxLength={100}
                    value={o.label}
                    onChange={(e) => setOption(j, { label: e.currentTarget.value })}
                  />
                  {next(t('chatbots.builder.optionNext', { n, m }), o.next, (v) => setOption(j, { next: v }))}
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    style={{ flexGrow: 0 }}
                    aria-label={t('chatbots.builder.removeOption', { n, m })}
                    onClick={() => onChange({ options: card.options.filter((_, k) => k !== j) })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                disabled={card.options.length >= 10}
                onClick={() => onChange({ options: [...card.options, { label: '', next: null }] })}
              >
                {t('chatbots.builder.addOption', { n })}
              </Button>
            </Group>
            <Checkbox
              label={t('chatbots.builder.freeText', { n })}
              checked={card.free_text}
              onChange={(e) => onChange({ free_text: e.currentTarget.checked })}
            />
            {card.free_text &&
              next(t('chatbots.builder.next', { n }), card.next, (v) => onChange({ next: v }))}
          </Stack>
        )}
        {card.type === 'end' && (
          <Group grow align="flex-end" wrap="wrap">
            <Select
              label={t('chatbots.builder.outcome', { n })}
              data={OUTCOMES.map((v) => ({ value: v, label: t(`chatbots.outcome.${v}` as MessageId) }))}
              value={card.outcome}
              allowDeselect={false}
              onChange={(v) => v && onChange({ outcome: v as DraftCard['outcome'], label_ids: [] })}
            />
            {card.outcome === 'deal' && (
              <Select
                label={t('chatbots.builder.stage', { n })}
                data={stages}
                value={card.stage_id === null ? null : String(card.stage_id)}
                onChange={(v) => onChange({ stage_id: v === null ? null : Number(v) })}
              />
            )}
            {card.outcome !== 'none' && (
              <Select
                label={t('chatbots.builder.owner', { n })}
                placeholder={t('chatbots.builder.ownerDefault')}
                data={users}
                value={card.owner_id === null ? null : String(card.owner_id)}
                onChange={(v) => onChange({ owner_id: v === null ? null : Number(v) })}
                clearable
              />
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
