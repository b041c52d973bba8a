import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBEDDABLE } from '../../http/security-headers.ts';
import { AppError } from '../errors.ts';
import { checkFillTime, signFillTime } from '../public/fill-token.ts';
import { newNonce, type PublicPolicy, publicHeaders, sendPublicPage } from '../public/page.ts';
import { PAGES_PER_ADDRESS, PER_ADDRESS, PER_FORM, TokenBuckets } from '../public/rate-limit.ts';
import { formPage, noticePage, type PageOptions } from './page.ts';
import {
  FILL_TOKEN,
  findPublicForm,
  formCtx,
  formFieldDefs,
  HIDDEN_MAX,
  HONEYPOT,
  hiddenName,
  type PublicForm,
  parseSubmission,
  recordSubmission,
} from './submit.ts';
import { PAGE_TEXTS, type PageLanguage } from './texts.ts';

/** A posted form is small: 30 fields of a few hundred characters; anything bigger is refused (413). */
export const FORM_BODY_LIMIT = 64 * 1024;

/**
 * A form's page: embeddable anywhere, its resize script, posts to itself and follows the form's redirect.
 */
function policy(form: PublicForm | null): PublicPolicy {
  const redirect = form?.settings.redirect_url;
  return { scripts: true, framing: 'anywhere', formTargets: redirect ? [new URL(redirect).origin] : [] };
}

interface Page {
  status: number;
  body: string;
  form: PublicForm | null;
  retryAfter?: number;
}

function send(reply: FastifyReply, nonce: string, page: Page) {
  return sendPublicPage(reply, nonce, policy(page.form), page);
}

const embedOf = (req: FastifyRequest) => (req.query as Record<string, unknown> | undefined)?.embed === '1';
const paramOf = (req: FastifyRequest) => String((req.params as { publicId?: unknown }).publicId ?? '');

/**
 * The public pages of web forms, outside /api and its authentication: GET shows the form, POST takes
 * a submission (urlencoded, works without JavaScript). Every answer is a page in words: a refusal
 * says why (400, 404, 413, 415, 429) and writes nothing.
 */
export async function webFormPublicRoutes(app: FastifyInstance) {
  const perAddress = new TokenBuckets(PER_ADDRESS.capacity, PER_ADDRESS.perMinute);
  const perForm = new TokenBuckets(PER_FORM.capacity, PER_FORM.perMinute);
  const pages = new TokenBuckets(PAGES_PER_ADDRESS.capacity, PAGES_PER_ADDRESS.perMinute);

  const notice = (
    o: PageOptions,
    status: number,
    lang: PageLanguage,
    key: 'notFound' | 'tooMany' | 'tooLarge' | 'badRequest' | 'honeypot' | 'tooFast' | 'expired' | 'failed',
    form: PublicForm | null,
    retryAfter?: number,
  ): Page => {
    const t = PAGE_TEXTS[lang];
    return {
      status,
      form,
      body: noticePage(lang, t.errorTitle, t[key], form, o, { alert: true, back: status !== 404 }),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    };
  };

  // Errors before the handler (too large, wrong content type, unreadable body) are pages too.
  const errorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const o = { nonce: newNonce(), embed: embedOf(req) };
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'web form failed');
    const key = status === 413 ? 'tooLarge' : status === 415 || status === 400 ? 'badRequest' : 'failed';
    return send(reply, o.nonce, notice(o, status >= 400 && status < 500 ? status : 500, 'en', key, null));
  };
  const route = { ...EMBEDDABLE, bodyLimit: FORM_BODY_LIMIT, errorHandler, schema: { hide: true } };

  app.get('/f/:publicId', route, async (req, reply) => {
    const o = { nonce: newNonce(), embed: embedOf(req) };
    if (!pages.take(req.ip)) {
      return send(reply, o.nonce, notice(o, 429, 'en', 'tooMany', null, pages.retryAfter(req.ip)));
    }
    const form = await findPublicForm(app.db, paramOf(req));
    if (!form) return send(reply, o.nonce, notice(o, 404, 'en', 'notFound', null));
    const defs = await formFieldDefs(formCtx(app.db, form, null), form);
    // ?<hidden name>= fills a hidden field (a campaign from the link); oversized values are dropped
    const query = req.query as Record<string, unknown>;
    const hidden: Record<string, string> = {};
    for (const h of form.settings.hidden_fields) {
      const v = query[h.name];
      if (typeof v === 'string' && v.length <= HIDDEN_MAX) hidden[h.name] = v;
    }
    const token = signFillTime(form.signingKey, form.publicId, Date.now());
    const body = formPage(form, defs, { values: {}, hidden, consent: false, errors: {}, token }, o);
    return send(reply, o.nonce, { status: 200, body, form });
  });

  app.post('/f/:publicId', route, async (req, reply) => {
    const o = { nonce: newNonce(), embed: embedOf(req) };
    const publicId = paramOf(req);
    if (!perAddress.take(req.ip)) {
      return send(reply, o.nonce, notice(o, 429, 'en', 'tooMany', null, perAddress.retryAfter(req.ip)));
    }
    if (!perForm.take(publicId)) {
      return send(reply, o.nonce, notice(o, 429, 'en', 'tooMany', null, perForm.retryAfter(publicId)));
    }
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return send(reply, o.nonce, notice(o, 415, 'en', 'badRequest', null));
    }
    const form = await findPublicForm(app.db, publicId);
    if (!form) return send(reply, o.nonce, notice(o, 404, 'en', 'notFound', null));
    const lang = form.settings.language;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) {
      return send(reply, o.nonce, notice(o, 400, lang, 'badRequest', form));
    }
    const trap = body[HONEYPOT];
    if (trap !== undefined && trap !== '')
      return send(reply, o.nonce, notice(o, 400, lang, 'honeypot', form));
    const now = Date.now();
    const fill = checkFillTime(form.signingKey, form.publicId, body[FILL_TOKEN], now);
    if (fill === 'too_fast') return send(reply, o.nonce, notice(o, 400, lang, 'tooFast', form));
    if (fill !== 'ok') return send(reply, o.nonce, notice(o, 400, lang, 'expired', form));

    const ctx = formCtx(app.db, form, req.headers['user-agent'] ?? null);
    const defs = await formFieldDefs(ctx, form);
    const parsed = parseSubmission(form, defs, body);
    const again = () => {
      const token = signFillTime(form.signingKey, form.publicId, now - 60_000);
      const values: Record<string, string> = {};
      for (const f of form.fields) {
        const v = body[f.maps_to];
        if (typeof v === 'string') values[f.maps_to] = v.slice(0, 5000);
      }
      return formPage(form, defs, { ...parsed, values, token }, o);
    };
    if (Object.keys(parsed.errors).length > 0) {
      return send(reply, o.nonce, { status: 400, body: again(), form });
    }
    try {
      await recordSubmission(ctx, form, parsed, defs, { ip: req.ip, now: new Date(now) });
    } catch (e) {
      // a custom value the field refuses (its definition changed since the form was built)
      if (e instanceof AppError && e.code === 'validation_failed' && e.field) {
        const key = e.field.replace(/^custom_fields\./, '').slice(0, 40);
        const name = form.fields.some((f) => f.maps_to === key)
          ? key
          : (form.settings.hidden_fields.find((h) => h.maps_to === key)?.name ?? null);
        if (name) {
          parsed.errors[form.fields.some((f) => f.maps_to === key) ? key : hiddenName(name)] =
            PAGE_TEXTS[lang].badRequest;
          return send(reply, o.nonce, { status: 400, body: again(), form });
        }
      }
      req.log.error({ err: e, form: form.id }, 'web form submission failed');
      return send(reply, o.nonce, notice(o, 500, lang, 'failed', form));
    }
    if (form.settings.redirect_url) {
      publicHeaders(reply, o.nonce, policy(form));
      return reply.code(303).header('location', form.settings.redirect_url).send();
    }
    const t = PAGE_TEXTS[lang];
    const page = noticePage(lang, form.name, form.settings.success_message ?? t.sent, form, o);
    return send(reply, o.nonce, { status: 200, body: page, form });
  });
}
