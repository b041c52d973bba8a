import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/client.ts';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, openPage } from './browser.ts';

/** Intl's narrow and plain no-break spaces, as plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** Logs in on the (English) log-in page of an English browser; the user's own Svenska takes over. */
async function logInSwedish(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

describeBrowser('web app in Chromium: Affärer, kontakter and inställningar in Svenska', () => {
  afterAll(closeBrowser);

  it('shows the board, a deal, contacts and settings in Swedish, and marks deals won and lost', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    expect((await t.patch('/api/ext/users/me', { locale: 'sv_SE' })).status).toBe(200);
    const org = (await t.post('/api/v2/organizations', { name: 'Nilssons Bygg AB' })).body.data;
    const person = (
      await t.post('/api/v2/persons', {
        name: 'Åsa Öberg',
        org_id: org.id,
        emails: [{ value: 'asa@nilsson.example', primary: true, label: 'work' }],
        phones: [{ value: '+46 70 123 45 67', primary: true, label: 'mobile' }],
      })
    ).body.data;
    const stages = (await t.get('/api/v2/stages')).body.data as { id: number; order_nr: number }[];
    const first = [...stages].sort((a, b) => a.order_nr - b.order_nr)[0]!;
    const deal = async (title: string, value: number) =>
      (
        await t.post('/api/v2/deals', {
          title,
          value,
          currency: 'SEK',
          person_id: person.id,
          org_id: org.id,
          stage_id: first.id,
          expected_close_date: '2026-12-02',
        })
      ).body.data as { id: number };
    const roof = await deal('Takbyte hos Nilssons', 125000);
    const windows = await deal('Fönsterbyte', 48000.5);

    for (const viewport of VIEWPORTS) {
      const p = await openPage(base, viewport);
      const { page } = p;
      await logInSwedish(page, t.email, t.password);

      // The board: "Affärer", column sums in kronor.
      await page.goto('/deals');
      const column = page.locator(`[data-stage-id="${first.id}"]`).first();
      await column.getByTestId('stage-count').filter({ hasText: '2 affärer' }).waitFor();
      expect(plain(await column.getByTestId('stage-total').textContent())).toBe('173 000,50 kr');
      expect(plain(await column.getByTestId('stage-weighted').textContent())).toMatch(
        /^Viktat: [\d ]+(,\d\d)? kr$/,
      );
      expect(plain(await page.getByTestId('pipeline-totals').textContent())).toMatch(
        /^2 affärer · 173 000,50 kr · viktat [\d ]+(,\d\d)? kr$/,
      );
      await p.shot('sv-board');

      // A deal: Swedish dates and amounts.
      await page.goto(`/deals/${roof.id}`);
      await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
      await page.getByText('Förväntat avslutsdatum').first().waitFor();
      await page.getByText('2 dec. 2026').waitFor();
      expect(
        plain(
          await page
            .getByText(/^125\s000\skr$/)
            .first()
            .textContent(),
        ),
      ).toBe('125 000 kr');
      await page.getByRole('tab', { name: 'Tidslinje' }).click();
      await page.getByText('Affären skapades').waitFor();
      await p.shot('sv-deal');

      // Contacts: the list and the person.
      await page.goto('/contacts/people');
      await page.getByRole('heading', { name: 'Kontakter' }).waitFor();
      await page.getByRole('columnheader', { name: 'Organisation' }).waitFor();
      await page.getByRole('link', { name: 'Åsa Öberg' }).waitFor();
      await p.shot('sv-people');
      await page.getByRole('link', { name: 'Åsa Öberg' }).click();
      await page.getByText('Synlig för').waitFor();
      await page.getByText('(mobil)').waitFor();
      await page.getByRole('heading', { name: /^Affärer/ }).waitFor();
      await p.shot('sv-person');

      // Settings: pipelines and stages, users.
      await page.goto('/settings/pipelines');
      await page.getByRole('heading', { name: 'Steg' }).waitFor();
      await page.getByRole('button', { name: 'Lägg till steg' }).waitFor();
      await p.shot('sv-settings-pipelines');
      await page.goto('/settings/users');
      await page.getByRole('columnheader', { name: 'Administratör' }).waitFor();
      await p.shot('sv-settings-users');
      expect(p.errors).toEqual([]);
      await p.close();
    }

    // Won from the detail view; lost with a reason from the dialog.
    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logInSwedish(page, t.email, t.password);
    await page.goto(`/deals/${roof.id}`);
    await page.getByRole('button', { name: 'Vunnen', exact: true }).click();
    await page.getByText('Affären markerad som vunnen').waitFor();
    await page.getByText(/^Vunnen \d+ \w+\.? \d{4}$/).waitFor();
    expect((await t.get(`/api/v2/deals/${roof.id}`)).body.data.status).toBe('won');

    await page.goto(`/deals/${windows.id}`);
    await page.getByRole('button', { name: 'Förlorad', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Markera ”Fönsterbyte” som förlorad' });
    await dialog.getByRole('textbox', { name: 'Förlustorsak' }).fill('Valde en annan leverantör');
    await p.shot('sv-lost-dialog');
    await dialog.getByRole('button', { name: 'Markera som förlorad' }).click();
    await page.getByText('Affären markerad som förlorad').waitFor();
    expect((await t.get(`/api/v2/deals/${windows.id}`)).body.data).toMatchObject({
      status: 'lost',
      lost_reason: 'Valde en annan leverantör',
    });
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('sets up a new Pipewright in Svenska, and the first admin keeps Svenska', async () => {
    // Set-up runs only on a database without users: a server of its own, on an empty embedded database.
    const database = await openDatabase({});
    await database.migrate();
    const app = await buildApp({ database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as { port: number };
      const p = await openPage(`http://127.0.0.1:${port}`, { width: 390, height: 844 });
      const { page } = p;
      await page.goto('/');
      await page.getByRole('heading', { name: 'Welcome to Pipewright' }).waitFor();
      await page.getByLabel('Language', { exact: true }).first().click();
      await page.getByRole('option', { name: 'Svenska' }).click();
      await page.getByRole('heading', { name: 'Välkommen till Pipewright' }).waitFor();
      await page.getByLabel('Företagets namn').fill('Nilssons Bygg AB');
      await page.getByLabel('Ditt namn').fill('Åsa Öberg');
      await page.getByLabel('E-post').fill('asa@nilsson.example');
      await page.getByLabel('Lösenord').fill('ett långt lösenord');
      await p.shot('sv-setup');
      await page.getByRole('button', { name: 'Skapa företag' }).click();
      await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
      const me = await page.evaluate(async () => {
        const body = (await (await fetch('/api/v1/users/me')).json()) as { data: { locale: string } };
        return body.data.locale;
      });
      expect(me).toBe('sv_SE');
      // the company starts in Swedish and in kronor: the board's stages and sums
      await page.goto('/deals');
      await page.getByText('Kvalificerad').first().waitFor();
      await page.getByText('Förhandling inledd').first().waitFor({ state: 'attached' });
      expect((await page.getByText(/0 affärer · 0\skr/).count()) > 0).toBe(true);
      await p.shot('sv-new-company-board');
      expect(p.errors).toEqual([]);
      await p.close();
    } finally {
      await app.close();
      await database.close();
    }
  });
});
