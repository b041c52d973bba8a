import { and, eq } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped } from '../scope.ts';
import { presentVariation, type VariationRow } from './present.ts';
import type { VariationBodyT } from './schema.ts';
import { getProductRow, pricesOf, pricesOrDefault, writePrices } from './service.ts';
import { productVariations } from './tables.ts';

export type PresentedVariation = ReturnType<typeof presentVariation>;

async function variationRow(ctx: Ctx, productId: number, id: number): Promise<VariationRow> {
  const [row] = await ctx.db
    .select()
    .from(productVariations)
    .where(
      and(
        scoped(ctx, productVariations),
        eq(productVariations.productId, productId),
        eq(productVariations.id, id),
      ),
    );
  if (!row) throw notFound('Product variation');
  return row;
}

async function presented(ctx: Ctx, row: VariationRow): Promise<PresentedVariation> {
  const prices = await pricesOf(ctx, [row.productId], [row.id]);
  return presentVariation(row, prices.get(row.id) ?? []);
}

/** A variation of a product the caller can see; `product_variation_id` names it in requests. */
export async function getVariation(ctx: Ctx, productId: number, id: number): Promise<PresentedVariation> {
  await getProductRow(ctx, productId);
  return presented(ctx, await variationRow(ctx, productId, id));
}

export async function listVariations(ctx: Ctx, productId: number, q: { cursor?: string; limit?: number }) {
  await getProductRow(ctx, productId);
  const limit = q.limit ?? 100;
  const k: Keyset = {
    column: productVariations.id,
    id: productVariations.id,
    direction: 'asc',
    kind: 'number',
  };
  const rows = await ctx.db
    .select()
    .from(productVariations)
    .where(
      and(
        scoped(ctx, productVariations),
        eq(productVariations.productId, productId),
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  const prices = await pricesOf(
    ctx,
    [productId],
    page.rows.map((r) => r.id),
  );
  return {
    rows: page.rows.map((r) => presentVariation(r, prices.get(r.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export async function addVariation(
  ctx: Ctx,
  productId: number,
  input: VariationBodyT & { name: string },
): Promise<PresentedVariation> {
  return inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    const [row] = await ctx.db
      .insert(productVariations)
      .values({ companyId: ctx.companyId, productId, name: input.name })
      .returning();
    if (!row) throw new AppError('internal', 'variation not created');
    await writePrices(ctx, productId, row.id, await pricesOrDefault(ctx, input.prices));
    const out = await presented(ctx, row);
    await recordEvent(ctx, {
      itemType: 'product_variation',
      itemId: row.id,
      action: 'create',
      changes: [
        { field_key: 'name', old_value: null, new_value: out.name },
        { field_key: 'prices', old_value: null, new_value: out.prices },
      ],
    });
    return out;
  });
}

export async function updateVariation(
  ctx: Ctx,
  productId: number,
  id: number,
  input: VariationBodyT,
): Promise<PresentedVariation> {
  return inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    const before = await presented(ctx, await variationRow(ctx, productId, id));
    if (input.name !== undefined) {
      await ctx.db
        .update(productVariations)
        .set({ name: input.name })
        .where(and(eq(productVariations.companyId, ctx.companyId), eq(productVariations.id, id)));
    }
    if (input.prices) await writePrices(ctx, productId, id, input.prices);
    const after = await presented(ctx, await variationRow(ctx, productId, id));
    const changes = (['name', 'prices'] as const)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ field_key: k, old_value: before[k], new_value: after[k] }));
    await recordEvent(ctx, { itemType: 'product_variation', itemId: id, action: 'change', changes });
    return after;
  });
}

/** Deletes a variation and its prices; lines on deals keep their own copy of its price. */
export async function deleteVariation(ctx: Ctx, productId: number, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    await variationRow(ctx, productId, id);
    await ctx.db
      .delete(productVariations)
      .where(and(eq(productVariations.companyId, ctx.companyId), eq(productVariations.id, id)));
    await recordEvent(ctx, { itemType: 'product_variation', itemId: id, action: 'delete' });
  });
}
