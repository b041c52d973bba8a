import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, single } from '../../http/responses.ts';
import type { Ctx } from '../context.ts';
import { contentDisposition } from '../files/names.ts';
import { servedType } from '../files/sniff.ts';
import { receiveUpload } from '../files/upload.ts';
import { duplicateProduct } from './duplicate.ts';
import * as images from './images.ts';
import {
  AddProductBody,
  AddVariationBody,
  CursorQuery,
  GetProductQuery,
  type GetProductQueryT,
  ListProductsQuery,
  Product,
  ProductImage,
  ProductImageDetail,
  ProductSearchResult,
  ProductVariation,
  SearchProductsQuery,
  UpdateProductBody,
  UpdateVariationBody,
  variationParams,
} from './schema.ts';
import * as service from './service.ts';
import * as variations from './variations.ts';

/** One product as an answer shows it: custom values by the product fields. */
async function out(ctx: Ctx, p: service.ProductWithPrices, q?: GetProductQueryT) {
  return ok(service.present(p, await service.presentOptions(ctx, [p], q)));
}

/** v2 products (API-2 §2.1): catalog, search, duplicate, variations (followers: modules/followers). */
export async function productRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Products'];

  r.get(
    '/products',
    { schema: { tags, querystring: ListProductsQuery, response: { 200: cursorPage(Product), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await service.listProducts(ctx, req.query);
      const opts = await service.presentOptions(ctx, page.rows, req.query);
      return cursorList(
        page.rows.map((p) => service.present(p, opts)),
        page.nextCursor,
      );
    },
  );
  // static segments before /products/:id (API-2 §0)
  r.get(
    '/products/search',
    {
      schema: {
        tags,
        querystring: SearchProductsQuery,
        response: {
          200: single(ProductSearchResult).extend({
            additional_data: z.object({ next_cursor: z.string().nullable() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const { items, nextCursor } = await service.searchProducts(ctxOf(req), req.query);
      return { success: true as const, data: { items }, additional_data: { next_cursor: nextCursor } };
    },
  );
  r.get(
    '/products/:id',
    {
      schema: {
        tags,
        params: idParam,
        querystring: GetProductQuery,
        response: { 200: single(Product), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return out(ctx, await service.getProduct(ctx, req.params.id), req.query);
    },
  );
  r.post(
    '/products',
    { schema: { tags, body: AddProductBody, response: { 200: single(Product), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return out(ctx, await service.addProduct(ctx, req.body));
    },
  );
  r.patch(
    '/products/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateProductBody,
        response: { 200: single(Product), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return out(ctx, await service.updateProduct(ctx, req.params.id, req.body));
    },
  );
  r.delete(
    '/products/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await service.deleteProduct(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
  r.post(
    '/products/:id/duplicate',
    { schema: { tags, params: idParam, response: { 200: single(Product), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return out(ctx, await duplicateProduct(ctx, req.params.id));
    },
  );

  r.get(
    '/products/:id/variations',
    {
      schema: {
        tags,
        params: idParam,
        querystring: CursorQuery,
        response: { 200: cursorPage(ProductVariation), ...errors },
      },
    },
    async (req) => {
      const page = await variations.listVariations(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows, page.nextCursor);
    },
  );
  r.post(
    '/products/:id/variations',
    {
      schema: {
        tags,
        params: idParam,
        body: AddVariationBody,
        response: { 200: single(ProductVariation), ...errors },
      },
    },
    async (req) => ok(await variations.addVariation(ctxOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/products/:id/variations/:product_variation_id',
    {
      schema: {
        tags,
        params: variationParams,
        body: UpdateVariationBody,
        response: { 200: single(ProductVariation), ...errors },
      },
    },
    async (req) =>
      ok(
        await variations.updateVariation(
          ctxOf(req),
          req.params.id,
          req.params.product_variation_id,
          req.body,
        ),
      ),
  );
  r.delete(
    '/products/:id/variations/:product_variation_id',
    { schema: { tags, params: variationParams, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await variations.deleteVariation(ctxOf(req), req.params.id, req.params.product_variation_id);
      return ok({ id: req.params.product_variation_id });
    },
  );
}

const uploadErrors = { ...errors, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse } as const;
/** An image goes out as itself only for the raster types kept; never run, never framed by others. */
const IMAGE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** Where the bytes of a product's image are served (with the caller's session or token). */
const imageUrl = (req: FastifyRequest, id: number) =>
  `${req.protocol}://${req.host}/api/ext/products/${id}/image`;

/** v2 product images (API-2 §2.1): one per product, multipart field `data`; PUT replaces. */
export async function productImageRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Products'];
  const multipart = {
    tags,
    consumes: ['multipart/form-data'],
    params: idParam,
    response: { 200: single(ProductImage), 201: single(ProductImage), ...uploadErrors },
  };

  r.get(
    '/products/:id/images',
    { schema: { tags, params: idParam, response: { 200: single(ProductImageDetail), ...errors } } },
    async (req) => {
      const row = await images.getProductImage(ctxOf(req), req.params.id);
      return ok(images.presentImageDetail(row, imageUrl(req, req.params.id)));
    },
  );
  r.post(
    '/products/:id/images',
    { schema: { ...multipart, summary: 'Upload an image for a product (multipart/form-data: data)' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const cfg = req.server.files;
      // a product that is not the caller's is refused before a byte is read
      await service.getProductRow(ctx, req.params.id);
      const row = await receiveUpload(req, cfg, { part: 'data', accept: images.acceptImage }, (u) =>
        images.setProductImage(ctx, cfg.storage, req.params.id, u, 'add'),
      );
      reply.code(201);
      return ok(images.presentImage(row));
    },
  );
  r.put(
    '/products/:id/images',
    { schema: { ...multipart, summary: "Replace a product's image (multipart/form-data: data)" } },
    async (req) => {
      const ctx = ctxOf(req);
      const cfg = req.server.files;
      // a product that is not the caller's is refused before a byte is read
      await service.getProductRow(ctx, req.params.id);
      const row = await receiveUpload(req, cfg, { part: 'data', accept: images.acceptImage }, (u) =>
        images.setProductImage(ctx, cfg.storage, req.params.id, u, 'replace'),
      );
      return ok(images.presentImage(row));
    },
  );
  r.delete(
    '/products/:id/images',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) =>
      ok({ id: await images.deleteProductImage(ctxOf(req), req.server.files.storage, req.params.id) }),
  );
}

/** The bytes of a product's image: GET /api/ext/products/{id}/image (the image's `public_url`). */
export async function productImageRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/products/:id/image',
    {
      schema: {
        tags: ['Products'],
        summary: "A product image's bytes (PNG, JPEG, GIF or WebP)",
        params: idParam,
        produces: [...images.IMAGE_TYPES],
        response: { 200: z.any().describe("the image's bytes"), ...errors },
      },
    },
    async (req, reply) => {
      const row = await images.getProductImage(ctxOf(req), req.params.id);
      const bytes = await req.server.files.storage.get(row.storageKey);
      return reply
        .header('content-type', servedType(row.mime))
        .header('content-length', row.fileSize)
        .header('content-disposition', contentDisposition(row.name, 'inline'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('content-security-policy', IMAGE_CSP)
        .send(bytes);
    },
  );
}
