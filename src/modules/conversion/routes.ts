import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { ErrorResponse, errors } from '../../http/responses.ts';
import { notifyJobQueued } from '../jobs/runner.ts';
import { queueLeadConversions } from './bulk.ts';
import { getConversion } from './conversions.ts';
import { convertDealToLead } from './convert-deal.ts';
import { convertLeadToDeal } from './convert-lead.ts';
import { presentConversion, presentStarted } from './present.ts';
import {
  BulkConvertBody,
  BulkQueued,
  ConversionStarted,
  ConversionStatus,
  ConvertLeadBody,
  DealStatusPath,
  LeadPath,
  LeadStatusPath,
} from './schema.ts';

const convertErrors = { ...errors, 403: ErrorResponse } as const;

/** v2 conversions (spec §5), under /api/v2. */
export async function conversionRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/leads/:id/convert/deal',
    {
      schema: {
        tags: ['Leads'],
        summary: 'Convert a lead to a deal',
        params: LeadPath,
        // The official client sends `{}` when there is no body; an absent body counts as `{}` too.
        body: ConvertLeadBody.nullish(),
        response: { 200: ConversionStarted, ...convertErrors },
      },
    },
    async (req) => presentStarted(await convertLeadToDeal(ctxOf(req), req.params.id, req.body ?? {})),
  );
  r.get(
    '/leads/:id/convert/status/:conversion_id',
    {
      schema: {
        tags: ['Leads'],
        summary: 'Get the status of a lead conversion',
        params: LeadStatusPath,
        response: { 200: ConversionStatus, ...errors },
      },
    },
    async (req) =>
      presentConversion(
        await getConversion(ctxOf(req), {
          id: req.params.conversion_id,
          direction: 'lead_to_deal',
          leadId: req.params.id,
        }),
      ),
  );
  r.post(
    '/deals/:id/convert/lead',
    {
      schema: {
        tags: ['Deals'],
        summary: 'Convert a deal to a lead',
        description: 'No body: the official client sends an empty application/x-www-form-urlencoded body.',
        params: idParam,
        response: { 200: ConversionStarted, ...convertErrors },
      },
    },
    async (req) => presentStarted(await convertDealToLead(ctxOf(req), req.params.id)),
  );
  r.get(
    '/deals/:id/convert/status/:conversion_id',
    {
      schema: {
        tags: ['Deals'],
        summary: 'Get the status of a deal conversion',
        params: DealStatusPath,
        response: { 200: ConversionStatus, ...errors },
      },
    },
    async (req) =>
      presentConversion(
        await getConversion(ctxOf(req), {
          id: req.params.conversion_id,
          direction: 'deal_to_lead',
          dealId: req.params.id,
        }),
      ),
  );
}

/** Pipewright's bulk conversion (a job) and the job status, under /api/ext. */
export async function conversionRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/leads/convert',
    {
      schema: {
        tags: ['Leads'],
        summary: 'Convert many leads to deals (a background job)',
        body: BulkConvertBody,
        response: { 200: BulkQueued, ...errors },
      },
    },
    async (req) => {
      const job = await queueLeadConversions(ctxOf(req), req.body);
      notifyJobQueued();
      return ok({ job_id: job.id, status: job.status });
    },
  );
  // The job status belongs to the jobs module; served here until src/app.ts registers it itself.
}
