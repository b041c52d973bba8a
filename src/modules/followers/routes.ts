import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList, ok } from '../../http/envelope.ts';
import { rfc3339, sqlTime } from '../../http/formats.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import {
  CursorQuery,
  Follower,
  FollowerBody,
  FollowerChange,
  FollowerV1,
  followerParams,
  V1PageQuery,
} from './schema.ts';
import type { Follow, FollowedKind } from './service.ts';
import * as service from './service.ts';

const changeErrors = { ...errors, 403: ErrorResponse, 409: ErrorResponse } as const;

const ROUTES: {
  kind: FollowedKind;
  path: string;
  tag: string;
  key: 'deal_id' | 'person_id' | 'org_id' | 'product_id';
}[] = [
  { kind: 'deal', path: '/deals', tag: 'Deals', key: 'deal_id' },
  { kind: 'person', path: '/persons', tag: 'Persons', key: 'person_id' },
  { kind: 'organization', path: '/organizations', tag: 'Organizations', key: 'org_id' },
  { kind: 'product', path: '/products', tag: 'Products', key: 'product_id' },
];

const presentV2 = (f: Follow) => ({ user_id: f.userId, add_time: rfc3339(f.addTime) as string });

/** v2 followers of deals, persons, organizations and products (API-2 §4.1): follower_id is the user's id. */
export async function followerRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { kind, path, tag } of ROUTES) {
    const tags = [tag];
    r.get(
      `${path}/:id/followers`,
      {
        schema: {
          tags,
          params: idParam,
          querystring: CursorQuery,
          response: { 200: cursorPage(Follower), ...errors },
        },
      },
      async (req) => {
        const page = await service.listFollowers(ctxOf(req), kind, req.params.id, req.query);
        return cursorList(page.rows.map(presentV2), page.nextCursor);
      },
    );
    r.post(
      `${path}/:id/followers`,
      {
        schema: {
          tags,
          params: idParam,
          body: FollowerBody,
          response: { 200: single(Follower), ...changeErrors },
        },
      },
      async (req) =>
        ok(presentV2(await service.addFollower(ctxOf(req), kind, req.params.id, req.body.user_id))),
    );
    r.delete(
      `${path}/:id/followers/:follower_id`,
      {
        schema: {
          tags,
          params: followerParams,
          response: { 200: single(z.object({ user_id: z.number().int() })), ...changeErrors },
        },
      },
      async (req) => {
        const f = await service.deleteFollower(ctxOf(req), kind, req.params.id, {
          userId: req.params.follower_id,
        });
        return ok({ user_id: f.userId });
      },
    );
    r.get(
      `${path}/:id/followers/changelog`,
      {
        schema: {
          tags,
          params: idParam,
          querystring: CursorQuery,
          response: { 200: cursorPage(FollowerChange), ...errors },
        },
      },
      async (req) => {
        const page = await service.followersChangelog(ctxOf(req), kind, req.params.id, req.query);
        return cursorList(page.rows, page.nextCursor);
      },
    );
  }
}

/** v1 followers of deals, persons, organizations and products (API-2 §4.1): follower_id is the relation's id. */
export async function followerRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { kind, path, tag, key } of ROUTES) {
    const tags = [tag];
    const Item = FollowerV1[kind] as z.ZodType<Record<string, number | string>>;
    const present = (f: Follow) => ({
      id: f.id,
      user_id: f.userId,
      [key]: f.itemId,
      add_time: sqlTime(f.addTime) as string,
    });
    r.get(
      `${path}/:id/followers`,
      {
        schema: {
          tags,
          params: idParam,
          querystring: V1PageQuery,
          response: { 200: offsetPage(Item), ...errors },
        },
      },
      async (req) => {
        const page = v1Page(req.query);
        const res = await service.listFollowers(ctxOf(req), kind, req.params.id, page);
        return offsetList(res.rows.map(present), page.start, page.limit, res.nextCursor !== null);
      },
    );
    r.post(
      `${path}/:id/followers`,
      {
        schema: {
          tags,
          params: idParam,
          body: FollowerBody,
          response: { 200: single(Item), ...changeErrors },
        },
      },
      async (req) =>
        ok(present(await service.addFollower(ctxOf(req), kind, req.params.id, req.body.user_id))),
    );
    r.delete(
      `${path}/:id/followers/:follower_id`,
      {
        schema: {
          tags,
          params: followerParams,
          response: { 200: deletedId(z.number().int()), ...changeErrors },
        },
      },
      async (req) => {
        const f = await service.deleteFollower(ctxOf(req), kind, req.params.id, {
          relationId: req.params.follower_id,
        });
        return ok({ id: f.id });
      },
    );
  }
}
