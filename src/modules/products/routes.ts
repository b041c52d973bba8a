import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import { duplicateProduct } from './duplicate.ts';
import {
  AddProductBody,
  AddVariationBody,
  CursorQuery,
  ListProductsQuery,
  Product,
  ProductSearchResult,
  ProductVariation,
  SearchProductsQuery,
  UpdateProductBody,
  UpdateVariationBody,
  variationParams,
} from './schema.ts';
import * as service from './service.ts';
import * as variations from './variations.ts';

/** v2 products (API-2 §2.1): catalog, search, duplicate, variations (followers: modules/followers). */
export async function productRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Products'];

  r.get(
    '/products',
    { schema: { tags, querystring: ListProductsQuery, response: { 200: cursorPage(Product), ...errors } } },
    async (req) => {
      const page = await service.listProducts(ctxOf(req), req.query);
      return cursorList(page.rows.map(service.present), page.nextCursor);
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
    { schema: { tags, params: idParam, response: { 200: single(Product), ...errors } } },
    async (req) => ok(service.present(await service.getProduct(ctxOf(req), req.params.id))),
  );
  r.post(
    '/products',
    { schema: { tags, body: AddProductBody, response: { 200: single(Product), ...errors } } },
    async (req) => ok(service.present(await service.addProduct(ctxOf(req), req.body))),
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
    async (req) => ok(service.present(await service.updateProduct(ctxOf(req), req.params.id, req.body))),
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
    async (req) => ok(service.present(await duplicateProduct(ctxOf(req), req.params.id))),
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
