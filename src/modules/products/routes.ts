import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList, ok } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { cursorPage, deletedId, errors, offsetPage, single } from '../../http/responses.ts';
import { duplicateProduct } from './duplicate.ts';
import * as followers from './followers.ts';
import {
  AddProductBody,
  AddVariationBody,
  CursorQuery,
  Follower,
  FollowerBody,
  FollowerChange,
  followerParams,
  ListProductsQuery,
  Product,
  ProductFollowerV1,
  ProductSearchResult,
  ProductVariation,
  SearchProductsQuery,
  UpdateProductBody,
  UpdateVariationBody,
  V1PageQuery,
  variationParams,
} from './schema.ts';
import * as service from './service.ts';
import * as variations from './variations.ts';

const conflict = { ...errors, 409: errors[400] } as const;

/** v2 products (API-2 §2.1): catalog, search, duplicate, variations, followers. Images come later. */
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

  r.get(
    '/products/:id/followers',
    {
      schema: {
        tags,
        params: idParam,
        querystring: CursorQuery,
        response: { 200: cursorPage(Follower), ...errors },
      },
    },
    async (req) => {
      const page = await followers.listFollowers(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows.map(followers.presentFollower), page.nextCursor);
    },
  );
  r.post(
    '/products/:id/followers',
    {
      schema: { tags, params: idParam, body: FollowerBody, response: { 200: single(Follower), ...conflict } },
    },
    async (req) =>
      ok(followers.presentFollower(await followers.addFollower(ctxOf(req), req.params.id, req.body.user_id))),
  );
  r.delete(
    '/products/:id/followers/:follower_id',
    {
      schema: {
        tags,
        params: followerParams,
        response: { 200: single(z.object({ user_id: z.number().int() })), ...errors },
      },
    },
    async (req) => {
      const row = await followers.deleteFollower(ctxOf(req), req.params.id, {
        userId: req.params.follower_id,
      });
      return ok({ user_id: row.userId });
    },
  );
  r.get(
    '/products/:id/followers/changelog',
    {
      schema: {
        tags,
        params: idParam,
        querystring: CursorQuery,
        response: { 200: cursorPage(FollowerChange), ...errors },
      },
    },
    async (req) => {
      const page = await followers.followersChangelog(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows, page.nextCursor);
    },
  );
}

/** v1 product leftovers the client still calls (API-2 §2.2): followers by relation id. */
export async function productRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Products'];
  r.get(
    '/products/:id/followers',
    {
      schema: {
        tags,
        params: idParam,
        querystring: V1PageQuery,
        response: { 200: offsetPage(ProductFollowerV1), ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const res = await followers.listFollowers(ctxOf(req), req.params.id, page);
      return offsetList(
        res.rows.map(followers.presentFollowerV1),
        page.start,
        page.limit,
        res.nextCursor !== null,
      );
    },
  );
  r.post(
    '/products/:id/followers',
    {
      schema: {
        tags,
        params: idParam,
        body: FollowerBody,
        response: { 200: single(ProductFollowerV1), ...conflict },
      },
    },
    async (req) =>
      ok(
        followers.presentFollowerV1(await followers.addFollower(ctxOf(req), req.params.id, req.body.user_id)),
      ),
  );
  r.delete(
    '/products/:id/followers/:follower_id',
    {
      schema: {
        tags,
        params: followerParams,
        response: { 200: deletedId(z.number().int()), ...errors },
      },
    },
    async (req) => {
      const row = await followers.deleteFollower(ctxOf(req), req.params.id, {
        relationId: req.params.follower_id,
      });
      return ok({ id: row.id });
    },
  );
}
