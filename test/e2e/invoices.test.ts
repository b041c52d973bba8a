import { readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** A deal of Åsa Öberg's company with two product lines, made through the API. */
async function dealWithLines(t: Tenant) {
  await t.put('/api/ext/invoice-settings', {
    seller_name: 'Pipewright Försäljning AB',
    address: 'Sveavägen 9, 113 57 Stockholm',
    bank_details: 'Bankgiro 123-4567',
  });
  const org = (await t.post('/api/v2/organizations', { name: 'Öberg & Ängström AB' })).body.data;
  const person = (await t.post('/api/v2/persons', { name: 'Åsa Öberg', org_id: org.id })).body.data;
  const deal = (
    await t.post('/api/v2/deals', {
      title: 'Kontorsmöbler',
      currency: 'SEK',
      org_id: org.id,
      person_id: person.id,
    })
  ).body.data as { id: number };
  const desk = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data;
  const chair = (await t.post('/api/v2/products', { name: 'Kontorsstol' })).body.data;
  const lines = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
    data: [
      { product_id: desk.id, item_price: 4000, quantity: 2, tax: 25, tax_method: 'exclusive' },
      { product_id: chair.id, item_price: 1500, quantity: 4, tax: 25 },
    ],
  });
  expect(lines.status, JSON.stringify(lines.body)).toBe(200);
  return deal;
}

describeBrowser('web app in Chromium: invoices from a deal', () => {
  afterAll(closeBrowser);

  it('creates an invoice in the deal page, sends it, previews and downloads its PDF', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = await dealWithLines(t);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    const section = page.getByRole('list', { name: 'Invoices of this deal' });
    await page.getByText('No invoices yet.').waitFor();
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create invoice' });
    // both lines are chosen to start with; only the desks are billed
    const chair = dialog.getByRole('checkbox', { name: /Kontorsstol/ });
    await chair.waitFor();
    expect(await chair.isChecked()).toBe(true);
    await p.shot('invoices-create');
    await chair.uncheck();
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await dialog.waitFor({ state: 'detached' });

    const draft = section.getByRole('listitem').first();
    await draft.getByText('Invoice Draft').waitFor();
    await draft.getByText('10 000,00').or(draft.getByText('10,000.00')).first().waitFor();
    await draft.getByRole('button', { name: 'Send' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this invoice?' });
    await p.shot('invoices-send');
    await confirm.getByRole('button', { name: 'Send' }).click();
    await confirm.waitFor({ state: 'detached' });
    await section.getByText('Invoice INV-1').waitFor();
    await section.getByText('Sent', { exact: true }).waitFor();
    await p.shot('invoices-list');

    await section.getByRole('button', { name: 'Preview PDF' }).click();
    const preview = page.getByRole('dialog', { name: 'PDF of Invoice INV-1' });
    await preview.locator('iframe[title="PDF of Invoice INV-1"]').waitFor();
    await p.shot('invoices-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('INV-1.pdf');
    const text = await pdfText(await readFile((await download.path()) as string));
    for (const s of [
      'Invoice',
      'INV-1',
      'Åsa Öberg',
      'Öberg & Ängström AB',
      'Skrivbord',
      'Bankgiro 123-4567',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Kontorsstol');

    await section.getByRole('button', { name: 'Mark paid' }).click();
    await section.getByText('Paid', { exact: true }).waitFor();
    const invoices = (await t.get(`/api/ext/deals/${deal.id}/invoices`)).body.data;
    expect(
      invoices.map((i: { number: string; status: string; total: number }) => [i.number, i.status, i.total]),
    ).toEqual([['INV-1', 'paid', 10000]]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('shows the invoices and Settings → Invoicing on a phone', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = await dealWithLines(t);
    await t.post(`/api/ext/deals/${deal.id}/invoices`, { status: 'sent' });
    await t.post(`/api/ext/deals/${deal.id}/invoices`, {});

    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    const section = page.getByRole('list', { name: 'Invoices of this deal' });
    await section.getByText('Invoice INV-1').waitFor();
    await section.getByText('Invoice Draft').scrollIntoViewIfNeeded();
    await p.shot('invoices-phone');

    await page.goto('/settings/invoicing');
    const name = page.getByRole('textbox', { name: 'Company name' });
    await expect.poll(() => name.inputValue()).toBe('Pipewright Försäljning AB');
    await page.getByRole('textbox', { name: 'Number prefix' }).fill('F-');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Invoice settings saved').waitFor();
    await p.shot('invoices-settings');
    expect((await t.get('/api/ext/invoice-settings')).body.data.prefix).toBe('F-');
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
