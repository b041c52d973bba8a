import { describe, expect, it } from 'vitest';
import { newTenant } from '../../test/helpers/app.ts';
import { testDatabase } from '../../test/helpers/db.ts';
import { buildApp } from '../app.ts';
import { EMBEDDABLE } from './security-headers.ts';

/** Routes reachable without a caller, on purpose. */
const PUBLIC = new Set([
  'GET /api/ext/setup',
  'POST /api/ext/setup',
  'GET /api/ext/session',
  'POST /api/ext/session',
]);

describe('authentication is decided by the route that matched', () => {
  it('protects a route however its path is spelled', async () => {
    const t = await newTenant();
    for (const url of [
      '/api/v2/pipelines',
      '/api/%76%32/pipelines',
      '/%61pi/v2/pipelines',
      '/api/v2/%70ipelines',
      '//api//v2//pipelines',
      '/api/v2/pipelines/',
      '/api/%65xt/leads/deleted',
      '/api/ext//leads/deleted',
      '/%76%31/users/me',
      '/v1//users/me',
    ]) {
      const anonymous = await t.app.inject({ url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json(), url).toMatchObject({ success: false, errorCode: 401 });
      // The same spelling reaches the route with a token: the 401 above was the route refusing.
      const withToken = await t.app.inject({ url, headers: { 'x-api-token': t.token } });
      expect(withToken.statusCode, url).toBe(200);
    }
  });

  it('protects every operation of the API document but the few marked public', async () => {
    const t = await newTenant();
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(ops.length).toBeGreaterThan(50);
    const open: string[] = [];
    for (const { method, path } of ops) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401) open.push(`${method} ${path}`);
    }
    expect(open.filter((op) => !PUBLIC.has(op))).toEqual([]);
  });

  it('serves the API reference, its document and health without a caller', async () => {
    const t = await newTenant();
    for (const url of ['/api/docs', '/api/docs/static/index.html', '/api/openapi.json', '/healthz']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(400);
    }
  });
});

describe('security headers', () => {
  const csp = (res: { headers: Record<string, unknown> }) => String(res.headers['content-security-policy']);

  it('sends a strict policy on the web app, the API, errors and the API reference', async () => {
    const t = await newTenant();
    for (const [url, headers] of [
      ['/', {}],
      ['/leads', {}],
      ['/api/v2/pipelines', { 'x-api-token': t.token }],
      ['/api/v2/no-such-thing', { 'x-api-token': t.token }],
      ['/api/v2/pipelines', {}],
      ['/api/docs/static/index.html', {}],
      ['/healthz', {}],
    ] as const) {
      const res = await t.app.inject({ url, headers });
      const policy = csp(res);
      expect(policy, url).toContain("default-src 'self'");
      expect(policy, url).toContain("script-src 'self';");
      expect(policy, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy, url).toContain("frame-ancestors 'none'");
      expect(policy, url).toContain("object-src 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      // Plain http: no HSTS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('sends HSTS over TLS, which behind a proxy means a trusted X-Forwarded-Proto', async () => {
    const t = await newTenant();
    const headers = { 'x-forwarded-proto': 'https' };
    expect(
      (await t.app.inject({ url: '/healthz', headers })).headers['strict-transport-security'],
    ).toBeUndefined();
    const behindProxy = await buildApp({ database: await testDatabase(), trustProxy: ['127.0.0.1'] });
    try {
      const res = await behindProxy.inject({ url: '/healthz', headers });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const plain = await behindProxy.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
  });

  it('lets a route be embedded by other sites when it says so', async () => {
    const app = await buildApp({ database: await testDatabase() });
    try {
      // /f/:publicId is the web forms' own (src/modules/web-forms/web-forms.test.ts checks its policy)
      app.get('/embed-check/:id', { ...EMBEDDABLE, schema: { hide: true } }, async () => 'a form');
      const res = await app.inject({ url: '/embed-check/1' });
      expect(csp(res)).toContain('frame-ancestors *');
      expect(csp(res)).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await app.close();
    }
  });
});
