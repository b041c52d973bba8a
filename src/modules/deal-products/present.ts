import { num, rfc3339 } from '../../http/formats.ts';
import type { dealDiscounts, dealInstallments, dealProducts } from './tables.ts';

export type DealProductRow = typeof dealProducts.$inferSelect;
export type DiscountRow = typeof dealDiscounts.$inferSelect;
export type InstallmentRow = typeof dealInstallments.$inferSelect;

/** A product on a deal in v2's shape (API-1 §6.5, API-2 §3.1): every key, always. */
export function presentDealProduct(l: DealProductRow) {
  return {
    id: l.id,
    deal_id: l.dealId,
    product_id: l.productId,
    product_variation_id: l.productVariationId,
    name: l.name,
    order_nr: l.orderNr,
    item_price: num(l.itemPrice) ?? 0,
    quantity: num(l.quantity) ?? 0,
    sum: num(l.sum) ?? 0,
    currency: l.currency,
    discount: num(l.discount) ?? 0,
    discount_type: l.discountType,
    tax: num(l.tax) ?? 0,
    tax_method: l.taxMethod,
    is_enabled: l.isEnabled,
    comments: l.comments,
    add_time: rfc3339(l.addTime) as string,
    update_time: rfc3339(l.updateTime) as string,
    billing_frequency: l.billingFrequency,
    billing_frequency_cycles: l.billingFrequencyCycles,
    billing_start_date: l.billingStartDate,
  };
}

export type PresentedDealProduct = ReturnType<typeof presentDealProduct>;

/** The line fields its events track. */
export const DEAL_PRODUCT_TRACKED: readonly (keyof PresentedDealProduct)[] = [
  'product_id',
  'product_variation_id',
  'item_price',
  'quantity',
  'discount',
  'discount_type',
  'tax',
  'tax_method',
  'is_enabled',
  'comments',
  'sum',
  'billing_frequency',
  'billing_frequency_cycles',
  'billing_start_date',
];

export function presentDiscount(d: DiscountRow) {
  return {
    id: d.id,
    type: d.type,
    amount: num(d.amount) ?? 0,
    description: d.description,
    deal_id: d.dealId,
    created_at: d.createdAt.toISOString(),
    created_by: d.createdBy,
    updated_at: d.updatedAt.toISOString(),
    updated_by: d.updatedBy,
  };
}

export function presentInstallment(i: InstallmentRow) {
  return {
    id: i.id,
    amount: num(i.amount) ?? 0,
    billing_date: i.billingDate,
    description: i.description,
    deal_id: i.dealId,
  };
}
