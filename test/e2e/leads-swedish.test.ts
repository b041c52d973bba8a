import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer, serveJobsFor } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { chooseSwedish, closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** Text as shown, with the no-break and narrow no-break spaces Intl puts in Swedish numbers made plain. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const textOf = async (page: Page, pattern: RegExp) =>
  plain(await page.getByText(pattern).first().textContent());

describeBrowser('web app in Chromium: leads in Swedish', () => {
  afterAll(closeBrowser);

  it.each([
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])('converts a lead from its view and three from the list, in Swedish, at $width px', async (viewport) => {
    const { base } = await realServer();
    const t = await newTenant();
    serveJobsFor(t.companyId);
    const person = (await t.post('/api/v2/persons', { name: 'Åsa Öberg' })).body.data;
    const created = await t.post('/api/v1/leads', {
      title: 'Solceller Öberg',
      person_id: person.id,
      value: { amount: 12345.5, currency: 'SEK' },
      expected_close_date: '2026-12-02',
    });
    expect(created.status).toBe(201);
    const bulk = ['Tak Lund', 'Tak Malmö', 'Tak Umeå'];
    for (const [i, title] of bulk.entries()) {
      const res = await t.post('/api/v1/leads', {
        title,
        person_id: person.id,
        value: { amount: 1000 * (i + 1), currency: 'EUR' },
      });
      expect(res.status).toBe(201);
    }

    const p = await openPage(base, viewport);
    const { page } = p;
    await logIn(page, t.email, t.password);

    await chooseSwedish(page);
    expect((await t.get('/api/v1/users/me')).body.data.locale).toBe('sv_SE');

    // The Leads Inbox: money and dates in Swedish.
    await page.goto('/leads');
    await page.getByRole('heading', { name: 'Leads Inbox' }).waitFor();
    await page.getByRole('link', { name: 'Solceller Öberg' }).waitFor();
    expect(await textOf(page, /12\s345,50\skr/)).toBe('12 345,50 kr');
    expect(await textOf(page, /^2 dec\. 2026$/)).toBe('2 dec. 2026');
    expect(await textOf(page, /^1\s000,00\s€$/)).toBe('1 000,00 €');
    await page.getByRole('columnheader', { name: 'Förväntat avslutsdatum' }).waitFor();
    await p.shot('leads-sv-inbox');

    // One lead from its detail view: "Konvertera till affär".
    await page.getByRole('link', { name: 'Solceller Öberg' }).click();
    const details = page.getByRole('region', { name: 'Detaljer' });
    await details.getByRole('button', { name: 'Redigera Förväntat avslutsdatum' }).waitFor();
    expect(plain(await details.textContent())).toContain('12 345,50 kr');
    expect(plain(await details.textContent())).toContain('2 dec. 2026');
    await p.shot('leads-sv-detail');
    await page.getByRole('button', { name: 'Konvertera till affär' }).click();
    const dialog = page.getByRole('dialog', { name: 'Konvertera till affär' });
    await dialog
      .getByText('”Solceller Öberg” blir en affär och försvinner från Leads Inbox.', { exact: false })
      .waitFor();
    await p.shot('leads-sv-convert');
    await dialog.getByRole('button', { name: 'Konvertera', exact: true }).click();
    await page.waitForURL(/\/deals\/\d+$/);
    const dealId = Number(page.url().split('/').pop());
    expect((await t.get(`/api/v2/deals/${dealId}`)).body.data).toMatchObject({
      title: 'Solceller Öberg',
      value: 12345.5,
      currency: 'SEK',
    });

    // Three from the list: "Konvertera till affärer" → "Konvertera leads".
    await page.goto('/leads');
    for (const title of bulk) await page.getByRole('checkbox', { name: `Markera ${title}` }).check();
    const bar = page.getByRole('region', { name: 'Massåtgärder' });
    await bar.getByText('3 markerade').waitFor();
    await p.shot('leads-sv-selected');
    await bar.getByRole('button', { name: 'Konvertera till affärer' }).click();
    const many = page.getByRole('dialog', { name: 'Konvertera till affärer' });
    await many.getByText('3 leads blir affärer i den här pipelinen och det här steget.').waitFor();
    await p.shot('leads-sv-bulk-convert');
    await many.getByRole('button', { name: 'Konvertera leads' }).click();
    await many.getByRole('table', { name: 'Resultat av konverteringen' }).waitFor();
    await many.getByText('3 av 3 konverterade').waitFor();
    await page.getByText('3 leads konverterade till affärer').waitFor();
    const deals = (await t.get('/api/v2/deals')).body.data as { title: string }[];
    expect(deals.map((d) => d.title).sort()).toEqual(['Solceller Öberg', ...bulk].sort());
    await p.shot('leads-sv-bulk-results');
    await many.getByRole('button', { name: 'Klar' }).click();
    await page.getByText('Inga leads än').waitFor();
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
