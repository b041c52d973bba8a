import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { stagesOf } from '../factories/index.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, getBrowser, logIn, openPage } from './browser.ts';

/** The page needs this long between loading and sending (MIN_FILL_MS, and a margin). */
const FILL_WAIT_MS = 3500;

describeBrowser('web forms in Chromium: the hosted form, without JavaScript, to the Leads Inbox', () => {
  afterAll(closeBrowser);

  it('a visitor without JavaScript sends the hosted form; the lead shows in the Leads Inbox', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const made = await t.post('/api/ext/web-forms', {
      name: 'Book a demo',
      fields: [
        { maps_to: 'person.name', label: 'Your name', required: true },
        {
          maps_to: 'person.email',
          label: 'Work e-mail',
          required: true,
          help_text: 'We reply within a day.',
        },
        { maps_to: 'organization.name', label: 'Company' },
        { maps_to: 'lead.title', label: 'What do you need?' },
      ],
      settings: {
        consent_text: 'You may contact me about this request.',
        description: 'Tell us about your team.',
      },
    });
    expect(made.status).toBe(200);
    const form = made.body.data;
    const url = `/f/${form.public_id}`;

    // The public page as people see it, on a desk and on a phone (axe scans both).
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const p = await openPage(base, viewport);
      await p.page.goto(url);
      await p.page.getByRole('heading', { name: 'Book a demo' }).waitFor();
      await p.shot('web-form-public');
      // a refused submission shows the errors next to the fields (submitted without the browser's checks)
      await p.page.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
      await p.page.getByRole('button', { name: 'Send' }).click();
      await p.page.getByRole('alert').first().waitFor();
      await p.shot('web-form-refused');
      // the refusal's own 400 is the only error the browser logs
      expect(p.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      await p.close();
    }

    const context = await (await getBrowser()).newContext({ baseURL: base, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await page.getByLabel('Your name').fill('Karin Ek');
      await page.getByLabel('Work e-mail').fill('karin@ekbygg.example');
      await page.getByLabel('Company').fill('Ek Bygg AB');
      await page.getByLabel('What do you need?').fill('Demo for twelve sellers');
      await page.getByLabel('You may contact me about this request.').check();
      await page.waitForTimeout(FILL_WAIT_MS);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you! Your details have been sent.').waitFor();
    } finally {
      await context.close();
    }

    const p = await openPage(base);
    await logIn(p.page, t.email, t.password);
    await p.page.goto('/leads');
    const row = p.page.getByRole('row', { name: /Demo for twelve sellers/ });
    await row.getByText('Karin Ek', { exact: true }).waitFor();
    await row.getByText('Ek Bygg AB', { exact: true }).waitFor();
    const leads = (await t.get('/api/v1/leads', { limit: 100 })).body.data;
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ source_name: 'Web forms', origin_id: String(form.id) });

    // Leads → Web forms: the list and the builder with its preview
    await p.page.goto('/leads/web-forms');
    await p.page.getByRole('cell', { name: 'Book a demo', exact: true }).waitFor();
    await p.shot('web-forms-list');
    await p.page.getByRole('button', { name: 'Edit Book a demo' }).click();
    const dialog = p.page.getByRole('dialog');
    await dialog.getByRole('region', { name: 'Preview' }).getByText('Your name').waitFor();
    await dialog.getByLabel('Field 1 label').fill('Full name');
    await dialog.getByRole('region', { name: 'Preview' }).getByText('Full name').waitFor();
    await p.shot('web-form-builder');
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('a form that targets a deal puts the deal in its stage', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const made = await t.post('/api/ext/web-forms', {
      name: 'Request a quote',
      target: 'deal',
      pipeline_id: pipeline,
      stage_id: stages[2],
      fields: [
        { maps_to: 'person.name', label: 'Name', required: true },
        { maps_to: 'deal.value', label: 'Budget' },
      ],
    });
    expect(made.status).toBe(200);
    const context = await (await getBrowser()).newContext({ baseURL: base, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`/f/${made.body.data.public_id}`);
      await page.getByLabel('Name').fill('Olof Berg');
      await page.getByLabel('Budget').fill('4500');
      await page.waitForTimeout(FILL_WAIT_MS);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you!').waitFor();
    } finally {
      await context.close();
    }
    const deals = (await t.get('/api/v2/deals')).body.data;
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({
      title: 'Olof Berg deal',
      stage_id: stages[2],
      pipeline_id: pipeline,
      value: 4500,
    });
  });
});
