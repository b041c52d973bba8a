import { describe, expect, it } from 'vitest';
import { newTenant } from '../../test/helpers/app.ts';

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
