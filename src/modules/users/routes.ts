import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { text } from '../../http/fields.ts';
import { idParam } from '../../http/query.ts';
import { errors } from '../../http/responses.ts';
import { getCompany } from './company.ts';
import { presentUser } from './present.ts';
import { User } from './schema.ts';
import { findUsers, getUser, listUsers } from './service.ts';

/** Pipedrive's language object of a locale such as sv_SE. */
const languageOf = (locale: string) => {
  const [language_code = 'en', country_code = 'US'] = locale.split('_');
  return { language_code, country_code };
};

export const UserResponse = z.object({ success: z.literal(true), data: z.record(z.string(), z.unknown()) });

/** v1 users (spec: GET /users/me, /users, /users/{id}). */
export async function userRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Users'];
  r.get('/users/me', { schema: { tags, response: { 200: UserResponse, ...errors } } }, async (req) => {
    const ctx = ctxOf(req);
    const [user, company] = await Promise.all([getUser(ctx, ctx.user.id), getCompany(ctx)]);
    return ok({
      ...presentUser(user, ctx.user.id),
      company_id: company.id,
      company_name: company.name,
      company_domain: null,
      company_country: null,
      company_industry: null,
      language: languageOf(user.locale),
    });
  });
  r.get(
    '/users',
    { schema: { tags, response: { 200: UserResponse.extend({ data: z.array(User) }), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok((await listUsers(ctx)).map((u) => presentUser(u, ctx.user.id)));
    },
  );
  r.get(
    '/users/find',
    {
      schema: {
        tags,
        querystring: z.object({
          term: text(255).pipe(z.string().min(1, 'expected a term')),
          search_by_email: z.enum(['0', '1']).optional(),
        }),
        response: { 200: UserResponse.extend({ data: z.array(User) }), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const found = await findUsers(ctx, req.query.term, req.query.search_by_email === '1');
      return ok(found.map((u) => presentUser(u, ctx.user.id)));
    },
  );
  r.get(
    '/users/:id',
    { schema: { tags, params: idParam, response: { 200: UserResponse.extend({ data: User }), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(presentUser(await getUser(ctx, req.params.id), ctx.user.id));
    },
  );
}
