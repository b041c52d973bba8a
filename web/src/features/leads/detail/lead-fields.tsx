import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { useLeadLabels } from '../../../api/lead-labels.ts';
import type { Lead, LeadPatch, VisibleTo } from '../../../api/leads.ts';
import { useSession } from '../../../api/session.tsx';
import { useUsers } from '../../../api/users.ts';
import { useVisibility } from '../../../components/visibility.ts';
import { formatDateTime, formatDay, formatMoney } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { labelColor } from '../label-color.ts';
import { InlineDate, InlineLabels, InlineSelect, InlineValue } from './inline-editors.tsx';
import { InlineField } from './inline-field.tsx';

export interface LeadFieldsProps {
  lead: Lead;
  readOnly: boolean;
  save: (patch: LeadPatch) => Promise<unknown>;
}

/** The lead's fields, each editable in place. */
export function LeadFields({ lead, readOnly, save }: LeadFieldsProps) {
  const t = useT();
  const visibilityWords = useVisibility();
  const { company } = useSession();
  const users = useUsers();
  const labels = useLeadLabels();
  const userName = (id: number) =>
    users.data?.find((u) => u.id === id)?.name ?? t('leads.detail.user', { id });
  const chosenLabels = lead.label_ids
    .map((id) => labels.data?.find((l) => l.id === id))
    .filter((l) => l !== undefined);
  const owners = (users.data ?? [])
    .filter((u) => u.active_flag !== false || u.id === lead.owner_id)
    .map((u) => ({ value: String(u.id), label: u.name }));
  const visibility = (['1', '3'] as VisibleTo[])
    .concat(lead.visible_to === '5' || lead.visible_to === '7' ? [lead.visible_to] : [])
    .map((v) => ({ value: v, label: visibilityWords.label(v) }));

  return (
    <Card withBorder padding="md" component="section" aria-label={t('leads.detail.details')}>
      <Title order={4} mb="xs">
        {t('leads.detail.details')}
      </Title>
      <InlineField
        label={t('leads.field.value')}
        readOnly={readOnly}
        display={
          lead.value ? (
            formatMoney(lead.value.amount, lead.value.currency)
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : t('leads.detail.addValue')}
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
        label={t('leads.field.expectedCloseDate')}
        readOnly={readOnly}
        display={
          lead.expected_close_date ? (
            formatDay(lead.expected_close_date)
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : t('leads.detail.setDate')}
            </Text>
          )
        }
      >
        {(close) => (
          <InlineDate
            label={t('leads.field.expectedCloseDate')}
            initial={lead.expected_close_date}
            close={close}
            onSave={(v) => save({ expected_close_date: v })}
          />
        )}
      </InlineField>
      <InlineField
        label={t('leads.field.labels')}
        readOnly={readOnly}
        display={
          chosenLabels.length ? (
            <Group gap={4}>
              {chosenLabels.map((l) => (
                <Badge key={l.id} color={labelColor(l.color)} variant="light" size="sm">
                  {l.name}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text span size="sm" c="dimmed">
              {readOnly ? '—' : t('leads.detail.addLabels')}
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
      <InlineField label={t('leads.field.owner')} readOnly={readOnly} display={userName(lead.owner_id)}>
        {(close) => (
          <InlineSelect
            label={t('leads.field.owner')}
            initial={String(lead.owner_id)}
            data={owners}
            close={close}
            onSave={(v) => save({ owner_id: Number(v) })}
          />
        )}
      </InlineField>
      <InlineField
        label={t('leads.field.visibility')}
        readOnly={readOnly}
        display={visibilityWords.label(lead.visible_to)}
      >
        {(close) => (
          <InlineSelect
            label={t('leads.field.visibility')}
            initial={lead.visible_to}
            data={visibility}
            close={close}
            onSave={(v) => save({ visible_to: v as VisibleTo })}
          />
        )}
      </InlineField>
      <Group gap="xs" wrap="nowrap" py={4}>
        <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
          {t('leads.field.source')}
        </Text>
        <Text size="sm">{lead.source_name}</Text>
      </Group>
      <Group gap="xs" wrap="nowrap" py={4}>
        <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
          {t('leads.field.created')}
        </Text>
        <Text size="sm">{formatDateTime(lead.add_time)}</Text>
      </Group>
    </Card>
  );
}
