import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';

describe("the caller's own settings", () => {
  it("keeps the web app language as the user's locale, shown by v1 users/me", async () => {
    const t = await newTenant();
    const before = await t.get('/api/v1/users/me');
    expect(before.body.data).toMatchObject({
      locale: 'en_US',
      language: { language_code: 'en', country_code: 'US' },
    });

    const set = await t.patch('/api/ext/users/me', { locale: 'sv_SE' });
    expect(set.status).toBe(200);
    expect(set.body.data.locale).toBe('sv_SE');
    const after = await t.get('/api/v1/users/me');
    expect(after.body.data).toMatchObject({
      locale: 'sv_SE',
      language: { language_code: 'sv', country_code: 'SE' },
    });
  });

  it('refuses a language it does not have, naming the field, and changes nothing', async () => {
    const t = await newTenant();
    for (const body of [{ locale: 'xx_YY' }, { locale: 'sv_SE', is_admin: true }, {}]) {
      const res = await t.patch('/api/ext/users/me', body);
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
    }
    expect((await t.patch('/api/ext/users/me', { locale: 'fr_FR' })).body.error).toMatch(/locale/);
    expect((await t.get('/api/v1/users/me')).body.data.locale).toBe('en_US');
  });
});
