import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { DEMO_CARDS } from '../factories/index.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** The first answer needs this long after the page loaded (MIN_FILL_MS, and a margin). */
const START_WAIT_MS = 3500;

describeBrowser('chatbot in Chromium: the hosted chat page on a phone, to the Leads Inbox', () => {
  afterAll(closeBrowser);

  it('a visitor chats on the hosted page at 390 px; the lead and its transcript note show in the app', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const made = await t.post('/api/ext/chatbots', { name: 'Acme assistant', cards: DEMO_CARDS });
    expect(made.status).toBe(200);
    const bot = made.body.data;

    const p = await openPage(base, { width: 390, height: 844 });
    await p.page.goto(`/c/${bot.public_id}`);
    await p.page.getByRole('heading', { name: 'Acme assistant' }).waitFor();
    await p.page.getByText('What brings you here?').waitFor();
    await p.shot('chatbot-phone-opening');
    const desk = await openPage(base, { width: 1440, height: 900 });
    await desk.page.goto(`/c/${bot.public_id}`);
    await desk.page.getByText('What brings you here?').waitFor();
    await desk.shot('chatbot-desk-opening');
    await desk.close();
    await p.page.waitForTimeout(START_WAIT_MS);
    await p.page.getByRole('button', { name: 'Pricing' }).click();
    const answer = () => p.page.getByLabel('Your answer');
    await p.page.getByText('What is your name?').waitFor();
    await answer().fill('Maja Lind');
    await answer().press('Enter');
    await p.page.getByText('Your e-mail, please?').waitFor();
    // a refused answer says why next to the input and keeps the conversation
    await answer().evaluate((i) => i.closest('form')?.setAttribute('novalidate', ''));
    await answer().fill('maja at lind');
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.getByRole('alert').getByText('Please enter an e-mail address').waitFor();
    await p.shot('chatbot-phone-refused');
    await answer().fill('maja@lindkonsult.example');
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.getByText('Which company are you with?').waitFor();
    await answer().fill('Lind Konsult AB');
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.getByText('Thanks, we will be in touch.').waitFor();
    await p.shot('chatbot-phone-ended');
    // the refusal's own 400 is the only error the browser logs
    expect(p.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await p.close();

    const leads = (await t.get('/api/v1/leads', { limit: 100 })).body.data;
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ source_name: 'Leadbooster', origin_id: String(bot.id) });

    const app = await openPage(base);
    await logIn(app.page, t.email, t.password);
    await app.page.goto('/leads');
    const row = app.page.getByRole('row', { name: /Maja Lind/ });
    await row.getByText('Lind Konsult AB', { exact: true }).waitFor();
    await app.page.goto(`/leads/${leads[0].id}`);
    await app.page.getByText('Chatbot conversation: Acme assistant').waitFor();
    await app.page.getByText('Visitor: maja@lindkonsult.example').waitFor();
    await app.shot('chatbot-lead-transcript');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('Leads → Chatbot lists the playbooks with their switch; the builder previews and saves cards', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const made = await t.post('/api/ext/chatbots', { name: 'Acme assistant', cards: DEMO_CARDS });
    expect(made.status).toBe(200);
    const bot = made.body.data;
    const app = await openPage(base);
    await logIn(app.page, t.email, t.password);
    await app.page.goto('/leads');
    await app.page.getByRole('button', { name: 'More actions' }).click();
    await app.page.getByRole('menuitem', { name: 'Chatbot' }).click();
    await app.page.getByRole('cell', { name: 'Acme assistant', exact: true }).waitFor();
    await app.shot('chatbots-list');
    await app.page.getByRole('switch', { name: 'Enable Acme assistant' }).click({ force: true });
    await expect.poll(async () => (await t.get(`/api/ext/chatbots/${bot.id}`)).body.data.enabled).toBe(false);
    await app.page.getByRole('button', { name: 'Edit Acme assistant' }).click();
    const dialog = app.page.getByRole('dialog');
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.getByText('What brings you here?').waitFor();
    await preview.getByRole('button', { name: 'Pricing' }).click();
    await preview.getByText('What is your name?').waitFor();
    await dialog.getByLabel('Card 3 text').fill('Who am I talking to?');
    // a changed draft starts the preview again from the first card
    await preview.getByText('What is your name?').waitFor({ state: 'detached' });
    await app.shot('chatbot-builder');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = (await t.get(`/api/ext/chatbots/${bot.id}`)).body.data;
    expect(saved.cards[2].text).toBe('Who am I talking to?');
    expect(app.errors).toEqual([]);
    await app.close();

    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/leads/chatbot');
    await phone.page.getByRole('cell', { name: 'Acme assistant', exact: true }).waitFor();
    await phone.shot('chatbots-list');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
