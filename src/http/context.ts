import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import type { Ctx } from '../modules/context.ts';
import { AppError } from '../modules/errors.ts';

export interface Principal {
  userId: number;
  companyId: number;
  isAdmin: boolean;
  via: 'api_token' | 'session';
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The domain context of an authenticated request. */
export function ctxOf(req: FastifyRequest): Ctx {
  const p = req.principal;
  if (!p) throw new AppError('unauthorized', 'unauthorized access');
  return {
    db: req.server.db,
    companyId: p.companyId,
    user: { id: p.userId, isAdmin: p.isAdmin },
    actor: {
      type: p.via === 'api_token' ? 'api_token' : 'user',
      userId: p.userId,
      source: p.via === 'api_token' ? 'api' : 'app',
      userAgent: req.headers['user-agent'] ?? null,
    },
  };
}
