import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { newNonce, type PublicPolicy, sendPublicPage } from '../public/page.ts';
import { PAGES_PER_ADDRESS, PER_ADDRESS, TokenBuckets } from '../public/rate-limit.ts';
import { SHARE_TEXTS, type ShareLang, shareNotice, sharePage } from './page.ts';
import { acceptShared, findShared, recordView, type Shared } from './share.ts';

/** A posted acceptance is a name and a tick. */
const BODY_LIMIT = 8 * 1024;
const NAME_MAX = 200;

/** No script; posts to itself; never framed; its URL is a secret (no referrer, never indexed). */
const POLICY: PublicPolicy = { scripts: false, framing: 'never', secretUrl: true };

function send(reply: FastifyReply, nonce: string, status: number, body: string, retryAfter?: number) {
  return sendPublicPage(reply, nonce, POLICY, { status, body, retryAfter });
}

const langOf = (req: FastifyRequest): ShareLang =>
  /^sv\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'sv' : 'en';
const tokenOf = (req: FastifyRequest) => String((req.params as { token?: unknown }).token ?? '');

function whenText(lang: ShareLang, d: Date): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'UTC',
  }).format(d);
}

function page(lang: ShareLang, nonce: string, s: Shared, token: string, name = '', errors = {}) {
  const d = s.doc;
  return sharePage(lang, nonce, {
    title: d.title,
    body: s.body,
    accepted:
      d.acceptedTime && d.acceptedName
        ? { name: d.acceptedName, when: whenText(lang, d.acceptedTime) }
        : null,
    action: `/s/${token}/accept`,
    name,
    errors,
  });
}

/**
 * The public page of a shared document (/s/{token}): no login, rate limited per address. Unknown,
 * expired and revoked links, and links of deleted documents, all answer the same 404 page. Every view
 * is recorded on the deal's timeline (reloads by the same address within a while are one view).
 */
export async function documentPublicRoutes(app: FastifyInstance) {
  const pages = new TokenBuckets(PAGES_PER_ADDRESS.capacity, PAGES_PER_ADDRESS.perMinute);
  const posts = new TokenBuckets(PER_ADDRESS.capacity, PER_ADDRESS.perMinute);

  const notFound = (reply: FastifyReply, lang: ShareLang, nonce: string) => {
    const t = SHARE_TEXTS[lang];
    return send(reply, nonce, 404, shareNotice(lang, nonce, t.notFoundTitle, t.notFound));
  };
  const errorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const nonce = newNonce();
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'document share page failed');
    const t = SHARE_TEXTS[langOf(req)];
    return send(reply, nonce, status, shareNotice(langOf(req), nonce, t.notFoundTitle, t.failed));
  };
  const route = { bodyLimit: BODY_LIMIT, errorHandler, schema: { hide: true } };

  app.get('/s/:token', route, async (req, reply) => {
    const nonce = newNonce();
    const lang = langOf(req);
    if (!pages.take(req.ip)) {
      const t = SHARE_TEXTS[lang];
      return send(
        reply,
        nonce,
        429,
        shareNotice(lang, nonce, t.notFoundTitle, t.tooMany),
        pages.retryAfter(req.ip),
      );
    }
    const token = tokenOf(req);
    const shared = await findShared(app.db, token, req.headers['user-agent'] ?? null);
    if (!shared) return notFound(reply, lang, nonce);
    await recordView(shared, req.ip);
    return send(reply, nonce, 200, page(lang, nonce, shared, token));
  });

  app.post('/s/:token/accept', route, async (req, reply) => {
    const nonce = newNonce();
    const lang = langOf(req);
    const t = SHARE_TEXTS[lang];
    if (!posts.take(req.ip)) {
      return send(
        reply,
        nonce,
        429,
        shareNotice(lang, nonce, t.notFoundTitle, t.tooMany),
        posts.retryAfter(req.ip),
      );
    }
    const token = tokenOf(req);
    const shared = await findShared(app.db, token, req.headers['user-agent'] ?? null);
    if (!shared) return notFound(reply, lang, nonce);
    const body = req.body;
    const fields =
      body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const rawName = typeof fields.name === 'string' ? fields.name : '';
    const name = rawName.replace(/\s+/g, ' ').trim();
    const errors: { name?: string; agree?: string; form?: string } = {};
    if (name === '' || name.length > NAME_MAX || name.includes('\u0000')) errors.name = t.nameMissing;
    if (fields.agree !== 'yes') errors.agree = t.agreeMissing;
    if (Object.keys(errors).length > 0) {
      return send(reply, nonce, 400, page(lang, nonce, shared, token, rawName.slice(0, NAME_MAX), errors));
    }
    try {
      await acceptShared(shared, { name, ip: req.ip });
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') {
        const again = await findShared(app.db, token, null);
        return send(reply, nonce, 409, page(lang, nonce, again ?? shared, token, '', { form: t.already }));
      }
      throw e;
    }
    return reply.code(303).header('location', `/s/${token}`).header('referrer-policy', 'no-referrer').send();
  });
}
