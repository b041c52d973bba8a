import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { chooseSwedish, closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: Svenska', () => {
  afterAll(closeBrowser);

  it('starts in the browser’s language, switches in Settings → Profile, and keeps it through log-out', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const person = (await t.post('/api/v2/persons', { name: 'Åsa Öberg' })).body.data;
    await t.post('/api/v1/leads', {
      title: 'Kronor lead',
      person_id: person.id,
      value: { amount: 12345.5, currency: 'SEK' },
    });

    // A Swedish browser: the log-in page is Swedish before anyone has chosen.
    const sv = await openPage(base, { width: 390, height: 844 }, 'sv-SE');
    await sv.page.goto('/');
    await sv.page.getByRole('heading', { name: 'Logga in i Pipewright' }).waitFor();
    await sv.shot('login-sv');
    await sv.close();

    // An English browser; the user picks Svenska in the settings, on a phone.
    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await chooseSwedish(page);
    expect((await t.get('/api/v1/users/me')).body.data.locale).toBe('sv_SE');
    expect(await page.evaluate('document.documentElement.lang')).toBe('sv-SE');
    await p.shot('profile-sv');

    // Money and dates in Swedish: 12 345,50 kr.
    await page.goto('/leads');
    await page.getByText('Kronor lead').waitFor();
    const value = await page.getByText(/12\s345,50\skr/).textContent();
    expect(value?.replace(/\s/g, ' ')).toBe('12 345,50 kr');

    // Reload and log out: still Swedish.
    await page.reload();
    await page.getByText('Kronor lead').waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in i Pipewright' }).waitFor();
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
