import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../modules/errors.ts';

/** Whether an Origin names the host the request was sent to (default ports count as given). */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/**
 * For routes a browser reaches without a CSRF token (log-in, first-run set-up, log-out): refuses
 * requests that another site's page could make.
 *
 * - A body must be JSON (415 otherwise): an HTML form on another site can post form encodings and
 *   text/plain, but not application/json without a CORS preflight, which this server never grants.
 * - An `Origin` header must name this server (403 otherwise; `null` included). The host compared is
 *   the one the browser asked for: the Host header, or X-Forwarded-Host behind TRUST_PROXY. Browsers
 *   send Origin with every POST and DELETE; a request without one comes from a non-browser client
 *   (curl, scripts), which no other site can drive, so it is let through.
 */
export async function sameOriginJson(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.host)) {
    throw new AppError('forbidden', 'Cross-site request refused: the Origin is not this server');
  }
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new AppError('unsupported_media_type', 'The request body must be application/json');
    }
  }
}
