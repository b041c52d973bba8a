import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { hashPassword, needsRehash, PRODUCTION_COST, verifyPassword } from './passwords.ts';
import { addUser } from './service.ts';
import { users } from './tables.ts';

const LEGACY = { N: 2 ** 15, r: 8, p: 1 };

describe('password hashing', () => {
  it('hashes at N=2^17, r=8, p=1 in production, within scrypt memory limits', async () => {
    expect(PRODUCTION_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('a long password', PRODUCTION_COST);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('a long password', stored)).toBe(true);
    expect(await verifyPassword('a long passwore', stored)).toBe(false);
  });

  it('still verifies hashes made with older parameters, and says they need re-hashing', async () => {
    const legacy = await hashPassword('old password', LEGACY);
    expect(await verifyPassword('old password', legacy)).toBe(true);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash(await hashPassword('new password'))).toBe(false);
  });

  it('refuses stored hashes that are not ours or would ask for absurd memory', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$x',
      'scrypt$4294967296$8$1$c2FsdA==$aGFzaA==',
      'scrypt$abc$8$1$c2FsdA==$aGFzaA==',
    ]) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
  });

  it('re-hashes an older hash at log-in with the current parameters', async () => {
    const t = await newTenant();
    const email = `legacy-${randomUUID().slice(0, 8)}@example.test`;
    const user = await addUser(t.ctx, { name: 'Legacy', email });
    const legacy = await hashPassword('old but right', LEGACY);
    await t.db.update(users).set({ passwordHash: legacy }).where(eq(users.id, user.id));
    const stored = async () =>
      (await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)))[0]?.h ?? '';

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/ext/session',
      remoteAddress: '10.250.0.1',
      payload: { email, password: 'wrong' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(await stored()).toBe(legacy);

    const right = await t.app.inject({
      method: 'POST',
      url: '/api/ext/session',
      remoteAddress: '10.250.0.1',
      payload: { email, password: 'old but right' },
    });
    expect(right.statusCode).toBe(200);
    const after = await stored();
    expect(after).not.toBe(legacy);
    expect(needsRehash(after)).toBe(false);
    expect(await verifyPassword('old but right', after)).toBe(true);
  });
});
