import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { ErrorResponse, errors, single } from '../../http/responses.ts';
import { CSP_DIRECTIVES } from '../../http/security-headers.ts';
import { invoicePdf, makeInvoicePdf } from './pdf-files.ts';
import { presentInvoice, presentSettings } from './present.ts';
import { getInvoice, listDealInvoices } from './reads.ts';
import {
  CreateInvoiceBody,
  Invoice,
  InvoiceSettings,
  PutInvoiceSettingsBody,
  UpdateInvoiceBody,
} from './schema.ts';
import * as invoices from './service.ts';
import { getInvoiceSettings, putInvoiceSettings } from './settings.ts';

/** The PDF is shown in the web app's own preview (a same-origin iframe): framing by 'self' only. */
const FRAMED_BY_SELF = {
  helmet: {
    frameguard: { action: 'sameorigin' as const },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CSP_DIRECTIVES, 'frame-ancestors': ["'self'"] },
    },
  },
};

const changeErrors = { ...errors, 403: ErrorResponse, 409: ErrorResponse } as const;

/** Invoices from deals and the company's invoice settings (issue 14). Pipedrive has no such API. */
export async function invoiceRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Invoices'];

  r.post(
    '/deals/:id/invoices',
    {
      schema: {
        tags,
        summary: "Create an invoice from a deal's product lines or one of its installments",
        params: idParam,
        body: CreateInvoiceBody,
        response: { 200: single(Invoice), ...changeErrors },
      },
    },
    async (req) =>
      ok(presentInvoice(await invoices.createInvoice(ctxOf(req), req.params.id, req.body, app.files))),
  );
  r.get(
    '/deals/:id/invoices',
    {
      schema: {
        tags,
        summary: "A deal's invoices and credit notes, newest first",
        params: idParam,
        response: { 200: single(z.array(Invoice)), ...errors },
      },
    },
    async (req) => ok((await listDealInvoices(ctxOf(req), req.params.id)).map(presentInvoice)),
  );
  r.get(
    '/invoices/:id',
    { schema: { tags, params: idParam, response: { 200: single(Invoice), ...errors } } },
    async (req) => ok(presentInvoice(await getInvoice(ctxOf(req), req.params.id))),
  );
  r.patch(
    '/invoices/:id',
    {
      schema: {
        tags,
        summary: "Change an invoice's status: send (issue), mark paid, or void",
        params: idParam,
        body: UpdateInvoiceBody,
        response: { 200: single(Invoice), ...changeErrors },
      },
    },
    async (req) =>
      ok(presentInvoice(await invoices.changeStatus(ctxOf(req), req.params.id, req.body.status, app.files))),
  );
  r.post(
    '/invoices/:id/credit-note',
    {
      schema: {
        tags,
        summary: 'Credit a sent or paid invoice with a credit note (issued at once)',
        params: idParam,
        response: { 200: single(Invoice), ...changeErrors },
      },
    },
    async (req) => ok(presentInvoice(await invoices.createCreditNote(ctxOf(req), req.params.id, app.files))),
  );
  r.get(
    '/invoices/:id/pdf',
    {
      ...FRAMED_BY_SELF,
      schema: {
        tags,
        summary:
          "The invoice's PDF: the one stored as a file of the deal, else as issued, or a preview of a draft",
        params: idParam,
        querystring: z.strictObject({ download: z.enum(['0', '1']).optional() }),
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (req, reply) => {
      const { pdf, filename } = await invoicePdf(ctxOf(req), req.params.id, app.files);
      const disposition = req.query.download === '1' ? 'attachment' : 'inline';
      return reply
        .type('application/pdf')
        .header('content-disposition', `${disposition}; filename="${filename}"`)
        .header('cache-control', 'private, no-cache')
        .send(pdf);
    },
  );
  r.post(
    '/invoices/:id/pdf',
    {
      schema: {
        tags,
        summary:
          "Store the invoice's PDF as a file of the deal: a draft's anew (replacing its last one), an issued one's once",
        params: idParam,
        response: { 200: single(Invoice), ...changeErrors },
      },
    },
    async (req) => ok(presentInvoice(await makeInvoicePdf(ctxOf(req), req.params.id, app.files))),
  );

  r.get(
    '/invoice-settings',
    { schema: { tags, response: { 200: single(InvoiceSettings), ...errors } } },
    async (req) => ok(presentSettings(await getInvoiceSettings(ctxOf(req)))),
  );
  r.put(
    '/invoice-settings',
    {
      schema: {
        tags,
        summary: "The seller's details, number prefix and default due days (admins)",
        body: PutInvoiceSettingsBody,
        response: { 200: single(InvoiceSettings), ...changeErrors },
      },
    },
    async (req) => ok(presentSettings(await putInvoiceSettings(ctxOf(req), req.body))),
  );
}
