import { z } from 'zod';
import { amount, entityId, name255, text, ymd } from '../../http/fields.ts';
import { qCsvIds, qId, sortDirection, v2Paging } from '../../http/query.ts';
import { billingCycles, billingFrequency } from '../products/schema.ts';
import { BILLING_FREQUENCIES } from '../products/tables.ts';
import { DISCOUNT_TYPES, TAX_METHODS } from './tables.ts';

// ---------------------------------------------------------------- responses

export const DealProduct = z
  .object({
    id: z.number().int(),
    deal_id: z.number().int(),
    product_id: z.number().int(),
    product_variation_id: z.number().int().nullable(),
    name: z.string(),
    order_nr: z.number().int().nullable(),
    item_price: z.number(),
    quantity: z.number(),
    sum: z.number(),
    currency: z.string(),
    discount: z.number(),
    discount_type: z.enum(DISCOUNT_TYPES),
    tax: z.number(),
    tax_method: z.enum(TAX_METHODS),
    is_enabled: z.boolean(),
    comments: z.string(),
    add_time: z.string(),
    update_time: z.string(),
    billing_frequency: z.enum(BILLING_FREQUENCIES),
    billing_frequency_cycles: z.number().int().nullable(),
    billing_start_date: z.string().nullable(),
  })
  .meta({ id: 'DealProduct' });

export const Discount = z
  .object({
    id: z.string(),
    type: z.enum(DISCOUNT_TYPES),
    amount: z.number(),
    description: z.string(),
    deal_id: z.number().int(),
    created_at: z.string(),
    created_by: z.number().int().nullable(),
    updated_at: z.string(),
    updated_by: z.number().int().nullable(),
  })
  .meta({ id: 'DealDiscount' });

export const Installment = z
  .object({
    id: z.number().int(),
    amount: z.number(),
    billing_date: z.string(),
    description: z.string(),
    deal_id: z.number().int(),
  })
  .meta({ id: 'DealInstallment' });

/** A deal's revenue, computed from its lines (Pipewright's own: GET /api/ext/deals/{id}/revenue). */
export const DealRevenue = z
  .object({
    deal_id: z.number().int(),
    currency: z.string(),
    products_count: z.number().int(),
    value: z.number(),
    mrr: z.number().nullable(),
    arr: z.number().nullable(),
    acv: z.number().nullable(),
    tcv: z.number().nullable(),
  })
  .meta({ id: 'DealRevenue' });

// ---------------------------------------------------------------- bodies

/** A quantity: not negative. */
const quantity = z.number().finite().min(0, 'must not be negative').max(1e12);
const percent = z.number().finite().min(0, 'must not be negative').max(100, 'at most 100');
const discountValue = z.number().finite().min(0, 'must not be negative').max(1e15);

/** Billing start: from 10 years back to 10 years ahead (checked against today in the service). */
const startDate = ymd.nullable();

const lineFields = {
  tax: percent.optional(),
  comments: text(65_535).optional(),
  discount: discountValue.optional(),
  discount_type: z.enum(DISCOUNT_TYPES, { error: 'expected percentage or amount' }).optional(),
  is_enabled: z.boolean().optional(),
  tax_method: z.enum(TAX_METHODS, { error: 'expected exclusive, inclusive or none' }).optional(),
  product_variation_id: entityId.nullable().optional(),
  billing_frequency: billingFrequency.optional(),
  billing_frequency_cycles: billingCycles.nullable().optional(),
  billing_start_date: startDate.optional(),
};

export const AddDealProductBody = z.object({
  product_id: entityId,
  item_price: amount,
  quantity,
  ...lineFields,
});
export const UpdateDealProductBody = z.object({
  product_id: entityId.optional(),
  item_price: amount.optional(),
  quantity: quantity.optional(),
  ...lineFields,
});
export const AddManyDealProductsBody = z.object({
  data: z.array(AddDealProductBody).min(1, 'at least one product').max(100, 'at most 100 products'),
});
export type AddDealProductBodyT = z.infer<typeof AddDealProductBody>;
export type UpdateDealProductBodyT = z.infer<typeof UpdateDealProductBody>;

const discountFields = {
  description: name255,
  amount: z.number().finite().positive('must be greater than 0').max(1e15),
  type: z.enum(DISCOUNT_TYPES, { error: 'expected percentage or amount' }),
};
export const AddDiscountBody = z.object(discountFields);
export const UpdateDiscountBody = z.object(discountFields).partial();
export type UpdateDiscountBodyT = z.infer<typeof UpdateDiscountBody>;

const installmentFields = {
  description: name255,
  amount: z.number().finite().positive('must be greater than 0').max(1e15),
  billing_date: ymd,
};
export const AddInstallmentBody = z.object(installmentFields);
export const UpdateInstallmentBody = z.object(installmentFields).partial();
export type UpdateInstallmentBodyT = z.infer<typeof UpdateInstallmentBody>;

// ---------------------------------------------------------------- queries

/** Deal ids as CSV (getDealsProducts) or repeated keys (getInstallments): both on both (API-2 §0). */
const qDealIds = z
  .union([z.string(), z.array(z.string()).max(100, 'at most 100 ids')])
  .transform((v) => (Array.isArray(v) ? v.join(',') : v))
  .pipe(qCsvIds);

export const ListDealProductsQuery = z.object({
  sort_by: z.enum(['id', 'add_time', 'update_time', 'order_nr']).optional(),
  sort_direction: sortDirection,
  ...v2Paging,
});
export type ListDealProductsQueryT = z.infer<typeof ListDealProductsQuery>;

export const ListManyDealProductsQuery = z.object({
  deal_ids: qDealIds,
  sort_by: z.enum(['id', 'deal_id', 'add_time', 'update_time', 'order_nr']).optional(),
  sort_direction: sortDirection,
  ...v2Paging,
});
export type ListManyDealProductsQueryT = z.infer<typeof ListManyDealProductsQuery>;

/** Pipewright's own: every line id of the deal, in the new order. */
export const ReorderDealProductsBody = z.object({
  ids: z.array(entityId).min(1, 'at least one id').max(1000, 'at most 1000 ids'),
});

export const DeleteManyQuery = z.object({ ids: qCsvIds.optional() });

export const ListInstallmentsQuery = z.object({
  deal_ids: qDealIds,
  sort_by: z.enum(['id', 'billing_date', 'deal_id']).optional(),
  sort_direction: sortDirection,
  ...v2Paging,
});
export type ListInstallmentsQueryT = z.infer<typeof ListInstallmentsQuery>;

export const lineParams = z.object({ id: qId, product_attachment_id: qId });
export const discountParams = z.object({ id: qId, discount_id: z.uuid('expected a discount id') });
export const installmentParams = z.object({ id: qId, installment_id: qId });
