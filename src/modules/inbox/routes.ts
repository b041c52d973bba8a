import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { offsetList, ok } from '../../http/envelope.ts';
import { ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import { inTx } from '../context.ts';
import { presentOneLead } from '../leads/routes.ts';
import { AddLeadBody, Lead } from '../leads/schema.ts';
import * as leadService from '../leads/service.ts';
import {
  BulkBody,
  BulkResult,
  DeletedLead,
  DeletedListQuery,
  InboxListQuery,
  InboxPage,
  LeadPath,
} from './schema.ts';
import * as service from './service.ts';

const writeErrors = { ...errors, 403: ErrorResponse } as const;
const DeletedPage = offsetPage(DeletedLead);

/** The web app's Leads Inbox (Pipewright's own endpoints, under /api/ext). */
export async function inboxRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Leads Inbox'];

  r.get(
    '/leads',
    {
      schema: {
        tags,
        summary: 'Leads Inbox rows with person, organization, labels, owner and next activity',
        querystring: InboxListQuery,
        response: { 200: InboxPage, ...errors },
      },
    },
    async (req) => {
      const { rows, more, page, total } = await service.listInbox(ctxOf(req), req.query);
      const body = offsetList(rows, page.start, page.limit, more);
      const additional = total === undefined ? body.additional_data : { ...body.additional_data, total };
      return { ...body, additional_data: additional } as z.input<typeof InboxPage>;
    },
  );
  r.post(
    '/leads',
    {
      schema: {
        tags,
        summary: 'Add a lead from the web app (source "Manually created")',
        body: AddLeadBody,
        response: { 201: single(Lead), ...writeErrors },
      },
    },
    async (req, reply) => {
      const row = await inTx(ctxOf(req), (ctx) =>
        leadService.addLead(ctx, req.body, leadService.MANUAL_SOURCE),
      );
      reply.code(201);
      return ok(await presentOneLead(ctxOf(req), row));
    },
  );
  r.post(
    '/leads/bulk',
    {
      schema: {
        tags,
        summary: 'Archive, unarchive or delete many leads; one result per lead',
        body: BulkBody,
        response: { 200: single(z.array(BulkResult)), ...writeErrors },
      },
    },
    async (req) => ok(await inTx(ctxOf(req), (ctx) => service.bulkLeadAction(ctx, req.body))),
  );
  r.get(
    '/leads/deleted',
    {
      schema: {
        tags,
        summary: 'Leads deleted in the last 30 days (restorable)',
        querystring: DeletedListQuery,
        response: { 200: DeletedPage, ...errors },
      },
    },
    async (req) => {
      const { rows, page, more } = await service.listDeletedLeads(ctxOf(req), req.query);
      return offsetList(rows, page.start, page.limit, more) as z.input<typeof DeletedPage>;
    },
  );
  r.post(
    '/leads/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a lead deleted in the last 30 days',
        params: LeadPath,
        response: { 200: single(Lead), ...writeErrors },
      },
    },
    async (req) => {
      const row = await inTx(ctxOf(req), async (ctx) =>
        leadService.getLead(ctx, await service.restoreLead(ctx, req.params.id)),
      );
      return ok(await presentOneLead(ctxOf(req), row));
    },
  );
}
