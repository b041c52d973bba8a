import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { testDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { addUser } from './service.ts';

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  const line = (Array.isArray(raw) ? raw[0] : raw) as string;
  return { line, value: line.split(';')[0] as string };
};

describe('web sessions', () => {
  it('logs in with a cookie, needs the CSRF token to write, and logs out', async () => {
    const t = await newTenant();
    await addUser(t.ctx, {
      name: 'Sam',
      email: `sam-${t.companyId}@example.test`,
      password: 'sam password 1',
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/ext/session',
      payload: { email: `SAM-${t.companyId}@example.test`, password: 'sam password 1' },
    });
    expect(login.statusCode).toBe(200);
    const { line, value } = cookieOf(login);
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toMatch(/Secure/i);
    const csrf = login.json().data.csrf_token;
    expect(login.json().data.user.name).toBe('Sam');

    const me = await t.app.inject({ url: '/api/v1/users/me', headers: { cookie: value } });
    expect(me.json().data.name).toBe('Sam');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v2/persons',
      headers: { cookie: value },
      payload: { name: 'X' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v2/persons',
      headers: { cookie: value, 'x-csrf-token': csrf },
      payload: { name: 'X' },
    });
    expect(withCsrf.statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/ext/session',
      headers: { cookie: value, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/users/me', headers: { cookie: value } })).statusCode).toBe(
      401,
    );
  });

  it('marks the cookie Secure behind a TLS proxy only when TRUST_PROXY trusts it', async () => {
    const t = await newTenant();
    const email = `tls-${t.companyId}@example.test`;
    await addUser(t.ctx, { name: 'Tls', email, password: 'tls password 1' });
    const behindProxy = await buildApp({ database: await testDatabase(), trustProxy: ['127.0.0.1'] });
    try {
      const login = (app: FastifyInstance) =>
        app.inject({
          method: 'POST',
          url: '/api/ext/session',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' },
          payload: { email, password: 'tls password 1' },
        });
      expect(cookieOf(await login(behindProxy)).line).toMatch(/;\s*Secure/i);
      // Without TRUST_PROXY, anyone can send X-Forwarded-Proto: it is not believed.
      expect(cookieOf(await login(t.app)).line).not.toMatch(/Secure/i);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses wrong passwords calmly and rate limits them', async () => {
    const t = await newTenant();
    const email = `limited-${t.companyId}@example.test`;
    await addUser(t.ctx, { name: 'L', email, password: 'right password' });
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/ext/session',
        remoteAddress: '10.9.8.7',
        payload: { email, password },
      });
    for (let i = 0; i < 5; i++) {
      const res = await attempt('wrong password');
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('Wrong email or password');
    }
    const blocked = await attempt('right password');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/ext/session',
      payload: { email: 'nobody@example.test', password: 'x' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('says the database is set up and refuses a second set-up', async () => {
    const t = await newTenant();
    const setup = await t.app.inject({ url: '/api/ext/setup' });
    expect(setup.json().data.needs_setup).toBe(false);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/ext/setup',
      payload: { company_name: 'X', name: 'Y', email: 'y@example.test', password: 'long enough' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets admins add users and anyone regenerate their API token', async () => {
    const t = await newTenant();
    const added = await t.post('/api/ext/users', {
      name: 'New Rep',
      email: `rep-${t.companyId}@example.test`,
    });
    expect(added.status).toBe(200);
    const rep = await t.addUser();
    expect(
      (await rep.as.post('/api/ext/users', { name: 'Nope', email: `nope-${t.companyId}@example.test` }))
        .status,
    ).toBe(403);
    const fresh = await rep.as.post('/api/ext/users/me/api-token');
    const token = fresh.body.data.api_token;
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(
      (await t.app.inject({ url: '/api/v1/users/me', headers: { 'x-api-token': rep.token } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/users/me', headers: { 'x-api-token': token } })).statusCode,
    ).toBe(200);
  });
});
