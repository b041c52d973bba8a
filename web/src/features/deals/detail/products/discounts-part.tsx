import { Table } from '@mantine/core';
import { type DealDiscount, useDealDiscounts, useDeleteDiscount } from '../../../../api/deal-discounts.ts';
import { formatMoney, formatPercent } from '../../../../i18n/format.ts';
import { DealItemsPart } from './deal-items-part.tsx';
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
  const discounts = useDealDiscounts(dealId);
  const remove = useDeleteDiscount(dealId);
  const amountOf = (d: DealDiscount) =>
    d.type === 'percentage' ? formatPercent(d.amount, 2) : formatMoney(d.amount, currency);
  return (
    <DealItemsPart
      dealId={dealId}
      area="products.discounts"
      kind="discount"
      readOnly={readOnly}
      items={discounts}
      remove={remove}
      cells={(d) => <Table.Td ta="right">−{amountOf(d)}</Table.Td>}
      dialog={(discount, close) => (
        <DiscountDialog dealId={dealId} currency={currency} discount={discount} onClose={close} />
      )}
    />
  );
}
