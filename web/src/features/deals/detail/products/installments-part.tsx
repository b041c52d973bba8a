import { Table } from '@mantine/core';
import { useDealInstallments, useDeleteInstallment } from '../../../../api/deal-discounts.ts';
import type { DealProduct } from '../../../../api/deal-products.ts';
import { formatDay, formatMoney } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { DealItemsPart } from './deal-items-part.tsx';
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
  const allowed = installable(lines);
  return (
    <DealItemsPart
      dealId={dealId}
      area="products.installments"
      kind="installment"
      readOnly={readOnly}
      items={installments}
      remove={remove}
      canAdd={allowed}
      empty={t(allowed ? 'products.installments.none' : 'products.installments.notAllowed')}
      cells={(i) => (
        <>
          <Table.Td>{formatDay(i.billing_date)}</Table.Td>
          <Table.Td ta="right">{formatMoney(i.amount, currency)}</Table.Td>
        </>
      )}
      dialog={(installment, close) => (
        <InstallmentDialog dealId={dealId} currency={currency} installment={installment} onClose={close} />
      )}
    />
  );
}
