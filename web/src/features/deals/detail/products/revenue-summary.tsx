import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDealRevenue } from '../../../../api/deal-products.ts';
import { formatMoney } from '../../../../i18n/format.ts';
import type { MessageId } from '../../../../i18n/messages/en.ts';
import { useT } from '../../../../i18n/provider.tsx';

const METRICS: { key: 'value' | 'mrr' | 'arr' | 'acv' | 'tcv'; label: MessageId; hint: MessageId }[] = [
  { key: 'value', label: 'products.revenue.value', hint: 'products.revenue.valueHint' },
  { key: 'mrr', label: 'products.revenue.mrr', hint: 'products.revenue.mrrHint' },
  { key: 'arr', label: 'products.revenue.arr', hint: 'products.revenue.arrHint' },
  { key: 'acv', label: 'products.revenue.acv', hint: 'products.revenue.acvHint' },
  { key: 'tcv', label: 'products.revenue.tcv', hint: 'products.revenue.tcvHint' },
];

/** The deal's value and revenue metrics from the server (a dash where the deal has none). */
export function RevenueSummary({ dealId }: { dealId: number }) {
  const t = useT();
  const revenue = useDealRevenue(dealId);
  const r = revenue.data;
  if (!r || r.products_count === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, sm: 5 }} spacing="xs" aria-label={t('products.revenue.title')}>
      {METRICS.map((m) => (
        <Stack key={m.key} gap={0} title={t(m.hint)} data-metric={m.key}>
          <Text size="xs" c="dimmed">
            {t(m.label)}
          </Text>
          <Group gap={4}>
            <Text fw={600} size="sm">
              {r[m.key] === null ? '–' : formatMoney(r[m.key], r.currency)}
            </Text>
          </Group>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
