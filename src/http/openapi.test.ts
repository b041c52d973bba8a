import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/helpers/app.ts';

describe('OpenAPI document', () => {
  it('lists the API under /api/v1 and /api/v2 with request schemas, without the /v1 copies', async () => {
    const app = await testApp();
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v2/pipelines');
    expect(paths).toContain('/api/v1/users/me');
    expect(paths.some((p) => p.startsWith('/v1/'))).toBe(false);
    const add = doc.paths['/api/v2/pipelines'].post;
    expect(add.requestBody.content['application/json'].schema.required).toContain('name');
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
