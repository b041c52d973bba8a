import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app: web/dist, next to src/ (or dist/src when compiled). */
export const webDist = [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../web/dist')].find(
  (p) => fs.existsSync(path.join(p, 'index.html')),
);

const API_PATH = /^\/(api|v1|healthz)(\/|$)/;

/** The path as the router reads it: doubled slashes collapsed, percent-encoding decoded. */
function plainPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Broken encoding: keep it as sent.
  }
  return decoded.replace(/\/{2,}/g, '/');
}

/**
 * Serves the built React app at `/`; client-side routes fall back to index.html. API paths never do:
 * they keep their JSON 404.
 */
export async function registerWebApp(
  app: FastifyInstance,
): Promise<((req: FastifyRequest, reply: FastifyReply) => boolean) | null> {
  if (!webDist) return null;
  // Files are listed at start-up (wildcard: false); Vite's hashed names make them immutable.
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    maxAge: '365d',
    immutable: true,
  });
  const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
  const sendIndex = (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/', { schema: { hide: true } }, sendIndex);
  return (req, reply) => {
    if (req.method !== 'GET' || API_PATH.test(plainPath(req.url))) return false;
    void sendIndex(req, reply);
    return true;
  };
}
