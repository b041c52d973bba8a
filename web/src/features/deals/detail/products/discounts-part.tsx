import { ActionIcon, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { type DealDiscount, useDealDiscounts, useDeleteDiscount } from '../../../../api/deal-discounts.ts';
import { ErrorState } from '../../../../components/states.tsx';
import { formatMoney, formatPercent } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { DiscountDialog } from './discount-dialog.tsx';

/**
 * The deal's own discounts, below its lines: each takes a percentage of the one-time total or an amount
 * off it, in the order they were added; the value above them is the server's (revenue summary).
 */
export function DiscountsPart({
  dealId,
  currency,
  readOnly,
}: {
  dealId: number;
  currency: string;
  readOnly: boolean;
}) {
  const t = useT();
  const discounts = useDealDiscounts(dealId);
  const remove = useDeleteDiscount(dealId);
  const [editing, setEditing] = useState<DealDiscount | 'new' | null>(null);
  const rows = discounts.data ?? [];
  const amountOf = (d: DealDiscount) =>
    d.type === 'percentage' ? formatPercent(d.amount, 2) : formatMoney(d.amount, currency);

  return (
    <Stack gap={4} component="section" aria-labelledby={`deal-${dealId}-discounts`}>
      <Group justify="space-between">
        <Title order={3} size="h5" id={`deal-${dealId}-discounts`}>
          {t('products.discounts.title')}
        </Title>
        {!readOnly && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
          >
            {t('products.discounts.add')}
          </Button>
        )}
      </Group>
      {discounts.isError && <ErrorState error={discounts.error} />}
      {discounts.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('products.discounts.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={2} aria-labelledby={`deal-${dealId}-discounts`}>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-discount={d.description}>
                <Table.Td>{d.description}</Table.Td>
                <Table.Td ta="right">−{amountOf(d)}</Table.Td>
                <Table.Td w={72}>
                  {!readOnly && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('products.discounts.edit', { name: d.description })}
                        onClick={() => setEditing(d)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('products.discounts.remove', { name: d.description })}
                        loading={remove.isPending && remove.variables === d.id}
                        onClick={() =>
                          remove.mutate(d.id, {
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: t('products.discounts.removeFailed'),
                                message: e.message,
                              }),
                          })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <DiscountDialog
          dealId={dealId}
          currency={currency}
          discount={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
