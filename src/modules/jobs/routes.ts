import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { errors, single } from '../../http/responses.ts';
import { presentJob } from './present.ts';
import { Job } from './schema.ts';
import { getJob } from './service.ts';

/** GET /api/ext/jobs/{id}: a background job's status, progress and result. */
export async function jobRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/jobs/:id',
    { schema: { tags: ['Jobs'], params: idParam, response: { 200: single(Job), ...errors } } },
    async (req) => ok(presentJob(await getJob(ctxOf(req), req.params.id))),
  );
}
