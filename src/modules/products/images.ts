import { and, eq } from 'drizzle-orm';
import { rfc3339 } from '../../http/formats.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { sanitizeName } from '../files/names.ts';
import type { FileStorage } from '../files/storage.ts';
import type { Received } from '../files/upload.ts';
import { scoped } from '../scope.ts';
import { getProductRow } from './service.ts';
import { productImages } from './tables.ts';

/**
 * Product images (API-2 §2.1): one per product. The bytes go through the files module's storage
 * (`receiveUpload`: streamed, size-limited, type sniffed from the bytes); only raster images that
 * browsers show are kept — an SVG can carry script, so it is refused like any other type.
 */

export type ProductImageRow = typeof productImages.$inferSelect;

/** The types a product image may have (sniffed, never as the request says). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** `receiveUpload`'s check, before a byte is stored. */
export function acceptImage(mime: string): void {
  if (!(IMAGE_TYPES as readonly string[]).includes(mime)) {
    throw new AppError(
      'unsupported_media_type',
      `data: expected a PNG, JPEG, GIF or WebP image, got ${mime}`,
      'data',
    );
  }
}

/** The image of a product the caller sees; 404 when the product is not theirs or has none. */
export async function getProductImage(ctx: Ctx, productId: number): Promise<ProductImageRow> {
  await getProductRow(ctx, productId);
  const [row] = await ctx.db
    .select()
    .from(productImages)
    .where(and(scoped(ctx, productImages), eq(productImages.productId, productId)));
  if (!row) throw notFound('Product image');
  return row;
}

/**
 * Sets a product's image from an upload: `add` (POST) refuses when the product has one (409: replace
 * it with PUT), `replace` (PUT) sets it either way. The bytes of a replaced image are deleted after the
 * commit, so a failed write never loses the image it kept.
 */
export async function setProductImage(
  ctx: Ctx,
  storage: FileStorage,
  productId: number,
  upload: Received,
  mode: 'add' | 'replace',
): Promise<ProductImageRow> {
  const { row, oldKey } = await inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    const [old] = await ctx.db
      .delete(productImages)
      .where(and(eq(productImages.companyId, ctx.companyId), eq(productImages.productId, productId)))
      .returning();
    if (old && mode === 'add') {
      throw new AppError('conflict', 'data: the product has an image already; replace it with PUT', 'data');
    }
    const [row] = await ctx.db
      .insert(productImages)
      .values({
        companyId: ctx.companyId,
        productId,
        name: sanitizeName(upload.fileName ?? 'image'),
        mime: upload.mime,
        fileSize: upload.stored.size,
        storageKey: upload.stored.key,
        sha256: upload.stored.sha256,
        addedBy: ctx.user.id,
      })
      .returning();
    if (!row) throw new AppError('internal', 'product image not stored');
    await recordEvent(ctx, {
      itemType: 'product_image',
      itemId: productId,
      action: old ? 'change' : 'create',
      changes: [{ field_key: 'image', old_value: old?.name ?? null, new_value: row.name }],
    });
    return { row, oldKey: old?.storageKey };
  });
  if (oldKey) await storage.delete(oldKey).catch(() => {});
  return row;
}

/** Deletes a product's image (its bytes after the commit); answers the image's id. */
export async function deleteProductImage(ctx: Ctx, storage: FileStorage, productId: number): Promise<number> {
  const old = await inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    const [old] = await ctx.db
      .delete(productImages)
      .where(and(eq(productImages.companyId, ctx.companyId), eq(productImages.productId, productId)))
      .returning();
    if (!old) throw notFound('Product image');
    await recordEvent(ctx, {
      itemType: 'product_image',
      itemId: productId,
      action: 'delete',
      changes: [{ field_key: 'image', old_value: old.name, new_value: null }],
    });
    return old;
  });
  await storage.delete(old.storageKey).catch(() => {});
  return old.id;
}

/** The image as upload and update answer it (`company_id` a string, as Pipedrive's type says). */
export function presentImage(row: ProductImageRow) {
  return {
    id: row.id,
    product_id: row.productId,
    company_id: String(row.companyId),
    add_time: rfc3339(row.addTime) as string,
  };
}

/** The image as GET answers it: where its bytes are, their type and name. */
export function presentImageDetail(row: ProductImageRow, publicUrl: string) {
  return { ...presentImage(row), public_url: publicUrl, mime_type: row.mime, name: row.name };
}
