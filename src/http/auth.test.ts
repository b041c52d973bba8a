import { describe, expect, it } from 'vitest';
import { newTenant } from '../../test/helpers/app.ts';

describe('API authentication', () => {
  it('accepts x-api-token, Authorization: Bearer and ?api_token=', async () => {
    const t = await newTenant();
    const viaHeader = await t.app.inject({ url: '/api/v1/users/me', headers: { 'x-api-token': t.token } });
    const viaBearer = await t.app.inject({
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${t.token}` },
    });
    const viaQuery = await t.app.inject({ url: `/v1/users/me?api_token=${t.token}` });
    for (const res of [viaHeader, viaBearer, viaQuery]) {
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: t.userId, company_id: t.companyId, is_you: true });
    }
  });

  it('refuses missing and wrong tokens with 401 in the error envelope', async () => {
    const t = await newTenant();
    for (const headers of [{}, { 'x-api-token': 'wrong' }, { authorization: 'Basic abc' }]) {
      const res = await t.app.inject({ url: '/api/v2/pipelines', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({
        success: false,
        error: 'unauthorized access',
        errorCode: 401,
        data: null,
      });
    }
  });

  it('collapses double slashes from a basePath with a trailing slash', async () => {
    const t = await newTenant();
    const res = await t.app.inject({ url: '/api/v1//users/me', headers: { 'x-api-token': t.token } });
    expect(res.statusCode).toBe(200);
  });

  it('answers unknown routes with a JSON 404 and oversized bodies with 413', async () => {
    const t = await newTenant();
    const res = await t.get('/api/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.success).toBe(false);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v2/pipelines',
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().success).toBe(false);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v2/pipelines',
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().success).toBe(false);
  });
});

describe('v1 users', () => {
  it('lists the company users only and gets one by id', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const extra = await a.addUser();
    const list = await a.get('/api/v1/users');
    expect(list.body.data.map((u: { id: number }) => u.id).sort()).toEqual([a.userId, extra.id].sort());
    expect((await a.get(`/api/v1/users/${extra.id}`)).body.data).toMatchObject({
      id: extra.id,
      is_admin: 0,
      is_you: false,
    });
    expect((await b.get(`/api/v1/users/${extra.id}`)).status).toBe(404);
    expect((await extra.as.get('/api/v1/users/me')).body.data.id).toBe(extra.id);
  });
});
