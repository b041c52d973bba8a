import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { useSession } from '../../../api/session.tsx';
import { useUsers } from '../../../components/notes/api.ts';
import {
  LABEL_COLORS,
  type Lead,
  type LeadPatch,
  useLeadLabels,
  VISIBILITY_LABELS,
  type VisibleTo,
} from './api.ts';
import { InlineLabels, InlineSelect, InlineValue } from './inline-editors.tsx';
import { InlineField, InlineText } from './inline-field.tsx';

export function formatMoney(value: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency }).format(
      value.amount,
    );
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

export function formatDate(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00`);
  return Number.isNaN(d.getTime()) ? ymd : d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

const validDate = (v: string) =>
  v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && v >= '0001-01-01') ? undefined : 'Enter a date';

export interface LeadFieldsProps {
  lead: Lead;
  readOnly: boolean;
  save: (patch: LeadPatch) => Promise<unknown>;
}

/** The lead's fields, each editable in place. */
export function LeadFields({ lead, readOnly, save }: LeadFieldsProps) {
  const { company } = useSession();
  const users = useUsers();
  const labels = useLeadLabels();
  const userName = (id: number) => users.data?.find((u) => u.id === id)?.name ?? `User ${id}`;
  const chosenLabels = lead.label_ids
    .map((id) => labels.data?.find((l) => l.id === id))
    .filter((l) => l !== undefined);
  const owners = (users.data ?? [])
    .filter((u) => u.active_flag !== false || u.id === lead.owner_id)
    .map((u) => ({ value: String(u.id), label: u.name }));
  const visibility = (['1', '3'] as VisibleTo[])
    .concat(lead.visible_to === '5' || lead.visible_to === '7' ? [lead.visible_to] : [])
    .map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }));

  return (
    <Card withBorder padding="md" component="section" aria-label="Details">
      <Title order={4} mb="xs">
        Details
      </Title>
      <InlineField
        label="Value"
        readOnly={readOnly}
        display={
          lead.value ? (
            formatMoney(lead.value)
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : 'Add value'}
            </Text>
          )
        }
      >
        {(close) => (
          <InlineValue
            initial={lead.value}
            defaultCurrency={company.default_currency}
            close={close}
            onSave={(value) => save({ value })}
          />
        )}
      </InlineField>
      <InlineField
        label="Expected close date"
        readOnly={readOnly}
        display={
          lead.expected_close_date ? (
            formatDate(lead.expected_close_date)
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : 'Set date'}
            </Text>
          )
        }
      >
        {(close) => (
          <InlineText
            label="Expected close date"
            type="date"
            initial={lead.expected_close_date ?? ''}
            close={close}
            validate={validDate}
            onSave={(v) => save({ expected_close_date: v || null })}
          />
        )}
      </InlineField>
      <InlineField
        label="Labels"
        readOnly={readOnly}
        display={
          chosenLabels.length ? (
            <Group gap={4}>
              {chosenLabels.map((l) => (
                <Badge key={l.id} color={LABEL_COLORS[l.color] ?? 'gray'} variant="light" size="sm">
                  {l.name}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : 'Add labels'}
            </Text>
          )
        }
      >
        {(close) => (
          <InlineLabels
            initial={lead.label_ids}
            data={(labels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            close={close}
            onSave={(label_ids) => save({ label_ids })}
          />
        )}
      </InlineField>
      <InlineField label="Owner" readOnly={readOnly} display={userName(lead.owner_id)}>
        {(close) => (
          <InlineSelect
            label="Owner"
            initial={String(lead.owner_id)}
            data={owners}
            close={close}
            onSave={(v) => save({ owner_id: Number(v) })}
          />
        )}
      </InlineField>
      <InlineField label="Visibility" readOnly={readOnly} display={VISIBILITY_LABELS[lead.visible_to]}>
        {(close) => (
          <InlineSelect
            label="Visibility"
            initial={lead.visible_to}
            data={visibility}
            close={close}
            onSave={(v) => save({ visible_to: v as VisibleTo })}
          />
        )}
      </InlineField>
      <Group gap="xs" wrap="nowrap" py={4}>
        <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
          Source
        </Text>
        <Text size="sm">{lead.source_name}</Text>
      </Group>
      <Group gap="xs" wrap="nowrap" py={4}>
        <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
          Created
        </Text>
        <Text size="sm">
          {new Date(lead.add_time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
        </Text>
      </Group>
    </Card>
  );
}
