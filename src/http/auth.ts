import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPrincipalByTokenHash } from '../modules/users/service.ts';
import { hashToken } from '../modules/users/tokens.ts';
import type { Principal } from './context.ts';
import { errorBody } from './envelope.ts';

/** API paths that need a caller. */
const PROTECTED = /^\/(api\/)?v1\/|^\/api\/v2\/|^\/api\/ext\//;

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

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

/**
 * Authenticates API requests: x-api-token header, then Authorization: Bearer, then ?api_token=
 * (spec §1.2). Anything else is a 401 in the error envelope.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url;
    if (!PROTECTED.test(path.replace(/\/{2,}/g, '/'))) return;
    const token = tokenOf(req);
    if (token) {
      const hash = hashToken(token);
      let principal = tokenCache.get(hash);
      if (principal === undefined) {
        principal = await findPrincipalByTokenHash(app.db, hash);
        tokenCache.set(hash, principal);
      }
      if (principal) {
        req.principal = principal;
        return;
      }
    }
    return reply.code(401).send({ ...errorBody('unauthorized access', 'unauthorized', 401) });
  });
}
