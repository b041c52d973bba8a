import { z } from 'zod';
import { amount, currencyCode, entityId, name255, text, visibleTo } from '../../http/fields.ts';
import { qBool, qCsv, qCsvIds, qDateTime, qId, sortDirection, v2Paging } from '../../http/query.ts';
import { customFieldValues } from '../contacts/schema.ts';
import { BILLING_FREQUENCIES } from './tables.ts';

// ---------------------------------------------------------------- responses

const Price = z.object({
  product_id: z.number().int(),
  currency: z.string(),
  price: z.number(),
  cost: z.number(),
  direct_cost: z.number().nullable(),
  notes: z.string(),
});

export const Product = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string(),
    description: z.string(),
    unit: z.string(),
    tax: z.number(),
    category: z.string().nullable(),
    is_deleted: z.boolean(),
    is_linkable: z.boolean(),
    visible_to: z.number().int(),
    owner_id: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
    billing_frequency: z.enum(BILLING_FREQUENCIES),
    billing_frequency_cycles: z.number().int().nullable(),
    prices: z.array(Price),
    custom_fields: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Product' });

/** An uploaded image (upload and update answer this; `company_id` is a string in Pipedrive's type). */
export const ProductImage = z
  .object({
    id: z.number().int(),
    product_id: z.number().int(),
    company_id: z.string(),
    add_time: z.string(),
  })
  .meta({ id: 'ProductImage' });

/** GET /products/{id}/images: the image with where its bytes are served, its type and name. */
export const ProductImageDetail = ProductImage.extend({
  public_url: z.string(),
  mime_type: z.string(),
  name: z.string(),
}).meta({ id: 'ProductImageDetail' });

export const ProductVariation = z
  .object({
    id: z.number().int(),
    name: z.string(),
    product_id: z.number().int(),
    prices: z.array(
      z.object({
        product_variation_id: z.number().int(),
        currency: z.string(),
        price: z.number(),
        cost: z.number(),
        direct_cost: z.number().nullable(),
        notes: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProductVariation' });

export const ProductSearchResult = z.object({
  items: z.array(
    z.object({
      result_score: z.number(),
      item: z.object({
        id: z.number().int(),
        type: z.literal('product'),
        name: z.string(),
        code: z.string(),
        visible_to: z.number().int(),
        owner: z.object({ id: z.number().int() }),
        custom_fields: z.array(z.string()),
        price: z.number().nullable().optional(),
      }),
    }),
  ),
});

// ---------------------------------------------------------------- bodies

/** A positive whole number of billing cycles, at most 208 (behaviour §3.9). */
export const billingCycles = z
  .number()
  .int('expected an integer')
  .min(1, 'expected a positive integer')
  .max(208, 'at most 208 cycles');

export const billingFrequency = z.enum(BILLING_FREQUENCIES, {
  error: 'expected one-time, weekly, monthly, quarterly, semi-annually or annually',
});

/** Money that is never negative (prices, costs). */
const money = amount.min(0, 'must not be negative');

const PriceInput = z.object({
  currency: currencyCode,
  price: money.optional(),
  cost: money.optional(),
  direct_cost: money.nullable().optional(),
  notes: text(65_535).optional(),
});
export type PriceInputT = z.infer<typeof PriceInput>;

/** One price per currency. */
const prices = z
  .array(PriceInput)
  .max(100, 'at most 100 prices')
  .refine((ps) => new Set(ps.map((p) => p.currency)).size === ps.length, 'only one price per currency');

/** Pipedrive types `category` as a number in requests and answers a string: both are accepted. */
const category = z.union([z.number().int().min(0).max(2_147_483_647), text(255)]).nullable();

const productFields = {
  code: text(255).optional(),
  description: text(65_535).optional(),
  unit: text(255).optional(),
  tax: z.number().finite().min(0).max(100).optional(),
  category: category.optional(),
  owner_id: entityId.optional(),
  is_linkable: z.boolean().optional(),
  visible_to: visibleTo.optional(),
  prices: prices.optional(),
  billing_frequency: billingFrequency.optional(),
  billing_frequency_cycles: billingCycles.nullable().optional(),
  custom_fields: customFieldValues.optional(),
};

export const AddProductBody = z.object({ name: name255, ...productFields });
export const UpdateProductBody = z.object({ name: name255.optional(), ...productFields });
export type AddProductBodyT = z.infer<typeof AddProductBody>;
export type UpdateProductBodyT = z.infer<typeof UpdateProductBody>;

export const AddVariationBody = z.object({ name: name255, prices: prices.optional() });
export const UpdateVariationBody = z.object({ name: name255.optional(), prices: prices.optional() });
export type VariationBodyT = z.infer<typeof UpdateVariationBody>;

// ---------------------------------------------------------------- queries

/** `custom_fields` (only these keys, ≤ 15) and `include_option_labels`, as on persons (spec §6.1). */
const customFieldsQuery = {
  custom_fields: qCsv.pipe(z.array(z.string()).max(15, 'at most 15 custom field keys')).optional(),
  include_option_labels: qBool.optional(),
};

export const GetProductQuery = z.object(customFieldsQuery);
export type GetProductQueryT = z.infer<typeof GetProductQuery>;

export const ListProductsQuery = z.object({
  owner_id: qId.optional(),
  ids: qCsvIds.optional(),
  filter_id: qId.optional(),
  sort_by: z.enum(['id', 'name', 'add_time', 'update_time']).optional(),
  sort_direction: sortDirection,
  updated_since: qDateTime.optional(),
  ...customFieldsQuery,
  ...v2Paging,
});
export type ListProductsQueryT = z.infer<typeof ListProductsQuery>;

export const SearchProductsQuery = z.object({
  term: z.string().trim().min(1, 'term is required').max(255, 'at most 255 characters'),
  fields: qCsv
    .pipe(
      z.array(z.enum(['code', 'custom_fields', 'name'], { error: 'expected code, custom_fields or name' })),
    )
    .optional(),
  exact_match: qBool.optional(),
  include_fields: qCsv
    .pipe(z.array(z.enum(['product.price'], { error: 'expected product.price' })))
    .optional(),
  ...v2Paging,
});
export type SearchProductsQueryT = z.infer<typeof SearchProductsQuery>;

export const CursorQuery = z.object({ ...v2Paging });

export const variationParams = z.object({ id: qId, product_variation_id: qId });
