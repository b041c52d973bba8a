import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList, ok } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import type { Ctx } from '../context.ts';
import { metricsOfDeals } from '../deal-products/revenue.ts';
import { defsForValues } from '../fields/present-values.ts';
import { customValueFilter } from '../fields/value-filter.ts';
import { listDeals, listDealsByOffset } from './list.ts';
import { type DealRow, type PresentOptions, presentDeal, presentDealV1 } from './present.ts';
import {
  AddDealBody,
  Deal,
  DealV1,
  GetDealQuery,
  ListArchivedDealsQuery,
  ListArchivedDealsV1Query,
  ListDealsByCustomFieldQuery,
  ListDealsQuery,
  UpdateDealBody,
} from './schema.ts';
import * as service from './service.ts';

/** How the request wants deals shown, with the deal fields when any of the deals has values. */
async function presentation(
  ctx: Ctx,
  rows: readonly DealRow[],
  q: { include_fields?: string[]; custom_fields?: string[]; include_option_labels?: boolean } = {},
): Promise<PresentOptions> {
  return {
    includeFields: q.include_fields,
    customFieldKeys: q.custom_fields,
    optionLabels: q.include_option_labels,
    defs: await defsForValues(ctx, 'deal', rows),
    revenue: await metricsOfDeals(ctx, rows),
  };
}

/** One deal in v2's shape. */
async function presentOne(ctx: Ctx, row: DealRow, q?: Parameters<typeof presentation>[2]) {
  return presentDeal(row, await presentation(ctx, [row], q));
}

const changeErrors = { ...errors, 403: ErrorResponse } as const;

/** v2 deals (spec §6.1–§6.3). Search, followers, products and conversion live elsewhere. */
export async function dealRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Deals'];

  r.get(
    '/deals',
    { schema: { tags, querystring: ListDealsQuery, response: { 200: cursorPage(Deal), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await listDeals(ctx, req.query, false);
      const opts = await presentation(ctx, page.rows, req.query);
      return cursorList(
        page.rows.map((d) => presentDeal(d, opts)),
        page.nextCursor,
      );
    },
  );
  r.get(
    '/deals/archived',
    {
      schema: { tags, querystring: ListArchivedDealsQuery, response: { 200: cursorPage(Deal), ...errors } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await listDeals(ctx, req.query, true);
      const opts = await presentation(ctx, page.rows, req.query);
      return cursorList(
        page.rows.map((d) => presentDeal(d, opts)),
        page.nextCursor,
      );
    },
  );
  r.get(
    '/deals/:id',
    {
      schema: {
        tags,
        params: idParam,
        querystring: GetDealQuery,
        response: { 200: single(Deal), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOne(ctx, await service.getDeal(ctx, req.params.id), req.query));
    },
  );
  r.post(
    '/deals',
    { schema: { tags, body: AddDealBody, response: { 200: single(Deal), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOne(ctx, await service.addDeal(ctx, req.body, 'API')));
    },
  );
  r.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateDealBody,
        response: { 200: single(Deal), ...changeErrors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOne(ctx, await service.updateDeal(ctx, req.params.id, req.body)));
    },
  );
  r.delete(
    '/deals/:id',
    {
      schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...changeErrors } },
    },
    async (req) => {
      await service.deleteDeal(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}

/**
 * v1 deals: only GET /deals/archived, which v1.DealsApi.getArchivedDeals still calls (deprecated by
 * Pipedrive; the rest of deals is v2). Offset paging and the v1 deal shape; registered under /api/v1
 * and /v1.
 */
export async function dealRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/deals/archived',
    {
      schema: {
        tags: ['Deals'],
        querystring: ListArchivedDealsV1Query,
        response: { 200: offsetPage(DealV1), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const q = req.query;
      const page = v1Page(q);
      const status = q.status === undefined || q.status === 'all_not_deleted' ? undefined : [q.status];
      const ownerId = q.owned_by_you === '1' ? ctx.user.id : q.user_id;
      const { rows, more } = await listDealsByOffset(
        ctx,
        {
          owner_id: ownerId,
          person_id: q.person_id,
          org_id: q.org_id,
          pipeline_id: q.pipeline_id,
          stage_id: q.stage_id,
          status,
          sort_by: q.sort?.sort_by,
          sort_direction: q.sort?.sort_direction,
        },
        true,
        page,
      );
      const defs = await defsForValues(ctx, 'deal', rows);
      const revenue = await metricsOfDeals(ctx, rows);
      return offsetList(
        rows.map((d) => presentDealV1(d, defs, revenue)),
        page.start,
        page.limit,
        more,
      );
    },
  );
}

/**
 * Pipewright's filter on one custom field value (Pipedrive's v2 GET /deals has none; the client has
 * no parameter for it): the v2 list and its shape, narrowed to deals whose field holds the value.
 */
export async function dealRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/deals/byCustomField',
    {
      schema: {
        tags: ['Deals'],
        summary: 'Deals whose custom field holds a value (an option id, a number, a text…)',
        querystring: ListDealsByCustomFieldQuery,
        response: { 200: cursorPage(Deal), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { custom_field_code, custom_field_value, ...q } = req.query;
      const contains = await customValueFilter(ctx, 'deal', { custom_field_code, custom_field_value });
      const page = await listDeals(ctx, { ...q, custom_contains: contains }, false);
      const opts = await presentation(ctx, page.rows, q);
      return cursorList(
        page.rows.map((d) => presentDeal(d, opts)),
        page.nextCursor,
      );
    },
  );
}
