import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer. The web app is a Vite bundle of same-origin scripts with
 * no inline script (note HTML is sanitised on the server and injected as markup only), so scripts come
 * from 'self' alone. Styles allow 'unsafe-inline' because Mantine writes style attributes and <style>
 * elements at run time; that is styles only, never scripts. The API reference at /api/docs works under
 * the same policy (its images are data: URLs).
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  // No page of Pipewright may be framed by another site (clickjacking); see EMBEDDABLE.
  'frame-ancestors': ["'none'"],
  // upgrade-insecure-requests is left out: served over plain http on 127.0.0.1 it would break every asset.
} as const;

/** How long browsers remember to use https only, sent on answers that came over https. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Route options for a page that other sites may show in an iframe (the public web forms to come):
 * `app.get('/f/:formId', { ...EMBEDDABLE }, handler)`. Everything else of the policy stays.
 */
export const EMBEDDABLE: { helmet: Omit<FastifyHelmetOptions, 'global'> } = {
  helmet: {
    frameguard: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CSP_DIRECTIVES, 'frame-ancestors': ['*'] },
    },
  },
};

/**
 * Security headers on every answer (helmet): the CSP above, X-Frame-Options DENY, nosniff,
 * Referrer-Policy no-referrer, Cross-Origin-Opener-Policy and -Resource-Policy same-origin. HSTS only
 * when the request came over TLS (req.protocol is https, which behind a proxy needs TRUST_PROXY):
 * on plain http it means nothing to a browser and would mislead a reader of the headers.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
