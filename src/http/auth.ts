import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPrincipalByTokenHash } from '../modules/users/service.ts';
import { findSession } from '../modules/users/sessions.ts';
import { hashToken } from '../modules/users/tokens.ts';
import type { Principal } from './context.ts';
import { errorBody } from './envelope.ts';

/**
 * Routes that need a caller, unless the route says `config: { public: true }`: everything under /api
 * and /v1. Decided on the route that matched (its declared path), never on the raw URL, so that a
 * percent-encoded or doubled path that the router resolves to a route is as protected as the plain one.
 */
const API_ROUTE = /^\/(api|v1)(\/|$)/;

/** Whether a request reached a route that needs a caller. */
export function needsCaller(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  return route !== undefined && API_ROUTE.test(route) && !req.routeOptions.config?.public;
}

/** The web app's session cookie. */
export const SESSION_COOKIE = 'pw_session';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** reachable without a token or session (login, first-run set-up, public forms) */
    public?: boolean;
  }
}

/** Token look-ups are cached briefly: revoking a token takes effect within CACHE_TTL_MS on every node. */
class TokenCache {
  private entries = new Map<string, { principal: Principal | null; expires: number }>();

  get(hash: string): Principal | null | undefined {
    const e = this.entries.get(hash);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return e.principal;
  }

  set(hash: string, principal: Principal | null): void {
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(hash, { principal, expires: Date.now() + CACHE_TTL_MS });
  }

  clear(): void {
    this.entries.clear();
  }
}

export const tokenCache = new TokenCache();

function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-api-token'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const q = req.query as Record<string, unknown> | undefined;
  if (q && typeof q.api_token === 'string' && q.api_token) return q.api_token;
  return undefined;
}

async function byToken(app: FastifyInstance, token: string): Promise<Principal | null> {
  const hash = hashToken(token);
  let principal = tokenCache.get(hash);
  if (principal === undefined) {
    principal = await findPrincipalByTokenHash(app.db, hash);
    tokenCache.set(hash, principal);
  }
  return principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates API requests: an API token (x-api-token header, then Authorization: Bearer, then
 * ?api_token=, spec §1.2) or the web app's session cookie. Cookie-authenticated writes must carry the
 * session's CSRF token in x-csrf-token. A protected path without a caller is a 401 in the envelope.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions.url;
    // No route matched: the not-found handler answers and nothing is reached.
    if (route === undefined || !API_ROUTE.test(route)) return;
    const token = tokenOf(req);
    if (token) {
      req.principal = await byToken(app, token);
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const session = await findSession(app.db, cookie);
        if (session && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
          return reply.code(403).send(errorBody('CSRF token missing or invalid', 'forbidden', 403));
        }
        req.principal = session;
      }
    }
    if (!req.principal && needsCaller(req)) {
      return reply.code(401).send(errorBody('unauthorized access', 'unauthorized', 401));
    }
  });
}
