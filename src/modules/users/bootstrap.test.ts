import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { verifyPassword } from './passwords.ts';
import { users } from './tables.ts';

// The first start needs an empty database, so this file opens its own embedded one.
describe('first start', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await database.migrate(); // idempotent
  });
  afterAll(() => database.close());

  it('asks for an admin when none is configured, then creates it from ADMIN_* once', async () => {
    expect(await ensureFirstAdmin(database.db, undefined)).toBe('missing');
    const seed = { email: 'Boss@Example.com', password: 'a long password', apiToken: 'tok-0123456789abcdef' };
    expect(await ensureFirstAdmin(database.db, seed)).toBe('created');
    expect(await ensureFirstAdmin(database.db, { ...seed, email: 'other@example.com' })).toBe('exists');

    const [admin] = await database.db.select().from(users);
    expect(admin).toMatchObject({ email: 'Boss@Example.com', isAdmin: true });
    expect(admin?.passwordHash).toMatch(/^scrypt\$/);
    expect(admin?.passwordHash).not.toContain('a long password');
    expect(await verifyPassword('a long password', admin?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('a wrong password', admin?.passwordHash ?? '')).toBe(false);

    const app = await buildApp({ database });
    const me = await app.inject({ url: '/api/v1/users/me', headers: { 'x-api-token': seed.apiToken } });
    expect(me.statusCode).toBe(200);
    expect(me.json().data).toMatchObject({
      email: 'Boss@Example.com',
      is_admin: 1,
      company_name: 'My company',
    });
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    await app.close();
  });
});
