import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import { presentSubmission, presentWebForm } from './present.ts';
import {
  CreateWebFormBody,
  SubmissionsQuery,
  UpdateWebFormBody,
  WebForm,
  WebFormSubmission,
} from './schema.ts';
import * as service from './service.ts';

/** Where the public pages are: the origin the caller reached the API on. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Web forms (Pipewright's own; Pipedrive has no public API for them): CRUD and submissions. */
export async function webFormRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Web forms'];

  r.get(
    '/web-forms',
    { schema: { tags, response: { 200: single(z.array(WebForm)), ...errors } } },
    async (req) => {
      const origin = originOf(req);
      return ok((await service.listWebForms(ctxOf(req))).map((f) => presentWebForm(f, origin)));
    },
  );
  r.post(
    '/web-forms',
    { schema: { tags, body: CreateWebFormBody, response: { 200: single(WebForm), ...errors } } },
    async (req) => ok(presentWebForm(await service.createWebForm(ctxOf(req), req.body), originOf(req))),
  );
  r.get(
    '/web-forms/:id',
    { schema: { tags, params: idParam, response: { 200: single(WebForm), ...errors } } },
    async (req) => ok(presentWebForm(await service.getWebForm(ctxOf(req), req.params.id), originOf(req))),
  );
  r.patch(
    '/web-forms/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateWebFormBody,
        response: { 200: single(WebForm), ...errors },
      },
    },
    async (req) =>
      ok(presentWebForm(await service.updateWebForm(ctxOf(req), req.params.id, req.body), originOf(req))),
  );
  r.delete(
    '/web-forms/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await service.deleteWebForm(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
  r.get(
    '/web-forms/:id/submissions',
    {
      schema: {
        tags,
        params: idParam,
        querystring: SubmissionsQuery,
        response: { 200: cursorPage(WebFormSubmission), ...errors },
      },
    },
    async (req) => {
      const page = await service.listSubmissions(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows.map(presentSubmission), page.nextCursor);
    },
  );
}
