import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { getProduct, getProductRow, type ProductWithPrices } from './service.ts';
import { productPrices, products, productVariations } from './tables.ts';

/**
 * POST /products/{id}/duplicate: a new product with the same fields, prices, variations (with theirs)
 * and custom fields, with the same owner and visibility.
 */
export async function duplicateProduct(ctx: Ctx, id: number): Promise<ProductWithPrices> {
  return inTx(ctx, async (ctx) => {
    const src = await getProductRow(ctx, id);
    const now = new Date();
    const { id: _id, addTime: _a, updateTime: _u, deleteTime: _d, isDeleted: _del, ...fields } = src;
    const [copy] = await ctx.db
      .insert(products)
      .values({ ...fields, addTime: now, updateTime: now })
      .returning();
    if (!copy) throw new AppError('internal', 'product not duplicated');
    const variations = await ctx.db
      .select()
      .from(productVariations)
      .where(and(scoped(ctx, productVariations), eq(productVariations.productId, id)))
      .orderBy(productVariations.id);
    const variationIds = new Map<number, number>();
    for (const v of variations) {
      const [made] = await ctx.db
        .insert(productVariations)
        .values({ companyId: ctx.companyId, productId: copy.id, name: v.name })
        .returning({ id: productVariations.id });
      if (made) variationIds.set(v.id, made.id);
    }
    const prices = await ctx.db
      .select()
      .from(productPrices)
      .where(and(scoped(ctx, productPrices), eq(productPrices.productId, id)));
    if (prices.length > 0) {
      await ctx.db.insert(productPrices).values(
        prices.map(({ id: _pid, ...p }) => ({
          ...p,
          productId: copy.id,
          variationId: p.variationId === null ? null : (variationIds.get(p.variationId) ?? null),
        })),
      );
    }
    const made = await getProduct(ctx, copy.id);
    await recordEvent(ctx, {
      itemType: 'product',
      itemId: copy.id,
      action: 'create',
      changes: [{ field_key: 'duplicated_from', old_value: null, new_value: id }],
    });
    return made;
  });
}
