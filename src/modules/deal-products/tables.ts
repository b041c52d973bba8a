import { bigint, boolean, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, tstz, updateTime } from '../../db/columns.ts';
import { deals } from '../deals/tables.ts';
import { BILLING_FREQUENCIES } from '../products/tables.ts';

export const DISCOUNT_TYPES = ['percentage', 'amount'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];
export const TAX_METHODS = ['exclusive', 'inclusive', 'none'] as const;
export type TaxMethod = (typeof TAX_METHODS)[number];

/**
 * A product on a deal (behaviour §3.9). The line stays with its deal: a deal converted to a lead is
 * deleted with its lines (restorable with it), and a purged deal takes them along (on delete cascade).
 * Amounts are numeric; `sum` is derived (sums.ts).
 */
export const dealProducts = pgTable(
  'deal_products',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    productId: ref('product_id').notNull(),
    productVariationId: ref('product_variation_id'),
    name: text('name').notNull(),
    orderNr: integer('order_nr').notNull(),
    itemPrice: numeric('item_price').notNull(),
    quantity: numeric('quantity').notNull(),
    discount: numeric('discount').notNull().default('0'),
    discountType: text('discount_type', { enum: DISCOUNT_TYPES }).notNull().default('percentage'),
    tax: numeric('tax').notNull().default('0'),
    taxMethod: text('tax_method', { enum: TAX_METHODS }).notNull(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    comments: text('comments').notNull().default(''),
    currency: text('currency').notNull(),
    sum: numeric('sum').notNull(),
    billingFrequency: text('billing_frequency', { enum: BILLING_FREQUENCIES }).notNull().default('one-time'),
    billingFrequencyCycles: integer('billing_frequency_cycles'),
    billingStartDate: date('billing_start_date', { mode: 'string' }),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('deal_products_deal_idx').on(t.companyId, t.dealId, t.id),
    index('deal_products_product_idx').on(t.companyId, t.productId),
  ],
);

/** Deal-level ("additional") discounts; Pipedrive's ids are strings. */
export const dealDiscounts = pgTable(
  'deal_discounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amount: numeric('amount').notNull(),
    type: text('type', { enum: DISCOUNT_TYPES }).notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    createdBy: ref('created_by'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    updatedBy: ref('updated_by'),
  },
  (t) => [index('deal_discounts_deal_idx').on(t.companyId, t.dealId, t.createdAt)],
);

/** Installments: a one-time deal's amount billed on dates. */
export const dealInstallments = pgTable(
  'deal_installments',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amount: numeric('amount').notNull(),
    billingDate: date('billing_date', { mode: 'string' }).notNull(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('deal_installments_deal_idx').on(t.companyId, t.dealId, t.id)],
);
