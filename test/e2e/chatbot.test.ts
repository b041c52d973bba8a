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
});
