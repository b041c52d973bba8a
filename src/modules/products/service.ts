import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { diffFields, recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { defsForValues } from '../fields/present-values.ts';
import { customFieldChanges, nameCustomChanges } from '../fields/value-changes.ts';
import { writeCustomValues } from '../fields/values.ts';
import { scoped } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import { assertUsersExist } from '../users/service.ts';
import { DEFAULT_VISIBLE_TO } from '../users/visibility.ts';
import {
  PRODUCT_TRACKED,
  type PresentedProduct,
  type PriceRow,
  type ProductPresentOptions,
  type ProductRow,
  presentProduct,
} from './present.ts';
import type {
  AddProductBodyT,
  ListProductsQueryT,
  PriceInputT,
  SearchProductsQueryT,
  UpdateProductBodyT,
} from './schema.ts';
import { type BillingFrequency, productPrices, products } from './tables.ts';

/** A product with its own prices (not its variations'), in currency order. */
export interface ProductWithPrices {
  row: ProductRow;
  prices: PriceRow[];
}

export const present = (p: ProductWithPrices, opts?: ProductPresentOptions) =>
  presentProduct(p.row, p.prices, opts);

/** How a GET shows products: by the product fields when any of them has a custom value. */
export async function presentOptions(
  ctx: Ctx,
  list: readonly ProductWithPrices[],
  q: { custom_fields?: string[] | undefined; include_option_labels?: boolean | undefined } = {},
): Promise<ProductPresentOptions> {
  return {
    keys: q.custom_fields,
    optionLabels: q.include_option_labels,
    defs: await defsForValues(
      ctx,
      'product',
      list.map((p) => p.row),
    ),
  };
}

/**
 * The billing rule of products and deal lines (behaviour §3.9): cycles are null for one-time, required
 * for weekly, otherwise null means indefinitely. `field` names what the request got wrong.
 */
export function assertBilling(frequency: BillingFrequency, cycles: number | null): void {
  if (frequency === 'one-time' && cycles !== null) {
    throw invalid('billing_frequency_cycles', 'must be null when billing_frequency is one-time');
  }
  if (frequency === 'weekly' && cycles === null) {
    throw invalid('billing_frequency_cycles', 'is required when billing_frequency is weekly');
  }
}

/** The prices of these products (variation_id null), or of one variation. */
export async function pricesOf(
  ctx: Ctx,
  productIds: number[],
  variationIds?: number[],
): Promise<Map<number, PriceRow[]>> {
  const out = new Map<number, PriceRow[]>();
  if (productIds.length === 0) return out;
  const rows = await ctx.db
    .select()
    .from(productPrices)
    .where(
      and(
        scoped(ctx, productPrices),
        inArray(productPrices.productId, productIds),
        variationIds
          ? inArray(productPrices.variationId, variationIds.length ? variationIds : [0])
          : isNull(productPrices.variationId),
      ),
    )
    .orderBy(asc(productPrices.currency));
  for (const r of rows) {
    const key = variationIds ? (r.variationId as number) : r.productId;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/** A product of the caller's company that the caller may see and that is not deleted. */
export async function getProductRow(ctx: Ctx, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = ctx.db
    .select()
    .from(products)
    .where(and(scoped(ctx, products), eq(products.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Product');
  return row;
}

export async function getProduct(ctx: Ctx, id: number): Promise<ProductWithPrices> {
  const row = await getProductRow(ctx, id);
  return { row, prices: (await pricesOf(ctx, [id])).get(id) ?? [] };
}

/** Replaces the prices of a product (variationId null) or of a variation: PATCH sends the whole array. */
export async function writePrices(
  ctx: TxCtx,
  productId: number,
  variationId: number | null,
  prices: readonly PriceInputT[],
): Promise<void> {
  await ctx.db
    .delete(productPrices)
    .where(
      and(
        eq(productPrices.companyId, ctx.companyId),
        eq(productPrices.productId, productId),
        variationId === null ? isNull(productPrices.variationId) : eq(productPrices.variationId, variationId),
      ),
    );
  if (prices.length === 0) return;
  await ctx.db.insert(productPrices).values(
    prices.map((p) => ({
      companyId: ctx.companyId,
      productId,
      variationId,
      currency: p.currency,
      price: String(p.price ?? 0),
      cost: String(p.cost ?? 0),
      directCost: p.direct_cost == null ? null : String(p.direct_cost),
      notes: p.notes ?? '',
    })),
  );
}

/** Prices a request gave, or one price of 0 in the company's currency (API-2 §2.1). */
export async function pricesOrDefault(ctx: Ctx, prices: PriceInputT[] | undefined): Promise<PriceInputT[]> {
  if (prices) return prices;
  return [{ currency: (await getCompany(ctx)).defaultCurrency, price: 0, cost: 0, direct_cost: null }];
}

const categoryOf = (c: number | string | null | undefined) => (c == null ? null : String(c));

/**
 * The product's audit event: its tracked fields, then one change per custom field (named, so that
 * history stays readable after the field is deleted).
 */
async function event(
  ctx: TxCtx,
  id: number,
  action: 'create' | 'change' | 'delete',
  before: PresentedProduct | null,
  after: PresentedProduct,
) {
  const base = before ?? (Object.fromEntries(PRODUCT_TRACKED.map((k) => [k, null])) as never);
  const changes = await nameCustomChanges(ctx, 'product', [
    ...diffFields(base, after, PRODUCT_TRACKED),
    ...customFieldChanges(before?.custom_fields ?? {}, after.custom_fields),
  ]);
  await recordEvent(ctx, { itemType: 'product', itemId: id, action, changes });
}

export async function addProduct(ctx: Ctx, input: AddProductBodyT): Promise<ProductWithPrices> {
  return inTx(ctx, async (ctx) => {
    const ownerId = input.owner_id ?? ctx.user.id;
    await assertUsersExist(ctx, [ownerId], 'owner_id');
    const frequency = input.billing_frequency ?? 'one-time';
    const cycles = input.billing_frequency_cycles ?? null;
    assertBilling(frequency, cycles);
    const now = new Date();
    const [row] = await ctx.db
      .insert(products)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        code: input.code ?? '',
        description: input.description ?? '',
        unit: input.unit ?? '',
        tax: String(input.tax ?? 0),
        category: categoryOf(input.category),
        ownerId,
        visibleTo: input.visible_to ?? DEFAULT_VISIBLE_TO,
        isLinkable: input.is_linkable ?? true,
        billingFrequency: frequency,
        billingFrequencyCycles: cycles,
        customFields: (await writeCustomValues(ctx, 'product', {}, input.custom_fields, 'v2')) ?? {},
        addTime: now,
        updateTime: now,
      })
      .returning();
    if (!row) throw new AppError('internal', 'product not created');
    await writePrices(ctx, row.id, null, await pricesOrDefault(ctx, input.prices));
    const made = await getProduct(ctx, row.id);
    await event(ctx, row.id, 'create', null, present(made));
    return made;
  });
}

/** PATCH: only the given fields change; `prices` replaces the whole array. */
export async function updateProduct(
  ctx: Ctx,
  id: number,
  input: UpdateProductBodyT,
): Promise<ProductWithPrices> {
  return inTx(ctx, async (ctx) => {
    const before = await getProductRow(ctx, id, { forUpdate: true });
    const presentedBefore = present({ row: before, prices: (await pricesOf(ctx, [id])).get(id) ?? [] });
    const set: Partial<typeof products.$inferInsert> = { updateTime: new Date() };
    if (input.owner_id !== undefined && input.owner_id !== before.ownerId) {
      await assertUsersExist(ctx, [input.owner_id], 'owner_id');
      set.ownerId = input.owner_id;
    }
    if (input.name !== undefined) set.name = input.name;
    if (input.code !== undefined) set.code = input.code;
    if (input.description !== undefined) set.description = input.description;
    if (input.unit !== undefined) set.unit = input.unit;
    if (input.tax !== undefined) set.tax = String(input.tax);
    if (input.category !== undefined) set.category = categoryOf(input.category);
    if (input.visible_to !== undefined) set.visibleTo = input.visible_to;
    if (input.is_linkable !== undefined) set.isLinkable = input.is_linkable;
    const frequency = input.billing_frequency ?? before.billingFrequency;
    // Changing to one-time clears the cycles unless the request sets them.
    const cycles =
      input.billing_frequency_cycles !== undefined
        ? input.billing_frequency_cycles
        : frequency === 'one-time'
          ? null
          : before.billingFrequencyCycles;
    assertBilling(frequency, cycles);
    set.billingFrequency = frequency;
    set.billingFrequencyCycles = cycles;
    const values = await writeCustomValues(ctx, 'product', before.customFields, input.custom_fields, 'v2');
    if (values) set.customFields = values;
    await ctx.db
      .update(products)
      .set(set)
      .where(and(eq(products.companyId, ctx.companyId), eq(products.id, id)));
    if (input.prices) await writePrices(ctx, id, null, input.prices);
    const after = await getProduct(ctx, id);
    await event(ctx, id, 'change', presentedBefore, present(after));
    return after;
  });
}

/** Soft delete: lines already on deals keep their copy of the product's name and price. */
export async function deleteProduct(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const before = await getProduct(ctx, id);
    const now = new Date();
    const [row] = await ctx.db
      .update(products)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(eq(products.companyId, ctx.companyId), eq(products.id, id)))
      .returning();
    if (!row) throw notFound('Product');
    await event(ctx, id, 'delete', present(before), present({ row, prices: before.prices }));
  });
}

const sortColumns = {
  id: products.id,
  name: products.name,
  add_time: products.addTime,
  update_time: products.updateTime,
} as const;

/** GET /products: the caller's visible, live products, keyset-paged. */
export async function listProducts(ctx: Ctx, q: ListProductsQueryT) {
  const sortBy = q.sort_by ?? 'id';
  const limit = q.limit ?? 100;
  const k: Keyset = {
    column: sortColumns[sortBy],
    id: products.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'id' ? 'number' : sortBy === 'name' ? 'text' : 'date',
  };
  const rows = await ctx.db
    .select()
    .from(products)
    .where(
      and(
        scoped(ctx, products),
        q.ids ? inArray(products.id, [...new Set(q.ids)]) : undefined,
        q.owner_id !== undefined ? eq(products.ownerId, q.owner_id) : undefined,
        q.updated_since ? gte(products.updateTime, q.updated_since) : undefined,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({
    v: sortBy === 'id' ? r.id : sortBy === 'name' ? r.name : sortBy === 'add_time' ? r.addTime : r.updateTime,
    id: r.id,
  }));
  const prices = await pricesOf(
    ctx,
    page.rows.map((r) => r.id),
  );
  return {
    rows: page.rows.map((row) => ({ row, prices: prices.get(row.id) ?? [] })),
    nextCursor: page.nextCursor,
  };
}

/**
 * GET /products/search: name and code, case-insensitive; a term of at least 2 characters (1 with
 * exact_match). Exact matches score 1, the others 0.5; paged by id.
 */
export async function searchProducts(ctx: Ctx, q: SearchProductsQueryT) {
  const term = q.term.trim();
  if (term.length < 2 && !q.exact_match) {
    throw invalid('term', 'must be at least 2 characters long (1 with exact_match)');
  }
  const fields = q.fields ?? ['code', 'custom_fields', 'name'];
  const limit = Math.min(q.limit ?? 100, 100);
  const lowered = term.toLowerCase();
  const like = `%${lowered.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = (col: typeof products.name | typeof products.code) =>
    q.exact_match ? sql`lower(${col}) = ${lowered}` : sql`lower(${col}) LIKE ${like}`;
  const conditions = [
    fields.includes('name') ? match(products.name) : undefined,
    fields.includes('code') ? match(products.code) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return { items: [], nextCursor: null };
  const k: Keyset = { column: products.id, id: products.id, direction: 'asc', kind: 'number' };
  const rows = await ctx.db
    .select()
    .from(products)
    .where(and(scoped(ctx, products), sql`(${sql.join(conditions, sql` OR `)})`, keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  const withPrice = q.include_fields?.includes('product.price');
  const prices = withPrice
    ? await pricesOf(
        ctx,
        page.rows.map((r) => r.id),
      )
    : new Map<number, PriceRow[]>();
  const items = page.rows.map((r) => ({
    result_score: r.name.toLowerCase() === lowered || r.code.toLowerCase() === lowered ? 1 : 0.5,
    item: {
      id: r.id,
      type: 'product' as const,
      name: r.name,
      code: r.code,
      visible_to: r.visibleTo,
      owner: { id: r.ownerId },
      custom_fields: [] as string[],
      ...(withPrice ? { price: Number(prices.get(r.id)?.[0]?.price ?? 0) } : {}),
    },
  }));
  return { items, nextCursor: page.nextCursor };
}
