import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { errors } from '../../http/responses.ts';
import { presentUser } from './present.ts';
import { UserResponse } from './routes.ts';
import { setOwnLocale, USER_LOCALES } from './service.ts';

const MeBody = z.strictObject({
  locale: z.enum(USER_LOCALES).describe('the language of the web app for this user: en_US or sv_SE'),
});

/** The caller's own settings (Settings → Profile). Pipedrive has no public endpoint for them. */
export async function userSettingsRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.patch(
    '/users/me',
    { schema: { tags: ['Users'], body: MeBody, response: { 200: UserResponse, ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(presentUser(await setOwnLocale(ctx, req.body.locale), ctx.user.id));
    },
  );
}
