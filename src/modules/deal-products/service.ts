import { and, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { diffFields, recordEvents } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { type DealRow, getDeal } from '../deals/service.ts';
import { assertChangeable } from '../deals/status.ts';
import { deals } from '../deals/tables.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { assertBilling } from '../products/service.ts';
import { products, productVariations } from '../products/tables.ts';
import { scoped } from '../scope.ts';
import { assertLineRules, deriveDealValue, linesOf } from './derive.ts';
import {
  DEAL_PRODUCT_TRACKED,
  type DealProductRow,
  type PresentedDealProduct,
  presentDealProduct,
} from './present.ts';
import type {
  AddDealProductBodyT,
  ListDealProductsQueryT,
  ListManyDealProductsQueryT,
  UpdateDealProductBodyT,
} from './schema.ts';
import { isNegative, lineSum } from './sums.ts';
import { dealProducts, type TaxMethod } from './tables.ts';

/** Tax method of a deal with no lines yet when the request names none (no user setting is kept yet). */
const DEFAULT_TAX_METHOD: TaxMethod = 'none';
/** Lines a bulk delete without ids removes at most. */
const BULK_DELETE_MAX = 100;

/** The deal the lines belong to, locked, visible to the caller, live and not archived. */
export async function changeableDeal(ctx: TxCtx, dealId: number): Promise<DealRow> {
  const deal = await getDeal(ctx, dealId, { forUpdate: true });
  assertChangeable(deal, {});
  return deal;
}

/** The product a line points at: one the caller sees, live, that can be added to deals. */
async function lineProduct(ctx: Ctx, productId: number, variationId: number | null | undefined) {
  const found = await lineProducts(ctx, [{ product_id: productId, product_variation_id: variationId }]);
  return found.check(productId, variationId);
}

/**
 * The products (and variations) lines point at, read in two statements whatever the number of lines;
 * `check` then answers a line's product or throws what a read of that one line would: 404 naming
 * `product_id` (not seen, deleted) or `product_variation_id`, 400 for a product that cannot be linked.
 */
async function lineProducts(
  ctx: Ctx,
  lines: readonly { product_id: number; product_variation_id?: number | null | undefined }[],
) {
  const ids = [...new Set(lines.map((l) => l.product_id))];
  const variationIds = [
    ...new Set(lines.flatMap((l) => (l.product_variation_id == null ? [] : [l.product_variation_id]))),
  ];
  const rows = await ctx.db
    .select()
    .from(products)
    .where(and(scoped(ctx, products), inArray(products.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const variations =
    variationIds.length === 0
      ? []
      : await ctx.db
          .select({ id: productVariations.id, productId: productVariations.productId })
          .from(productVariations)
          .where(and(scoped(ctx, productVariations), inArray(productVariations.id, variationIds)));
  const variationOf = new Map(variations.map((v) => [v.id, v.productId]));
  return {
    check(productId: number, variationId: number | null | undefined) {
      const product = byId.get(productId);
      if (!product) throw new AppError('not_found', 'Product not found', 'product_id');
      if (!product.isLinkable)
        throw invalid('product_id', 'the product cannot be added to deals (is_linkable)');
      if (variationId != null && variationOf.get(variationId) !== productId)
        throw new AppError('not_found', 'Product variation not found', 'product_variation_id');
      return product;
    },
  };
}

/** Billing start dates go from 10 years back to 10 years ahead (API-2 §3.1). */
function assertStartDate(date: string | null | undefined): void {
  if (date == null) return;
  const now = new Date();
  const y = now.getUTCFullYear();
  const today = now.toISOString().slice(5, 10);
  const from = `${String(y - 10).padStart(4, '0')}-${today}`;
  const to = `${String(y + 10).padStart(4, '0')}-${today}`;
  if (date < from || date > to) {
    throw invalid('billing_start_date', 'must be between 10 years in the past and 10 years in the future');
  }
}

type LineValues = Pick<
  typeof dealProducts.$inferInsert,
  'itemPrice' | 'quantity' | 'discount' | 'discountType' | 'tax' | 'taxMethod'
>;

function sumOf(v: Required<LineValues>): string {
  const amounts = {
    itemPrice: v.itemPrice,
    quantity: v.quantity,
    discount: v.discount,
    discountType: v.discountType,
    tax: v.tax,
    taxMethod: v.taxMethod,
  };
  if (isNegative(amounts)) throw invalid('discount', 'must not be larger than the price times the quantity');
  return lineSum(amounts);
}

const str = (n: number) => String(n);

/**
 * One tax method per deal: a line that sets one sets it on every line of the deal (their sums follow).
 * Answers the lines it changed, for their events.
 */
async function spreadTaxMethod(ctx: TxCtx, dealId: number, method: TaxMethod, now: Date) {
  const changed: [DealProductRow, DealProductRow][] = [];
  for (const line of await linesOf(ctx, dealId)) {
    if (line.taxMethod === method) continue;
    const [after] = await ctx.db
      .update(dealProducts)
      .set({ taxMethod: method, sum: sumOf({ ...line, taxMethod: method }), updateTime: now })
      .where(and(eq(dealProducts.companyId, ctx.companyId), eq(dealProducts.id, line.id)))
      .returning();
    if (after) changed.push([line, after]);
  }
  return changed;
}

function changeEvents(pairs: [DealProductRow | null, DealProductRow][], action: 'create' | 'change') {
  const empty = Object.fromEntries(
    DEAL_PRODUCT_TRACKED.map((k) => [k, null]),
  ) as unknown as PresentedDealProduct;
  return pairs.map(([before, after]) => ({
    itemType: 'deal_product' as const,
    itemId: after.id,
    action,
    changes: [
      ...(action === 'create' ? [{ field_key: 'deal_id', old_value: null, new_value: after.dealId }] : []),
      ...diffFields(
        before ? presentDealProduct(before) : empty,
        presentDealProduct(after),
        DEAL_PRODUCT_TRACKED,
      ),
    ],
  }));
}

/** POST /deals/{id}/products and its bulk form: all lines or none, in the given order. */
export async function addLines(
  ctx: Ctx,
  dealId: number,
  inputs: readonly AddDealProductBodyT[],
): Promise<DealProductRow[]> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    const existing = await linesOf(ctx, dealId);
    const [top] = await ctx.db
      .select({ n: max(dealProducts.orderNr) })
      .from(dealProducts)
      .where(and(scoped(ctx, dealProducts), eq(dealProducts.dealId, dealId)));
    let order = top?.n ?? 0;
    // the last tax method named wins, as it would over several single requests
    const named = inputs.findLast((i) => i.tax_method !== undefined)?.tax_method;
    const method = named ?? existing[0]?.taxMethod ?? DEFAULT_TAX_METHOD;
    const now = new Date();
    const values: (typeof dealProducts.$inferInsert)[] = [];
    // every line's product in one read, checked line by line in order (the first bad line is the answer)
    const found = await lineProducts(ctx, inputs);
    for (const input of inputs) {
      const product = found.check(input.product_id, input.product_variation_id);
      const frequency = input.billing_frequency ?? 'one-time';
      const cycles = input.billing_frequency_cycles ?? null;
      assertBilling(frequency, cycles);
      assertStartDate(input.billing_start_date);
      const amounts = {
        itemPrice: str(input.item_price),
        quantity: str(input.quantity),
        discount: str(input.discount ?? 0),
        discountType: input.discount_type ?? 'percentage',
        tax: str(input.tax ?? 0),
        taxMethod: method,
      };
      values.push({
        companyId: ctx.companyId,
        dealId,
        productId: product.id,
        productVariationId: input.product_variation_id ?? null,
        name: product.name,
        orderNr: ++order,
        ...amounts,
        sum: sumOf(amounts),
        isEnabled: input.is_enabled ?? true,
        comments: input.comments ?? '',
        currency: deal.currency,
        billingFrequency: frequency,
        billingFrequencyCycles: cycles,
        billingStartDate: input.billing_start_date ?? null,
        addTime: now,
        updateTime: now,
      });
    }
    const rows = await ctx.db.insert(dealProducts).values(values).returning();
    const spread = named ? await spreadTaxMethod(ctx, dealId, named, now) : [];
    await assertLineRules(ctx, dealId, 'is_enabled');
    await recordEvents(ctx, [
      ...changeEvents(
        rows.map((r) => [null, r]),
        'create',
      ),
      ...changeEvents(spread, 'change'),
    ]);
    await deriveDealValue(ctx, deal);
    return rows.sort((a, b) => a.orderNr - b.orderNr);
  });
}

async function lineRow(ctx: Ctx, dealId: number, id: number): Promise<DealProductRow> {
  const [row] = await ctx.db
    .select()
    .from(dealProducts)
    .where(and(scoped(ctx, dealProducts), eq(dealProducts.dealId, dealId), eq(dealProducts.id, id)));
  if (!row) throw new AppError('not_found', 'Deal product not found', 'product_attachment_id');
  return row;
}

/** PATCH /deals/{id}/products/{product_attachment_id}: only the given fields change. */
export async function updateLine(
  ctx: Ctx,
  dealId: number,
  id: number,
  input: UpdateDealProductBodyT,
): Promise<DealProductRow> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    const before = await lineRow(ctx, dealId, id);
    const set: Partial<typeof dealProducts.$inferInsert> = {};
    const productId = input.product_id ?? before.productId;
    const variationId =
      input.product_variation_id !== undefined
        ? input.product_variation_id
        : input.product_id !== undefined && input.product_id !== before.productId
          ? null
          : before.productVariationId;
    if (productId !== before.productId || variationId !== before.productVariationId) {
      const product = await lineProduct(ctx, productId, variationId);
      set.productId = product.id;
      set.name = product.name;
      set.productVariationId = variationId;
    }
    const frequency = input.billing_frequency ?? before.billingFrequency;
    const cycles =
      input.billing_frequency_cycles !== undefined
        ? input.billing_frequency_cycles
        : frequency === 'one-time'
          ? null
          : before.billingFrequencyCycles;
    assertBilling(frequency, cycles);
    set.billingFrequency = frequency;
    set.billingFrequencyCycles = cycles;
    if (input.billing_start_date !== undefined) {
      assertStartDate(input.billing_start_date);
      set.billingStartDate = input.billing_start_date;
    }
    if (input.is_enabled !== undefined) set.isEnabled = input.is_enabled;
    if (input.comments !== undefined) set.comments = input.comments;
    const amounts = {
      itemPrice: input.item_price !== undefined ? str(input.item_price) : before.itemPrice,
      quantity: input.quantity !== undefined ? str(input.quantity) : before.quantity,
      discount: input.discount !== undefined ? str(input.discount) : before.discount,
      discountType: input.discount_type ?? before.discountType,
      tax: input.tax !== undefined ? str(input.tax) : before.tax,
      taxMethod: input.tax_method ?? before.taxMethod,
    };
    const now = new Date();
    const [after] = await ctx.db
      .update(dealProducts)
      .set({ ...set, ...amounts, sum: sumOf(amounts), updateTime: now })
      .where(and(eq(dealProducts.companyId, ctx.companyId), eq(dealProducts.id, id)))
      .returning();
    if (!after) throw notFound('Deal product');
    const spread = input.tax_method ? await spreadTaxMethod(ctx, dealId, input.tax_method, now) : [];
    await assertLineRules(ctx, dealId, 'is_enabled');
    await recordEvents(ctx, changeEvents([[before, after], ...spread], 'change'));
    await deriveDealValue(ctx, deal);
    return after;
  });
}

/**
 * DELETE one line, or many (`ids`; without ids, the first 100 of the deal). Answers the ids removed
 * and whether lines remain that a call without ids did not reach.
 */
export async function deleteLines(
  ctx: Ctx,
  dealId: number,
  ids: readonly number[] | undefined,
  field = 'ids',
): Promise<{ ids: number[]; more: boolean }> {
  return inTx(ctx, async (ctx) => {
    const deal = await changeableDeal(ctx, dealId);
    const lines = await linesOf(ctx, dealId);
    let chosen: number[];
    if (ids) {
      chosen = [...new Set(ids)];
      const known = new Set(lines.map((l) => l.id));
      const missing = chosen.find((id) => !known.has(id));
      if (missing !== undefined) {
        throw new AppError('not_found', `Deal product not found: ${missing}`, field);
      }
    } else {
      chosen = lines
        .map((l) => l.id)
        .sort((a, b) => a - b)
        .slice(0, BULK_DELETE_MAX);
    }
    if (chosen.length > 0) {
      await ctx.db
        .delete(dealProducts)
        .where(and(eq(dealProducts.companyId, ctx.companyId), inArray(dealProducts.id, chosen)));
      await assertLineRules(ctx, dealId, field);
      await recordEvents(
        ctx,
        chosen.map((id) => ({
          itemType: 'deal_product' as const,
          itemId: id,
          action: 'delete' as const,
          changes: [{ field_key: 'deal_id', old_value: dealId, new_value: null }],
        })),
      );
      await deriveDealValue(ctx, deal);
    }
    return { ids: chosen, more: !ids && lines.length > chosen.length };
  });
}

const sortColumns = {
  id: dealProducts.id,
  deal_id: dealProducts.dealId,
  add_time: dealProducts.addTime,
  update_time: dealProducts.updateTime,
  order_nr: dealProducts.orderNr,
} as const;

function keysOf(row: DealProductRow, sortBy: keyof typeof sortColumns) {
  const v = {
    id: row.id,
    deal_id: row.dealId,
    add_time: row.addTime,
    update_time: row.updateTime,
    order_nr: row.orderNr,
  }[sortBy];
  return { v, id: row.id };
}

async function pageLines(
  ctx: Ctx,
  where: SQL | undefined,
  q: {
    sort_by?: keyof typeof sortColumns | undefined;
    sort_direction?: 'asc' | 'desc' | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
) {
  const sortBy = q.sort_by ?? 'id';
  const limit = q.limit ?? 100;
  const k: Keyset = {
    column: sortColumns[sortBy],
    id: dealProducts.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'add_time' || sortBy === 'update_time' ? 'date' : 'number',
  };
  const rows = await ctx.db
    .select()
    .from(dealProducts)
    .where(and(scoped(ctx, dealProducts), where, keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => keysOf(r, sortBy));
}

/** GET /deals/{id}/products. */
export async function listLines(ctx: Ctx, dealId: number, q: ListDealProductsQueryT) {
  await getDeal(ctx, dealId);
  return pageLines(ctx, eq(dealProducts.dealId, dealId), q);
}

/** GET /deals/products?deal_ids=…: the lines of the deals the caller sees; others are skipped. */
export async function listManyDealsLines(ctx: Ctx, q: ListManyDealProductsQueryT) {
  const visible = sql`${dealProducts.dealId} IN (SELECT ${deals.id} FROM ${deals} WHERE ${scoped(ctx, deals)}
    AND ${deals.id} = ANY(${sql.param([...new Set(q.deal_ids)])}::bigint[]))`;
  return pageLines(ctx, visible, q);
}

/**
 * Pipewright's own (PUT /api/ext/deals/{id}/products/order): the deal's lines in this order, every
 * line named once. Only the lines that move are written, each with its event; the value is unchanged.
 */
export async function reorderLines(ctx: Ctx, dealId: number, ids: readonly number[]) {
  return inTx(ctx, async (ctx) => {
    await changeableDeal(ctx, dealId);
    const lines = await linesOf(ctx, dealId);
    const known = new Map(lines.map((l) => [l.id, l]));
    const missing = ids.find((id) => !known.has(id));
    if (missing !== undefined) throw new AppError('not_found', `Deal product not found: ${missing}`, 'ids');
    if (new Set(ids).size !== ids.length || ids.length !== lines.length) {
      throw invalid('ids', 'must name every product of the deal once');
    }
    const now = new Date();
    const moved: [DealProductRow, DealProductRow][] = [];
    for (const [i, id] of ids.entries()) {
      const before = known.get(id) as DealProductRow;
      if (before.orderNr === i + 1) continue;
      const [after] = await ctx.db
        .update(dealProducts)
        .set({ orderNr: i + 1, updateTime: now })
        .where(and(eq(dealProducts.companyId, ctx.companyId), eq(dealProducts.id, id)))
        .returning();
      if (after) moved.push([before, after]);
    }
    await recordEvents(
      ctx,
      moved.map(([before, after]) => ({
        itemType: 'deal_product' as const,
        itemId: after.id,
        action: 'change' as const,
        changes: [{ field_key: 'order_nr', old_value: before.orderNr, new_value: after.orderNr }],
      })),
    );
    return linesOf(ctx, dealId);
  });
}
