import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { deletedId, errors, single } from '../../http/responses.ts';
import { presentChatbot } from './present.ts';
import { Chatbot, CreateChatbotBody, UpdateChatbotBody } from './schema.ts';
import * as service from './service.ts';

/** Where the public pages are: the origin the caller reached the API on. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Chatbot playbooks (Pipewright's own; Pipedrive has no public API for them). */
export async function chatbotRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Chatbots'];

  r.get(
    '/chatbots',
    { schema: { tags, response: { 200: single(z.array(Chatbot)), ...errors } } },
    async (req) => {
      const origin = originOf(req);
      return ok((await service.listChatbots(ctxOf(req))).map((b) => presentChatbot(b, origin)));
    },
  );
  r.post(
    '/chatbots',
    { schema: { tags, body: CreateChatbotBody, response: { 200: single(Chatbot), ...errors } } },
    async (req) => ok(presentChatbot(await service.createChatbot(ctxOf(req), req.body), originOf(req))),
  );
  r.get(
    '/chatbots/:id',
    { schema: { tags, params: idParam, response: { 200: single(Chatbot), ...errors } } },
    async (req) => ok(presentChatbot(await service.getChatbot(ctxOf(req), req.params.id), originOf(req))),
  );
  r.patch(
    '/chatbots/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateChatbotBody,
        response: { 200: single(Chatbot), ...errors },
      },
    },
    async (req) =>
      ok(presentChatbot(await service.updateChatbot(ctxOf(req), req.params.id, req.body), originOf(req))),
  );
  r.delete(
    '/chatbots/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await service.deleteChatbot(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}
