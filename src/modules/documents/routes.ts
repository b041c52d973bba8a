import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { deletedId, ErrorResponse, errors, single } from '../../http/responses.ts';
import { presentDocument, presentTemplate } from './present.ts';
import {
  CreateDocumentBody,
  CreateShareBody,
  Document,
  DocumentPdf,
  DocumentTemplate,
  DocumentVersion,
  Placeholder,
  PreviewTemplateBody,
  SaveVersionBody,
  ShareParams,
  TemplateBody,
  UpdateTemplateBody,
} from './schema.ts';
import * as docs from './service.ts';
import * as templates from './templates.ts';

const changeErrors = { ...errors, 403: ErrorResponse, 409: ErrorResponse } as const;

/**
 * Document templates and documents of deals (issue 15). Pipedrive's Smart Docs has no public API:
 * these are Pipewright's own, under /api/ext, with the same envelopes.
 */
export async function documentRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Documents'];

  r.get(
    '/document-templates',
    { schema: { tags, response: { 200: single(z.array(DocumentTemplate)), ...errors } } },
    async (req) => ok((await templates.listTemplates(ctxOf(req))).map(presentTemplate)),
  );
  r.get(
    '/document-templates/placeholders',
    {
      schema: {
        tags,
        summary: 'The placeholders a template can use, custom deal fields included',
        response: { 200: single(z.array(Placeholder)), ...errors },
      },
    },
    async (req) => ok(await templates.listPlaceholders(ctxOf(req))),
  );
  r.post(
    '/document-templates/preview',
    {
      schema: {
        tags,
        summary: 'A template body sanitised as it would be saved, filled from a deal if one is named',
        body: PreviewTemplateBody,
        response: { 200: single(z.object({ body: z.string() })), ...errors },
      },
    },
    async (req) => ok(await templates.previewTemplate(ctxOf(req), req.body)),
  );
  r.post(
    '/document-templates',
    { schema: { tags, body: TemplateBody, response: { 200: single(DocumentTemplate), ...changeErrors } } },
    async (req) => ok(presentTemplate(await templates.createTemplate(ctxOf(req), req.body))),
  );
  r.get(
    '/document-templates/:id',
    { schema: { tags, params: idParam, response: { 200: single(DocumentTemplate), ...errors } } },
    async (req) => ok(presentTemplate(await templates.getTemplate(ctxOf(req), req.params.id))),
  );
  r.patch(
    '/document-templates/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateTemplateBody,
        response: { 200: single(DocumentTemplate), ...changeErrors },
      },
    },
    async (req) => ok(presentTemplate(await templates.updateTemplate(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/document-templates/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...changeErrors } } },
    async (req) => {
      await templates.deleteTemplate(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );

  r.post(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Create a document of a deal from a template (its first version, placeholders filled)',
        body: CreateDocumentBody,
        response: { 200: single(Document), ...changeErrors },
      },
    },
    async (req) => ok(presentDocument(await docs.createDocument(ctxOf(req), req.body))),
  );
  r.get(
    '/deals/:id/documents',
    {
      schema: {
        tags,
        summary: "A deal's documents, newest first",
        params: idParam,
        response: { 200: single(z.array(Document)), ...errors },
      },
    },
    async (req) => ok((await docs.listDealDocuments(ctxOf(req), req.params.id)).map(presentDocument)),
  );
  r.get(
    '/documents/:id',
    { schema: { tags, params: idParam, response: { 200: single(Document), ...errors } } },
    async (req) => ok(presentDocument(await docs.getDocument(ctxOf(req), req.params.id))),
  );
  r.get(
    '/documents/:id/versions',
    {
      schema: { tags, params: idParam, response: { 200: single(z.array(DocumentVersion)), ...errors } },
    },
    async (req) =>
      ok(
        (await docs.listVersions(ctxOf(req), req.params.id)).map((v) => ({
          version: v.version,
          body: v.body,
          user_id: v.userId,
          add_time: `${v.addTime.toISOString().slice(0, 19)}Z`,
        })),
      ),
  );
  r.post(
    '/documents/:id/versions',
    {
      schema: {
        tags,
        summary: 'Save edited text as a new version (not after acceptance)',
        params: idParam,
        body: SaveVersionBody,
        response: { 200: single(Document), ...changeErrors },
      },
    },
    async (req) => ok(presentDocument(await docs.saveVersion(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/documents/:id/pdf',
    {
      schema: {
        tags,
        summary:
          'Render the newest version as a PDF, stored as a file of the deal (download it from /api/v1/files/{id}/download)',
        params: idParam,
        response: { 200: single(DocumentPdf), ...changeErrors },
      },
    },
    async (req) => {
      const file = await docs.makePdf(ctxOf(req), req.params.id, app.files);
      return ok({ file_id: file.id, name: file.name });
    },
  );
  r.post(
    '/documents/:id/shares',
    {
      schema: {
        tags,
        summary: 'Make a share link (the answer is the only time its URL is shown)',
        params: idParam,
        body: CreateShareBody.optional(),
        response: { 200: single(Document), ...changeErrors },
      },
    },
    async (req) =>
      ok(presentDocument(await docs.createShare(ctxOf(req), req.params.id, req.body?.expires_in_days))),
  );
  r.delete(
    '/documents/:id/shares/:shareId',
    {
      schema: {
        tags,
        summary: 'Revoke a share link',
        params: ShareParams,
        response: { 200: single(Document), ...changeErrors },
      },
    },
    async (req) => ok(presentDocument(await docs.revokeShare(ctxOf(req), req.params.id, req.params.shareId))),
  );
}
