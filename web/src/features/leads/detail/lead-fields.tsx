import { Card, Title } from '@mantine/core';
import { useLeadLabels } from '../../../api/lead-labels.ts';
import type { Lead, LeadPatch, VisibleTo } from '../../../api/leads.ts';
import { FieldRow, InlineField } from '../../../components/inline-field/index.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { labelColor } from '../label-color.ts';

export interface LeadFieldsProps {
  lead: Lead;
  readOnly: boolean;
  save: (patch: LeadPatch) => Promise<unknown>;
}

/** The lead's fields, each editable in place. */
export function LeadFields({ lead, readOnly, save }: LeadFieldsProps) {
  const t = useT();
  const labels = useLeadLabels();
  const labelOptions = (labels.data ?? []).map((l) => ({
    value: l.id,
    label: l.name,
    color: labelColor(l.color),
  }));
  return (
    <Card withBorder padding="md" component="section" aria-label={t('leads.detail.details')}>
      <Title order={4} mb="xs">
        {t('leads.detail.details')}
      </Title>
      <InlineField
        type="monetary"
        label={t('leads.field.value')}
        readOnly={readOnly}
        value={lead.value}
        emptyText={t('leads.detail.addValue')}
        onSave={(value) => save({ value })}
      />
      <InlineField
        type="date"
        label={t('leads.field.expectedCloseDate')}
        readOnly={readOnly}
        value={lead.expected_close_date}
        emptyText={t('leads.detail.setDate')}
        onSave={(expected_close_date) => save({ expected_close_date })}
      />
      <InlineField
        type="set"
        label={t('leads.field.labels')}
        readOnly={readOnly}
        value={lead.label_ids}
        options={{ data: labelOptions }}
        emptyText={t('leads.detail.addLabels')}
        onSave={(label_ids) => save({ label_ids })}
      />
      <InlineField
        type="user"
        label={t('leads.field.owner')}
        readOnly={readOnly}
        value={lead.owner_id}
        onSave={(owner_id) => save({ owner_id })}
      />
      <InlineField
        type="visibility"
        label={t('leads.field.visibility')}
        readOnly={readOnly}
        value={Number(lead.visible_to)}
        onSave={(v) => save({ visible_to: String(v) as VisibleTo })}
      />
      <FieldRow label={t('leads.field.source')}>{lead.source_name}</FieldRow>
      <FieldRow label={t('leads.field.created')}>{formatDateTime(lead.add_time)}</FieldRow>
    </Card>
  );
}
