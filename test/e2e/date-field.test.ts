import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, openPage } from './browser.ts';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** Today in this machine's time zone (the browser's too), YYYY-MM. */
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** Log-in in English (the browser's language), then the user's own language: `nav` is its menu's name. */
async function logIn(page: Page, email: string, password: string, nav: string) {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: nav }).waitFor();
}

describeBrowser('web app in Chromium: the date field', () => {
  afterAll(closeBrowser);

  it('starts the week on Monday in Swedish, and saves a chosen or typed date as YYYY-MM-DD', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    expect((await t.patch('/api/ext/users/me', { locale: 'sv_SE' })).status).toBe(200);
    const person = (await t.post('/api/v2/persons', { name: 'Åsa Öberg' })).body.data;
    const created = await t.post('/api/v1/leads', { title: 'Datumlead', person_id: person.id });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const closeDate = async () => (await t.get(`/api/v1/leads/${leadId}`)).body.data.expected_close_date;

    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const p = await openPage(base, viewport);
      const { page } = p;
      await logIn(page, t.email, t.password, 'Huvudmeny');
      await page.goto(`/leads/${leadId}`);
      const details = page.getByRole('region', { name: 'Detaljer' });

      // Chosen in the calendar: Monday first, the day saved at once.
      // the calendar opens on the month of the date set, else on this month
      const month = ((await closeDate()) as string | null)?.slice(0, 7) ?? thisMonth();
      await details.getByRole('button', { name: 'Redigera Förväntat avslutsdatum' }).click();
      const input = details.getByRole('textbox', { name: 'Förväntat avslutsdatum' });
      await input.waitFor();
      // the calendar opens below the field, in a portal
      const weekdays = page.locator('table thead th');
      await weekdays.first().waitFor();
      expect(await weekdays.allTextContents()).toEqual(['må', 'ti', 'on', 'to', 'fr', 'lö', 'sö']);
      await p.shot('date-field-sv');
      const day = viewport.width === 1440 ? '15' : '16';
      await page.locator('table button', { hasText: new RegExp(`^${day}$`) }).click();
      await expect.poll(closeDate).toBe(`${month}-${day}`);
      await details.getByRole('button', { name: 'Redigera Förväntat avslutsdatum' }).waitFor();

      // Typed as the app shows dates, saved on Enter.
      await details.getByRole('button', { name: 'Redigera Förväntat avslutsdatum' }).click();
      await input.fill(viewport.width === 1440 ? '3 mars 2027' : '2027-03-04');
      await input.press('Enter');
      const typed = viewport.width === 1440 ? '2027-03-03' : '2027-03-04';
      await expect.poll(closeDate).toBe(typed);
      // the field shows the saved day once the editor has closed on the saved lead
      await expect
        .poll(async () => plain((await details.textContent()) ?? ''))
        .toContain(viewport.width === 1440 ? '3 mars 2027' : '4 mars 2027');
      expect(p.errors).toEqual([]);
      await p.close();
    }

    // The activity form's due date: typed, saved as YYYY-MM-DD, shown in Swedish.
    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password, 'Huvudmeny');
    await page.goto(`/leads/${leadId}`);
    await page.getByRole('tab', { name: 'Aktiviteter' }).click();
    await page.getByRole('textbox', { name: 'Ämne' }).fill('Ring Åsa');
    const due = page.getByRole('textbox', { name: 'Förfallodatum' });
    await due.fill('2 dec. 2026');
    await due.press('Tab');
    await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
    await page.getByRole('list', { name: 'Planerade aktiviteter' }).getByText('Ring Åsa').waitFor();
    const activities = (await t.get('/api/v2/activities', { lead_id: leadId })).body.data as {
      subject: string;
      due_date: string;
    }[];
    expect(activities.find((a) => a.subject === 'Ring Åsa')?.due_date).toBe('2026-12-02');
    const item = page.getByRole('listitem').filter({ hasText: 'Ring Åsa' });
    expect(plain(await item.textContent())).toContain('2 dec. 2026');
    await p.shot('activity-due-sv');

    // In English the week starts on Sunday.
    expect((await t.patch('/api/ext/users/me', { locale: 'en_US' })).status).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: 'Notes' }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Edit Expected close date' }).click();
    await page.locator('table thead th').first().waitFor();
    expect(await page.locator('table thead th').allTextContents()).toEqual([
      'Su',
      'Mo',
      'Tu',
      'We',
      'Th',
      'Fr',
      'Sa',
    ]);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
