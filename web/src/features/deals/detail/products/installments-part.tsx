import { ActionIcon, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type DealInstallment,
  useDealInstallments,
  useDeleteInstallment,
} from '../../../../api/deal-discounts.ts';
import type { DealProduct } from '../../../../api/deal-products.ts';
import { ErrorState } from '../../../../components/states.tsx';
import { formatDay, formatMoney } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { InstallmentDialog } from './installment-dialog.tsx';

/**
 * Installments may be added only while the deal has at least one enabled one-time line and no recurring
 * one (behaviour §3.9); the server holds the rule, this only decides whether to offer the button.
 */
export const installable = (lines: readonly DealProduct[]) =>
  lines.some((l) => l.is_enabled && l.billing_frequency === 'one-time') &&
  !lines.some((l) => l.billing_frequency !== 'one-time');

/** The deal's installments: the one-time value split into billing dates. */
export function InstallmentsPart({
  dealId,
  currency,
  lines,
  readOnly,
}: {
  dealId: number;
  currency: string;
  lines: readonly DealProduct[];
  readOnly: boolean;
}) {
  const t = useT();
  const installments = useDealInstallments(dealId);
  const remove = useDeleteInstallment(dealId);
  const [editing, setEditing] = useState<DealInstallment | 'new' | null>(null);
  const rows = installments.data ?? [];
  const allowed = installable(lines);
  const titleId = `deal-${dealId}-installments`;

  return (
    <Stack gap={4} component="section" aria-labelledby={titleId}>
      <Group justify="space-between">
        <Title order={3} size="h5" id={titleId}>
          {t('products.installments.title')}
        </Title>
        {!readOnly && allowed && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
          >
            {t('products.installments.add')}
          </Button>
        )}
      </Group>
      {installments.isError && <ErrorState error={installments.error} />}
      {installments.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t(allowed ? 'products.installments.none' : 'products.installments.notAllowed')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={2} aria-labelledby={titleId}>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={i.id} data-installment={i.description}>
                <Table.Td>{i.description}</Table.Td>
                <Table.Td>{formatDay(i.billing_date)}</Table.Td>
                <Table.Td ta="right">{formatMoney(i.amount, currency)}</Table.Td>
                <Table.Td w={72}>
                  {!readOnly && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('products.installments.edit', { name: i.description })}
                        onClick={() => setEditing(i)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('products.installments.remove', { name: i.description })}
                        loading={remove.isPending && remove.variables === i.id}
                        onClick={() =>
                          remove.mutate(i.id, {
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: t('products.installments.removeFailed'),
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
        <InstallmentDialog
          dealId={dealId}
          currency={currency}
          installment={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
