import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, single } from '../../http/responses.ts';
import * as discounts from './discounts.ts';
import * as installments from './installments.ts';
import { presentDealProduct, presentDiscount, presentInstallment } from './present.ts';
import { dealRevenue } from './revenue.ts';
import {
  AddDealProductBody,
  AddDiscountBody,
  AddInstallmentBody,
  AddManyDealProductsBody,
  DealProduct,
  DealRevenue,
  DeleteManyQuery,
  Discount,
  discountParams,
  Installment,
  installmentParams,
  ListDealProductsQuery,
  ListInstallmentsQuery,
  ListManyDealProductsQuery,
  lineParams,
  ReorderDealProductsBody,
  UpdateDealProductBody,
  UpdateDiscountBody,
  UpdateInstallmentBody,
} from './schema.ts';
import * as lines from './service.ts';

const changeErrors = { ...errors, 403: ErrorResponse } as const;

/** v2 deal products, deal discounts and installments (API-1 §6.5, API-2 §3). */
export async function dealProductRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Deal products'];

  r.get(
    '/deals/products',
    {
      schema: {
        tags,
        querystring: ListManyDealProductsQuery,
        response: { 200: cursorPage(DealProduct), ...errors },
      },
    },
    async (req) => {
      const page = await lines.listManyDealsLines(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentDealProduct), page.nextCursor);
    },
  );
  r.get(
    '/deals/:id/products',
    {
      schema: {
        tags,
        params: idParam,
        querystring: ListDealProductsQuery,
        response: { 200: cursorPage(DealProduct), ...errors },
      },
    },
    async (req) => {
      const page = await lines.listLines(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows.map(presentDealProduct), page.nextCursor);
    },
  );
  r.post(
    '/deals/:id/products',
    {
      schema: {
        tags,
        params: idParam,
        body: AddDealProductBody,
        response: { 200: single(DealProduct), ...changeErrors },
      },
    },
    async (req) => {
      const [row] = await lines.addLines(ctxOf(req), req.params.id, [req.body]);
      return ok(presentDealProduct(row as NonNullable<typeof row>));
    },
  );
  r.post(
    '/deals/:id/products/bulk',
    {
      schema: {
        tags,
        params: idParam,
        body: AddManyDealProductsBody,
        response: { 200: single(z.array(DealProduct)), ...changeErrors },
      },
    },
    async (req) =>
      ok((await lines.addLines(ctxOf(req), req.params.id, req.body.data)).map(presentDealProduct)),
  );
  r.patch(
    '/deals/:id/products/:product_attachment_id',
    {
      schema: {
        tags,
        params: lineParams,
        body: UpdateDealProductBody,
        response: { 200: single(DealProduct), ...changeErrors },
      },
    },
    async (req) =>
      ok(
        presentDealProduct(
          await lines.updateLine(ctxOf(req), req.params.id, req.params.product_attachment_id, req.body),
        ),
      ),
  );
  r.delete(
    '/deals/:id/products/:product_attachment_id',
    { schema: { tags, params: lineParams, response: { 200: deletedId(z.number().int()), ...changeErrors } } },
    async (req) => {
      const { product_attachment_id: id } = req.params;
      await lines.deleteLines(ctxOf(req), req.params.id, [id], 'product_attachment_id');
      return ok({ id });
    },
  );
  r.delete(
    '/deals/:id/products',
    {
      schema: {
        tags,
        params: idParam,
        querystring: DeleteManyQuery,
        response: {
          200: single(z.object({ ids: z.array(z.number().int()) })).extend({
            additional_data: z.object({ more_items_in_collection: z.boolean() }).nullable(),
          }),
          ...changeErrors,
        },
      },
    },
    async (req) => {
      const res = await lines.deleteLines(ctxOf(req), req.params.id, req.query.ids);
      return {
        success: true as const,
        data: { ids: res.ids },
        additional_data: req.query.ids ? null : { more_items_in_collection: res.more },
      };
    },
  );

  const dTags = ['Deal discounts'];
  r.get(
    '/deals/:id/discounts',
    { schema: { tags: dTags, params: idParam, response: { 200: single(z.array(Discount)), ...errors } } },
    async (req) => ok((await discounts.listDiscounts(ctxOf(req), req.params.id)).map(presentDiscount)),
  );
  r.post(
    '/deals/:id/discounts',
    {
      schema: {
        tags: dTags,
        params: idParam,
        body: AddDiscountBody,
        response: { 200: single(Discount), ...changeErrors },
      },
    },
    async (req) => ok(presentDiscount(await discounts.addDiscount(ctxOf(req), req.params.id, req.body))),
  );
  r.patch(
    '/deals/:id/discounts/:discount_id',
    {
      schema: {
        tags: dTags,
        params: discountParams,
        body: UpdateDiscountBody,
        response: { 200: single(Discount), ...changeErrors },
      },
    },
    async (req) =>
      ok(
        presentDiscount(
          await discounts.updateDiscount(ctxOf(req), req.params.id, req.params.discount_id, req.body),
        ),
      ),
  );
  r.delete(
    '/deals/:id/discounts/:discount_id',
    {
      schema: {
        tags: dTags,
        params: discountParams,
        response: { 200: deletedId(z.string()), ...changeErrors },
      },
    },
    async (req) => {
      await discounts.deleteDiscount(ctxOf(req), req.params.id, req.params.discount_id);
      return ok({ id: req.params.discount_id });
    },
  );

  const iTags = ['Deal installments'];
  r.get(
    '/deals/installments',
    {
      schema: {
        tags: iTags,
        querystring: ListInstallmentsQuery,
        response: { 200: cursorPage(Installment), ...errors },
      },
    },
    async (req) => {
      const page = await installments.listInstallments(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentInstallment), page.nextCursor);
    },
  );
  r.post(
    '/deals/:id/installments',
    {
      schema: {
        tags: iTags,
        params: idParam,
        body: AddInstallmentBody,
        response: { 200: single(Installment), ...changeErrors },
      },
    },
    async (req) =>
      ok(presentInstallment(await installments.addInstallment(ctxOf(req), req.params.id, req.body))),
  );
  r.patch(
    '/deals/:id/installments/:installment_id',
    {
      schema: {
        tags: iTags,
        params: installmentParams,
        body: UpdateInstallmentBody,
        response: { 200: single(Installment), ...changeErrors },
      },
    },
    async (req) =>
      ok(
        presentInstallment(
          await installments.updateInstallment(
            ctxOf(req),
            req.params.id,
            req.params.installment_id,
            req.body,
          ),
        ),
      ),
  );
  r.delete(
    '/deals/:id/installments/:installment_id',
    {
      schema: {
        tags: iTags,
        params: installmentParams,
        response: { 200: deletedId(z.number().int()), ...changeErrors },
      },
    },
    async (req) => {
      await installments.deleteInstallment(ctxOf(req), req.params.id, req.params.installment_id);
      return ok({ id: req.params.installment_id });
    },
  );
}

/** Pipewright's own: a deal's revenue metrics from its lines. */
export async function dealProductRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/deals/:id/revenue',
    {
      schema: { tags: ['Deal products'], params: idParam, response: { 200: single(DealRevenue), ...errors } },
    },
    async (req) => ok(await dealRevenue(ctxOf(req), req.params.id)),
  );
  r.put(
    '/deals/:id/products/order',
    {
      schema: {
        tags: ['Deal products'],
        params: idParam,
        body: ReorderDealProductsBody,
        response: { 200: single(z.array(DealProduct)), ...changeErrors },
      },
    },
    async (req) =>
      ok((await lines.reorderLines(ctxOf(req), req.params.id, req.body.ids)).map(presentDealProduct)),
  );
}
