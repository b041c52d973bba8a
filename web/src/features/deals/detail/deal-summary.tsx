import { Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDealProducts } from '../../../api/deal-products.ts';
import type { Deal } from '../../../api/deals.ts';
import { type DealPatch, useUpdateDeal } from '../../../api/deals.ts';
import type { Stage } from '../../../api/stages.ts';
import { FieldRow, InlineField } from '../../../components/inline-field/index.ts';
import { formatPercent } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { money } from '../format.ts';

/** Summary: value, expected close date, owner, probability and visibility, each edited in place. */
export function DealSummary({
  deal,
  stage,
  readOnly,
}: {
  deal: Deal;
  stage: Stage | undefined;
  readOnly: boolean;
}) {
  const t = useT();
  const update = useUpdateDeal(deal.id);
  const save = async (patch: DealPatch) => {
    await update.mutateAsync(patch);
    notifications.show({ color: 'teal', message: t('deals.summary.saved') });
  };
  const stageProbability = stage?.deal_probability;
  // While the deal has product lines its value follows them (the server refuses another): shown, not edited.
  const derived = (useDealProducts(deal.id).data?.length ?? 0) > 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-summary-title">
      <Title order={3} size="h5" id="deal-summary-title" mb="xs">
        {t('deals.summary.title')}
      </Title>
      <InlineField
        type="monetary"
        label={t('deals.field.value')}
        readOnly={readOnly || derived}
        value={{ amount: deal.value, currency: deal.currency }}
        options={{ min: 0 }}
        display={
          derived ? (
            <span data-derived-value>
              {money(deal.value, deal.currency)}{' '}
              <Text span size="xs" c="dimmed">
                {t('deals.summary.valueFromProducts')}
              </Text>
            </span>
          ) : (
            money(deal.value, deal.currency)
          )
        }
        onSave={(v) => save(v ? { value: v.amount, currency: v.currency } : { value: 0 })}
      />
      <InlineField
        type="date"
        label={t('deals.field.expectedCloseDate')}
        readOnly={readOnly}
        value={deal.expected_close_date}
        onSave={(expected_close_date) => save({ expected_close_date })}
      />
      <InlineField
        type="user"
        label={t('deals.field.owner')}
        readOnly={readOnly}
        value={deal.owner_id}
        onSave={(owner_id) => save({ owner_id })}
      />
      <InlineField
        type="double"
        label={t('deals.field.probability')}
        readOnly={readOnly}
        value={deal.probability}
        options={{ min: 0, max: 100, suffix: '%' }}
        // blank: the stage's probability applies
        display={
          deal.probability === null && stageProbability !== undefined
            ? t('deals.summary.ofStage', { probability: formatPercent(stageProbability) })
            : deal.probability === null
              ? undefined
              : formatPercent(deal.probability)
        }
        onSave={(probability) => save({ probability })}
      />
      <InlineField
        type="visibility"
        label={t('deals.field.visibility')}
        readOnly={readOnly}
        value={deal.visible_to}
        onSave={(visible_to) => save({ visible_to })}
      />
      {deal.status === 'lost' && (
        <FieldRow label={t('deals.field.lostReason')}>{deal.lost_reason ?? t('field.empty')}</FieldRow>
      )}
    </Paper>
  );
}
