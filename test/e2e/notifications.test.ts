import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, getBrowser, logIn, openPage } from './browser.ts';

/** The page needs this long between loading and sending (MIN_FILL_MS, and a margin). */
const FILL_WAIT_MS = 3500;

describeBrowser('notifications in Chromium: a web form submission reaches its owner', () => {
  afterAll(closeBrowser);

  it('a visitor sends the hosted form logged out; the owner sees the bell, the panel and the lead', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const made = await t.post('/api/ext/web-forms', {
      name: 'Contact us',
      fields: [
        { maps_to: 'person.name', label: 'Your name', required: true },
        { maps_to: 'person.email', label: 'E-mail', required: true },
      ],
    });
    expect(made.status).toBe(200);

    // The visitor: logged out, in a browser of their own.
    const context = await (await getBrowser()).newContext({ baseURL: base });
    try {
      const page = await context.newPage();
      await page.goto(`/f/${made.body.data.public_id}`);
      await page.getByLabel('Your name').fill('Åsa Öberg');
      await page.getByLabel('E-mail').fill('asa@oberg.example');
      await page.waitForTimeout(FILL_WAIT_MS);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you!').waitFor();
    } finally {
      await context.close();
    }
    const [lead] = (await t.get('/api/v1/leads', { limit: 10 })).body.data;
    const item = 'New lead from web form «Contact us»: Åsa Öberg';

    // On a phone: the bell says one unread; the panel lists it; Escape closes it, focus back on the bell.
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    const phoneBell = phone.page.getByRole('button', { name: 'Notifications, 1 unread' });
    await phoneBell.click();
    const phonePanel = phone.page.getByRole('dialog', { name: 'Notifications' });
    await phonePanel.getByRole('link', { name: new RegExp(item) }).waitFor();
    await phone.shot('notifications-panel');
    await phone.page.keyboard.press('Escape');
    await phonePanel.waitFor({ state: 'detached' });
    // run in the page as a string: the server's type checks have no DOM library
    expect(await phone.page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).toBe(
      'Notifications, 1 unread',
    );
    expect(phone.errors).toEqual([]);
    await phone.close();

    // On a desk, by keyboard: open the panel, follow the item to the lead; it is read then.
    const desk = await openPage(base);
    await logIn(desk.page, t.email, t.password);
    const bell = desk.page.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.focus();
    await desk.page.keyboard.press('Enter');
    const panel = desk.page.getByRole('dialog', { name: 'Notifications' });
    const link = panel.getByRole('link', { name: new RegExp(item) });
    await link.waitFor();
    // the unread one says so to screen readers too
    expect(await link.textContent()).toContain('Unread: ');
    await desk.shot('notifications-panel');
    await link.focus();
    await desk.page.keyboard.press('Enter');
    await desk.page.waitForURL(new RegExp(`/leads/${lead.id}$`));
    await desk.page.getByRole('button', { name: 'Convert to deal' }).waitFor();
    await desk.page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await desk.shot('notifications-lead');
    expect((await t.get('/api/ext/notifications')).body.data[0].is_read).toBe(true);
    expect(desk.errors).toEqual([]);
    await desk.close();
  });
});
