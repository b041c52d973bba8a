import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { offsetList, ok } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { deletedId, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import { AppError } from '../errors.ts';
import * as service from './files.ts';
import { contentDisposition } from './names.ts';
import { presentFile, presentFiles } from './present.ts';
import {
  AddRemoteFileBody,
  DownloadQuery,
  File,
  FileParams,
  ItemFilesQuery,
  LinkRemoteFileBody,
  ListFilesQuery,
  UpdateFileBody,
} from './schema.ts';
import { previewable, servedType } from './sniff.ts';
import { type FilesConfig, uploadFile } from './upload.ts';

declare module 'fastify' {
  interface FastifyInstance {
    files: FilesConfig;
  }
}

const writeErrors = { ...errors, 403: ErrorResponse } as const;
const uploadErrors = { ...writeErrors, 413: ErrorResponse, 415: ErrorResponse } as const;
const FilePage = offsetPage(File);

/** Downloads never run as a page of ours: no scripts, no plugins, a sandbox, not framed by others. */
const DOWNLOAD_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
/** An inline PDF is shown in the web app's frame (the PDF viewer does not run in a sandbox). */
const PDF_CSP = "default-src 'none'; object-src 'self'; plugin-types application/pdf; frame-ancestors 'self'";

/** v1 files (spec §12) and the per-item lists; registered under /api/v1 and /v1. */
export async function fileRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Files'];

  r.get(
    '/files',
    { schema: { tags, querystring: ListFilesQuery, response: { 200: FilePage, ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = v1Page(req.query);
      const { rows, more } = await service.listFiles(ctx, req.query, page);
      return offsetList(await presentFiles(ctx, rows), page.start, page.limit, more) as z.input<
        typeof FilePage
      >;
    },
  );
  r.post(
    '/files',
    {
      schema: {
        tags,
        summary:
          'Add a file (multipart/form-data: file, and deal_id, person_id, org_id, product_id, activity_id or lead_id)',
        consumes: ['multipart/form-data'],
        response: { 201: single(File), ...uploadErrors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await uploadFile(ctx, req, req.server.files);
      reply.code(201);
      return ok(await presentFile(ctx, row));
    },
  );
  r.get(
    '/files/:id',
    { schema: { tags, params: FileParams, response: { 200: single(File), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentFile(ctx, await service.getFile(ctx, req.params.id)));
    },
  );
  r.get(
    '/files/:id/download',
    {
      schema: {
        tags,
        summary: 'Download a file (the bytes, as an attachment)',
        params: FileParams,
        querystring: DownloadQuery,
        produces: ['application/octet-stream'],
        response: { 200: z.any().describe("the file's bytes"), ...errors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await service.getFile(ctx, req.params.id);
      if (!row.storageKey)
        throw new AppError('not_found', `File is stored remotely (${row.remoteLocation ?? 'remote'})`);
      const bytes = await req.server.files.storage.get(row.storageKey);
      const inline = req.query.inline === true && previewable(row.mime);
      reply
        .header('content-type', servedType(row.mime))
        .header('content-length', row.fileSize)
        .header('content-disposition', contentDisposition(row.name, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('content-security-policy', inline && row.mime === 'application/pdf' ? PDF_CSP : DOWNLOAD_CSP);
      if (inline && row.mime === 'application/pdf') reply.header('x-frame-options', 'SAMEORIGIN');
      return reply.send(bytes);
    },
  );
  r.put(
    '/files/:id',
    {
      schema: {
        tags,
        params: FileParams,
        body: UpdateFileBody,
        response: { 200: single(File), ...writeErrors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentFile(ctx, await service.updateFile(ctx, req.params.id, req.body)));
    },
  );
  r.delete(
    '/files/:id',
    { schema: { tags, params: FileParams, response: { 200: deletedId(z.number().int()), ...writeErrors } } },
    async (req) => {
      await service.deleteFile(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
  r.post(
    '/files/remote',
    { schema: { tags, body: AddRemoteFileBody, response: { 201: single(File), ...writeErrors } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await service.addRemoteFile(ctx, req.body);
      reply.code(201);
      return ok(await presentFile(ctx, row));
    },
  );
  r.post(
    '/files/remoteLink',
    { schema: { tags, body: LinkRemoteFileBody, response: { 201: single(File), ...writeErrors } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await service.linkRemoteFile(ctx, req.body);
      reply.code(201);
      return ok(await presentFile(ctx, row));
    },
  );

  // ---------------------------------------------------------------- per-item lists

  const perItem = [
    ['deals', 'deal', 'Deals'],
    ['persons', 'person', 'Persons'],
    ['organizations', 'organization', 'Organizations'],
    ['products', 'product', 'Products'],
    ['activities', 'activity', 'Activities'],
  ] as const;
  for (const [path, kind, tag] of perItem) {
    r.get(
      `/${path}/:id/files`,
      {
        schema: {
          tags: [tag],
          params: idParam,
          querystring: ItemFilesQuery,
          response: { 200: FilePage, ...errors },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const page = v1Page(req.query);
        const { rows, more } = await service.listFiles(ctx, req.query, page, { kind, id: req.params.id });
        return offsetList(await presentFiles(ctx, rows), page.start, page.limit, more) as z.input<
          typeof FilePage
        >;
      },
    );
  }
}
