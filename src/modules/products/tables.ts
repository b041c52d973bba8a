import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';

/** How often a product (or a line on a deal) is billed (behaviour §3.9). */
export const BILLING_FREQUENCIES = [
  'one-time',
  'weekly',
  'monthly',
  'quarterly',
  'semi-annually',
  'annually',
] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

/** The product catalog (behaviour §3.9, API-2 §2.1). Product images and custom fields come later. */
export const products = pgTable(
  'products',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    code: text('code').notNull().default(''),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull().default(''),
    tax: numeric('tax').notNull().default('0'),
    category: text('category'),
    ownerId: ref('owner_id').notNull(),
    visibleTo: smallint('visible_to').notNull().default(3),
    isLinkable: boolean('is_linkable').notNull().default(true),
    billingFrequency: text('billing_frequency', { enum: BILLING_FREQUENCIES }).notNull().default('one-time'),
    billingFrequencyCycles: integer('billing_frequency_cycles'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('products_company_idx').on(t.companyId, t.id),
    index('products_name_idx').on(t.companyId, t.name),
    index('products_update_idx').on(t.companyId, t.updateTime),
    index('products_add_idx').on(t.companyId, t.addTime),
    index('products_owner_idx').on(t.companyId, t.ownerId),
  ],
);

/** Variations of a product (a size, a colour), each with its own prices. */
export const productVariations = pgTable(
  'product_variations',
  {
    id: id(),
    companyId: companyId(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    addTime: addTime(),
  },
  (t) => [index('product_variations_product_idx').on(t.companyId, t.productId, t.id)],
);

/**
 * Prices per currency, of a product (variation_id null) or of one of its variations: one per currency
 * each. Amounts are numeric (exact decimals).
 */
export const productPrices = pgTable(
  'product_prices',
  {
    id: id(),
    companyId: companyId(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variationId: bigint('variation_id', { mode: 'number' }).references(() => productVariations.id, {
      onDelete: 'cascade',
    }),
    currency: text('currency').notNull(),
    price: numeric('price').notNull().default('0'),
    cost: numeric('cost').notNull().default('0'),
    directCost: numeric('direct_cost'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    uniqueIndex('product_prices_currency_idx').on(
      t.companyId,
      t.productId,
      sql`coalesce(${t.variationId}, 0)`,
      t.currency,
    ),
  ],
);

/** Users who follow a product. */
export const productFollowers = pgTable(
  'product_followers',
  {
    id: id(),
    companyId: companyId(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    userId: ref('user_id').notNull(),
    addTime: tstz('add_time').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('product_followers_user_idx').on(t.companyId, t.productId, t.userId)],
);

/**
 * A product's image (API-2 §2.1: one per product, so the routes have no image id). The bytes are in
 * the files module's storage under a server-made key; the type is sniffed from them (PNG, JPEG, GIF
 * or WebP only). Replacing or deleting the image deletes the row; its bytes go after the commit.
 */
export const productImages = pgTable(
  'product_images',
  {
    id: id(),
    companyId: companyId(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** the name it was uploaded with (sanitised) */
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    addedBy: ref('added_by').notNull(),
    addTime: addTime(),
  },
  (t) => [uniqueIndex('product_images_product_idx').on(t.companyId, t.productId)],
);
