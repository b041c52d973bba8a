import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBEDDABLE } from '../../http/security-headers.ts';
import { checkFillTime, signFillTime } from '../public/fill-token.ts';
import { newNonce, type PublicPolicy, sendPublicPage } from '../public/page.ts';
import { PAGES_PER_ADDRESS, TokenBuckets } from '../public/rate-limit.ts';
import {
  botCtx,
  type ChatView,
  findPublicBot,
  opening,
  type PublicBot,
  replyToConversation,
  type StepResult,
  startConversation,
} from './conversation.ts';
import { answerMessage, inputOf } from './engine.ts';
import { ANSWER, CONVERSATION, chatNotice, chatPage, HONEYPOT, START_TOKEN, widgetScript } from './page.ts';
import { CHAT_TEXTS, type ChatLanguage } from './texts.ts';

/** A chat message is small: an answer of at most 1000 characters and two tokens. */
export const CHAT_BODY_LIMIT = 16 * 1024;
/** Answers per visitor address (any playbook): a person types a few a minute. */
export const MESSAGES_PER_ADDRESS = { capacity: 30, perMinute: 30 } as const;
/** Answers per playbook (any address): bounds a spread-out flood. */
export const MESSAGES_PER_BOT = { capacity: 300, perMinute: 300 } as const;
/** Conversations started per address. */
export const STARTS_PER_ADDRESS = { capacity: 10, perMinute: 10 } as const;

/** Embeddable anywhere; runs its own nonce'd script; posts to itself. */
const POLICY: PublicPolicy = { scripts: true, framing: 'anywhere' };

type Refusal =
  | 'notFound'
  | 'tooMany'
  | 'tooLarge'
  | 'badRequest'
  | 'honeypot'
  | 'tooFast'
  | 'expired'
  | 'gone'
  | 'tooLongChat'
  | 'failed';
const STATUS: Record<Refusal, number> = {
  notFound: 404,
  tooMany: 429,
  tooLarge: 413,
  badRequest: 400,
  honeypot: 400,
  tooFast: 400,
  expired: 400,
  gone: 410,
  tooLongChat: 400,
  failed: 500,
};

const embedOf = (req: FastifyRequest) => (req.query as Record<string, unknown> | undefined)?.embed === '1';
const paramOf = (req: FastifyRequest) => String((req.params as { publicId?: unknown }).publicId ?? '');
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const wantsJson = (req: FastifyRequest) => !req.url.split('?')[0]?.match(/^\/c\/[^/]+$/);

/** The JSON of a step for the widget API: the whole transcript, what the waiting card takes. */
function stepJson(view: ChatView) {
  const input = inputOf(view.waiting);
  return {
    success: true,
    data: {
      token: view.token,
      messages: view.lines.map((l) => ({ from: l.from, text: l.text, time: l.at })),
      input: { kind: input.kind, options: input.options, free_text: input.free_text, max_length: input.max },
      ended: view.ended,
    },
  };
}

/**
 * The public chat: a page that works without JavaScript (GET shows the opening, each answer is a form
 * POST re-rendering the transcript), a JSON API for scripts over the same use cases, and the launcher
 * script a site embeds. No login; every refusal says why (400, 404, 410, 413, 415, 429) and writes nothing.
 */
export async function chatbotPublicRoutes(app: FastifyInstance) {
  const pages = new TokenBuckets(PAGES_PER_ADDRESS.capacity, PAGES_PER_ADDRESS.perMinute);
  const perAddress = new TokenBuckets(MESSAGES_PER_ADDRESS.capacity, MESSAGES_PER_ADDRESS.perMinute);
  const perBot = new TokenBuckets(MESSAGES_PER_BOT.capacity, MESSAGES_PER_BOT.perMinute);
  const starts = new TokenBuckets(STARTS_PER_ADDRESS.capacity, STARTS_PER_ADDRESS.perMinute);

  const refuse = (
    req: FastifyRequest,
    reply: FastifyReply,
    why: Refusal,
    bot: PublicBot | null,
    o: { retryAfter?: number; message?: string } = {},
  ) => {
    const lang: ChatLanguage = bot?.language ?? 'en';
    const message = o.message ?? CHAT_TEXTS[lang][why];
    if (wantsJson(req)) {
      reply.code(STATUS[why]).header('cache-control', 'no-store');
      if (o.retryAfter !== undefined) reply.header('retry-after', String(o.retryAfter));
      return reply.send({ success: false, error: message, error_info: why, data: null });
    }
    const nonce = newNonce();
    const body = chatNotice(lang, message, bot, { nonce, embed: embedOf(req) });
    return sendPublicPage(reply, nonce, POLICY, { status: STATUS[why], body, retryAfter: o.retryAfter });
  };

  const errorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'chatbot request failed');
    const why: Refusal =
      status === 413 ? 'tooLarge' : status >= 400 && status < 500 ? 'badRequest' : 'failed';
    return refuse(req, reply, why, null);
  };
  const route = { ...EMBEDDABLE, bodyLimit: CHAT_BODY_LIMIT, errorHandler, schema: { hide: true } };

  const html = (reply: FastifyReply, nonce: string, status: number, body: string) =>
    sendPublicPage(reply, nonce, POLICY, { status, body });

  /** Looks up the playbook for a read, under the page-view limit. */
  const forRead = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!pages.take(req.ip)) {
      await refuse(req, reply, 'tooMany', null, { retryAfter: pages.retryAfter(req.ip) });
      return null;
    }
    const bot = await findPublicBot(app.db, paramOf(req));
    if (!bot) await refuse(req, reply, 'notFound', null);
    return bot;
  };

  app.get('/c/:publicId', route, async (req, reply) => {
    const bot = await forRead(req, reply);
    if (!bot) return reply;
    const nonce = newNonce();
    const startToken = signFillTime(bot.signingKey, bot.publicId, Date.now());
    return html(
      reply,
      nonce,
      200,
      chatPage(bot, opening(bot), { nonce, embed: embedOf(req) }, { startToken, error: null }),
    );
  });

  app.get('/c/:publicId/widget.js', route, async (req, reply) => {
    const bot = await forRead(req, reply);
    if (!bot) return reply;
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(widgetScript(bot, originOf(req)));
  });

  app.get('/c/:publicId/conversations/new', route, async (req, reply) => {
    const bot = await forRead(req, reply);
    if (!bot) return reply;
    const body = stepJson(opening(bot));
    return reply.header('cache-control', 'no-store').send({
      ...body,
      data: { ...body.data, start_token: signFillTime(bot.signingKey, bot.publicId, Date.now()) },
    });
  });

  /**
   * One answer, from the page or the API: limits first (address, playbook), then the body's shape, the
   * honeypot, and either the start token (signed page time, at least 3 s old) or the conversation token.
   */
  const answerRoute =
    (json: boolean, start: boolean | null) => async (req: FastifyRequest, reply: FastifyReply) => {
      const publicId = paramOf(req);
      if (!perAddress.take(req.ip))
        return refuse(req, reply, 'tooMany', null, { retryAfter: perAddress.retryAfter(req.ip) });
      if (!perBot.take(publicId))
        return refuse(req, reply, 'tooMany', null, { retryAfter: perBot.retryAfter(publicId) });
      const type = String(req.headers['content-type'] ?? '');
      const expected = json ? 'application/json' : 'application/x-www-form-urlencoded';
      if (!type.startsWith(expected))
        return reply
          .code(415)
          .send(
            json
              ? { success: false, error: CHAT_TEXTS.en.badRequest, error_info: 'badRequest', data: null }
              : CHAT_TEXTS.en.badRequest,
          );
      const bot = await findPublicBot(app.db, publicId);
      if (!bot) return refuse(req, reply, 'notFound', null);
      const body = req.body as Record<string, unknown> | null;
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return refuse(req, reply, 'badRequest', bot);
      const trap = body[HONEYPOT];
      if (trap !== undefined && trap !== '') return refuse(req, reply, 'honeypot', bot);
      const answer = body[ANSWER];
      const convToken = json ? body.token : body[CONVERSATION];
      const startToken = json ? body.start_token : body[START_TOKEN];
      if (typeof answer !== 'string') return refuse(req, reply, 'badRequest', bot);
      const starting = start ?? (convToken === undefined || convToken === '');
      const now = Date.now();
      let result: StepResult;
      const ctx = botCtx(app.db, bot, req.headers['user-agent'] ?? null);
      if (starting) {
        if (!starts.take(req.ip))
          return refuse(req, reply, 'tooMany', bot, { retryAfter: starts.retryAfter(req.ip) });
        const fill = checkFillTime(bot.signingKey, bot.publicId, startToken, now);
        if (fill === 'too_fast') return refuse(req, reply, 'tooFast', bot);
        if (fill !== 'ok') return refuse(req, reply, 'expired', bot);
        result = await startConversation(ctx, bot, { answer, ip: req.ip, now: new Date(now) });
      } else {
        if (typeof convToken !== 'string') return refuse(req, reply, 'badRequest', bot);
        result = await replyToConversation(ctx, bot, { token: convToken, answer, now: new Date(now) });
      }
      if (!result.ok) {
        if (result.error === 'gone' || result.error === 'tooLongChat')
          return refuse(req, reply, result.error, bot);
        const message = answerMessage(bot.language, {
          error: result.error,
          ...(result.max ? { max: result.max } : {}),
        });
        if (json)
          return reply
            .code(400)
            .send({ success: false, error: message, error_info: result.error, field: ANSWER, data: null });
        const nonce = newNonce();
        const view = result.view as ChatView;
        const page = chatPage(
          bot,
          view,
          { nonce, embed: embedOf(req) },
          {
            startToken: starting ? (startToken as string) : null,
            error: message,
            value: answer.slice(0, 1000),
          },
        );
        return html(reply, nonce, 400, page);
      }
      if (json) return reply.header('cache-control', 'no-store').send(stepJson(result.view));
      const nonce = newNonce();
      return html(
        reply,
        nonce,
        200,
        chatPage(bot, result.view, { nonce, embed: embedOf(req) }, { startToken: null, error: null }),
      );
    };

  app.post('/c/:publicId', route, answerRoute(false, null));
  app.post('/c/:publicId/conversations', route, answerRoute(true, true));
  app.post('/c/:publicId/messages', route, answerRoute(true, false));
}
