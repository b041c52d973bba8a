import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { offsetList, ok } from '../../http/envelope.ts';
import { uuidParam, v1Page } from '../../http/query.ts';
import { deletedId, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import type { Ctx } from '../context.ts';
import { defsForValues } from '../fields/present-values.ts';
import * as labels from './labels.ts';
import { type LeadRow, presentLead, presentLeadLabel } from './present.ts';
import {
  AddLeadBody,
  AddLeadLabelBody,
  Lead,
  LeadLabel,
  LeadSourceItem,
  ListArchivedLeadsQuery,
  ListLeadsQuery,
  UpdateLeadBody,
  UpdateLeadLabelBody,
} from './schema.ts';
import * as service from './service.ts';
import { listLeadSources } from './sources.ts';

const writeErrors = { ...errors, 403: ErrorResponse } as const;
const LeadPage = offsetPage(Lead);

/**
 * The v1 offset envelope typed as its response schema (offsetList types `pagination` loosely).
 */
async function leadPage(ctx: Ctx, rows: LeadRow[], page: { start: number; limit: number }, more: boolean) {
  const defs = await defsForValues(ctx, 'deal', rows);
  return offsetList(
    rows.map((row) => presentLead(row, defs)),
    page.start,
    page.limit,
    more,
  ) as z.input<typeof LeadPage>;
}

/** One lead in v1's shape, its custom fields by their definitions. */
export async function presentOneLead(ctx: Ctx, row: LeadRow) {
  return presentLead(row, await defsForValues(ctx, 'deal', [row]));
}

/** v1 leads, lead labels and lead sources (spec §4); registered under /api/v1 and /v1. */
export async function leadRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Leads'];

  r.get(
    '/leads',
    { schema: { tags, querystring: ListLeadsQuery, response: { 200: LeadPage, ...errors } } },
    async (req) => {
      const page = v1Page(req.query);
      const scope = req.query.archived_status ?? 'not_archived';
      const ctx = ctxOf(req);
      const { rows, more } = await service.listLeads(ctx, req.query, scope, page);
      return leadPage(ctx, rows, page, more);
    },
  );
  r.get(
    '/leads/archived',
    {
      schema: { tags, querystring: ListArchivedLeadsQuery, response: { 200: LeadPage, ...errors } },
    },
    async (req) => {
      const page = v1Page(req.query);
      const ctx = ctxOf(req);
      const { rows, more } = await service.listLeads(ctx, req.query, 'archived', page);
      return leadPage(ctx, rows, page, more);
    },
  );
  r.get(
    '/leads/:id',
    { schema: { tags, params: uuidParam, response: { 200: single(Lead), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOneLead(ctx, await service.getLead(ctx, req.params.id)));
    },
  );
  r.post(
    '/leads',
    { schema: { tags, body: AddLeadBody, response: { 201: single(Lead), ...writeErrors } } },
    async (req, reply) => {
      // one statement: atomic without a transaction
      const ctx = ctxOf(req);
      const row = await service.addLead(ctx, req.body, service.API_SOURCE);
      reply.code(201);
      return ok(await presentOneLead(ctx, row));
    },
  );
  r.patch(
    '/leads/:id',
    {
      schema: {
        tags,
        params: uuidParam,
        body: UpdateLeadBody,
        response: { 200: single(Lead), ...writeErrors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOneLead(ctx, await service.updateLead(ctx, req.params.id, req.body)));
    },
  );
  r.delete(
    '/leads/:id',
    { schema: { tags, params: uuidParam, response: { 200: deletedId(z.uuid()), ...writeErrors } } },
    async (req) => {
      return ok({ id: await service.deleteLead(ctxOf(req), req.params.id) });
    },
  );
  r.get(
    '/leads/:id/permittedUsers',
    {
      schema: {
        tags,
        params: uuidParam,
        response: { 200: single(z.array(z.number().int())), ...errors },
      },
    },
    async (req) => ok(await service.permittedUsers(ctxOf(req), req.params.id)),
  );

  const labelTags = ['LeadLabels'];
  r.get(
    '/leadLabels',
    { schema: { tags: labelTags, response: { 200: single(z.array(LeadLabel)), ...errors } } },
    async (req) => ok((await labels.listLeadLabels(ctxOf(req))).map(presentLeadLabel)),
  );
  r.post(
    '/leadLabels',
    {
      schema: {
        tags: labelTags,
        body: AddLeadLabelBody,
        response: { 201: single(LeadLabel), ...writeErrors },
      },
    },
    async (req, reply) => {
      const row = await labels.addLeadLabel(ctxOf(req), req.body);
      reply.code(201);
      return ok(presentLeadLabel(row));
    },
  );
  r.patch(
    '/leadLabels/:id',
    {
      schema: {
        tags: labelTags,
        params: uuidParam,
        body: UpdateLeadLabelBody,
        response: { 200: single(LeadLabel), ...writeErrors },
      },
    },
    async (req) => ok(presentLeadLabel(await labels.updateLeadLabel(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/leadLabels/:id',
    {
      schema: { tags: labelTags, params: uuidParam, response: { 200: deletedId(z.uuid()), ...writeErrors } },
    },
    async (req) => {
      return ok({ id: await labels.deleteLeadLabel(ctxOf(req), req.params.id) });
    },
  );

  r.get(
    '/leadSources',
    { schema: { tags: ['LeadSources'], response: { 200: single(z.array(LeadSourceItem)), ...errors } } },
    async () => ok(listLeadSources()),
  );
}

/** v2 lead endpoints: search only, served by the search module. */
export async function leadRoutesV2(_app: FastifyInstance) {}
