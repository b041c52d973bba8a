import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, tokenCache } from '../../http/auth.ts';
import { ctxOf } from '../../http/context.ts';
import { errorBody, ok } from '../../http/envelope.ts';
import { name255 } from '../../http/fields.ts';
import { beginLoginAttempt } from '../../http/login-throttle.ts';
import { ErrorResponse, errors } from '../../http/responses.ts';
import { sameOriginJson } from '../../http/same-origin.ts';
import { inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { countUsers, getCompany, setUpFirstCompany } from './company.ts';
import { presentUser } from './present.ts';
import { addUser, getUser, issueApiToken, USER_LOCALES, type UserRow } from './service.ts';
import { checkPassword, createSession, deleteSession, SESSION_TTL_MS } from './sessions.ts';

const Email = z.email('expected an e-mail address').max(255);
const Password = z.string().min(8, 'at least 8 characters').max(200);

const NoSession = z.object({ success: z.literal(true), data: z.null() });

const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
const SetupBody = z.object({
  company_name: name255,
  name: name255,
  email: Email,
  password: Password,
  locale: z
    .enum(USER_LOCALES)
    .optional()
    .describe('the language of the web app for the first admin: en_US (when left out) or sv_SE'),
});
const AddUserBody = z.object({
  name: name255,
  email: Email,
  password: Password.optional(),
  is_admin: z.boolean().optional(),
});

const SessionData = z.object({
  success: z.literal(true),
  data: z.object({
    user: z.record(z.string(), z.unknown()),
    company: z.record(z.string(), z.unknown()),
    csrf_token: z.string().nullable(),
  }),
});

/** https when the server serves TLS, or behind TRUST_PROXY when the proxy says X-Forwarded-Proto: https. */
function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

async function startSession(req: FastifyRequest, reply: FastifyReply, user: UserRow) {
  const session = await createSession(req.server.db, user);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(req),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
  return session.csrfToken;
}

async function sessionData(
  req: FastifyRequest,
  userId: number,
  companyId: number,
  isAdmin: boolean,
  csrf: string | null,
) {
  const ctx = { ...ctxOf(req), companyId, user: { id: userId, isAdmin } };
  const [user, company] = await Promise.all([getUser(ctx, userId), getCompany(ctx)]);
  return ok({
    user: presentUser(user, userId),
    company: {
      id: company.id,
      name: company.name,
      plan: company.plan,
      default_currency: company.defaultCurrency,
    },
    csrf_token: csrf,
  });
}

/** The web app's log-in, first-run set-up, session and user settings (under /api/ext). */
export async function sessionRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Session'];

  r.get('/setup', { config: { public: true }, schema: { tags } }, async (req) =>
    ok({ needs_setup: (await countUsers(req.server.db)) === 0 }),
  );

  // One set-up, ever: setUpFirstCompany checks and creates in one locked transaction.
  r.post(
    '/setup',
    { config: { public: true }, onRequest: sameOriginJson, schema: { tags, body: SetupBody } },
    async (req, reply) => {
      const { user, company } = await setUpFirstCompany(req.server.db, {
        companyName: req.body.company_name,
        adminName: req.body.name,
        email: req.body.email,
        password: req.body.password,
        locale: req.body.locale,
      });
      const csrf = await startSession(req, reply, user);
      req.principal = { userId: user.id, companyId: company.id, isAdmin: true, via: 'session' };
      return sessionData(req, user.id, company.id, true, csrf);
    },
  );

  r.post(
    '/session',
    {
      config: { public: true },
      onRequest: sameOriginJson,
      schema: { tags, body: LoginBody, response: { 200: SessionData, 429: ErrorResponse, ...errors } },
    },
    async (req, reply) => {
      const { email, password } = req.body;
      // Counted before the password is hashed, so concurrent guesses cannot all be checked.
      const attempt = beginLoginAttempt(req.ip, email);
      if (!attempt.allowed) {
        reply.header('retry-after', String(attempt.retryAfterSeconds));
        return reply
          .code(429)
          .send(errorBody('Too many failed log-in attempts; try again later', 'rate_limited', 429));
      }
      const user = await checkPassword(req.server.db, email, password);
      if (!user) return reply.code(401).send(errorBody('Wrong email or password', 'unauthorized', 401));
      attempt.succeeded();
      const csrf = await startSession(req, reply, user);
      req.principal = { userId: user.id, companyId: user.companyId, isAdmin: user.isAdmin, via: 'session' };
      return sessionData(req, user.id, user.companyId, user.isAdmin, csrf);
    },
  );

  // Public, so that the web app can ask "am I logged in?" without a 401 in the browser console.
  r.get(
    '/session',
    { config: { public: true }, schema: { tags, response: { 200: SessionData.or(NoSession), ...errors } } },
    async (req) => {
      const p = req.principal;
      if (!p) return ok(null);
      const csrf = 'csrfToken' in p ? String(p.csrfToken) : null;
      return sessionData(req, p.userId, p.companyId, p.isAdmin, csrf);
    },
  );

  r.delete('/session', { onRequest: sameOriginJson, schema: { tags } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await deleteSession(req.server.db, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return ok({ logged_out: true });
  });

  r.post('/users', { schema: { tags: ['Users'], body: AddUserBody } }, async (req) => {
    const ctx = ctxOf(req);
    if (!ctx.user.isAdmin) throw new AppError('forbidden', 'Only admins can add users');
    const user = await inTx(ctx, (tx) =>
      addUser(tx, {
        name: req.body.name,
        email: req.body.email,
        password: req.body.password,
        isAdmin: req.body.is_admin,
      }),
    );
    return ok(presentUser(user, ctx.user.id));
  });

  r.post('/users/me/api-token', { schema: { tags: ['Users'] } }, async (req) => {
    const ctx = ctxOf(req);
    const token = await inTx(ctx, (tx) => issueApiToken(tx, ctx.user.id));
    tokenCache.clear();
    return ok({ api_token: token });
  });
}
