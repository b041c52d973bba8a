import { num, rfc3339 } from '../../http/formats.ts';
import { type PresentV2Options, presentV2 } from '../fields/present-values.ts';
import type { FieldDef } from '../fields/types.ts';
import type { productPrices, products, productVariations } from './tables.ts';

export type ProductRow = typeof products.$inferSelect;
export type PriceRow = typeof productPrices.$inferSelect;
export type VariationRow = typeof productVariations.$inferSelect;

function presentPrice(p: PriceRow) {
  return {
    currency: p.currency,
    price: num(p.price) ?? 0,
    cost: num(p.cost) ?? 0,
    direct_cost: num(p.directCost),
    notes: p.notes,
  };
}

/** How a GET wants custom values: by the product fields (deleted fields and options left out), some keys. */
export interface ProductPresentOptions extends PresentV2Options {
  /** the product fields; without them the stored values are shown as they are (audit comparisons) */
  defs?: readonly FieldDef[] | undefined;
}

function customFieldsOf(values: Record<string, unknown>, opts: ProductPresentOptions) {
  if (opts.defs) return presentV2(opts.defs, values, opts);
  if (!opts.keys) return { ...values };
  const out: Record<string, unknown> = {};
  for (const k of opts.keys) if (Object.hasOwn(values, k)) out[k] = values[k];
  return out;
}

/** A product in v2's shape (API-2 §2.1): every key, always; prices in currency order. */
export function presentProduct(p: ProductRow, prices: readonly PriceRow[], opts: ProductPresentOptions = {}) {
  return {
    id: p.id,
    name: p.name,
    code: p.code,
    description: p.description,
    unit: p.unit,
    tax: num(p.tax) ?? 0,
    category: p.category,
    is_deleted: p.isDeleted,
    is_linkable: p.isLinkable,
    visible_to: p.visibleTo,
    owner_id: p.ownerId,
    add_time: rfc3339(p.addTime) as string,
    update_time: rfc3339(p.updateTime) as string,
    billing_frequency: p.billingFrequency,
    billing_frequency_cycles: p.billingFrequencyCycles,
    prices: prices.map((pr) => ({ product_id: p.id, ...presentPrice(pr) })),
    custom_fields: customFieldsOf(p.customFields, opts),
  };
}

export type PresentedProduct = ReturnType<typeof presentProduct>;

/** The product fields its changelog tracks, declared once, in the order events list them. */
export const PRODUCT_TRACKED: readonly (keyof PresentedProduct)[] = [
  'name',
  'code',
  'description',
  'unit',
  'tax',
  'category',
  'owner_id',
  'visible_to',
  'is_linkable',
  'billing_frequency',
  'billing_frequency_cycles',
  'prices',
  'is_deleted',
];

export function presentVariation(v: VariationRow, prices: readonly PriceRow[]) {
  return {
    id: v.id,
    name: v.name,
    product_id: v.productId,
    prices: prices.map((pr) => ({ product_variation_id: v.id, ...presentPrice(pr) })),
  };
}
