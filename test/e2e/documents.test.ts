import { readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** A deal of Åsa Öberg's company with a product line, made through the API. */
async function offerDeal(t: Tenant) {
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
  const lines = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
    data: [{ product_id: desk.id, item_price: 4000, quantity: 2, tax: 25, tax_method: 'exclusive' }],
  });
  expect(lines.status, JSON.stringify(lines.body)).toBe(200);
  return deal;
}

const TEMPLATE =
  '<h1>Offert: {{deal.title}}</h1>\n<p>Till <strong>{{person.name}}</strong>, {{organization.name}}</p>\n<p>{{products}}</p>\n<p>Med vänlig hälsning, {{owner.name}}</p>';

describeBrowser('web app in Chromium: documents from templates', () => {
  afterAll(closeBrowser);

  it('makes a template in Settings, a document on a deal, its PDF, and takes the acceptance', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = await offerDeal(t);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/settings/documents');
    await page.getByText('No templates yet.').waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Offert');
    const body = page.getByRole('textbox', { name: 'Template text (HTML)' });
    await body.fill(TEMPLATE);
    // the picker puts a placeholder at the cursor
    await body.press('End');
    await page.getByRole('combobox', { name: 'Placeholder' }).click();
    await page.getByRole('option', { name: '{{deal.value}}' }).click();
    await page.getByRole('button', { name: 'Insert' }).click();
    await expect.poll(() => body.inputValue()).toContain('{{deal.value}}');
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Offert: {{deal.title}}' }).waitFor();
    await p.shot('documents-template');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved').waitFor();
    await page.getByRole('list', { name: 'Document templates' }).getByText('Offert').waitFor();
    await p.shot('documents-templates');

    await page.goto(`/deals/${deal.id}`);
    await page.getByText('No documents yet.').waitFor();
    await page.getByRole('combobox', { name: 'Template' }).click();
    await page.getByRole('option', { name: 'Offert' }).click();
    await page.getByRole('button', { name: 'Create document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Offert' });
    const text = dialog.getByRole('textbox', { name: 'Document text (HTML)' });
    await expect.poll(() => text.inputValue()).toContain('Åsa Öberg');
    await dialog.getByRole('region', { name: 'Preview' }).getByText('Skrivbord').waitFor();
    await p.shot('documents-edit');
    await text.fill(`${await text.inputValue()}<p>Leverans inom två veckor.</p>`);
    await dialog.getByRole('button', { name: 'Save as new version' }).click();
    await dialog.waitFor({ state: 'detached' });

    const list = page.getByRole('list', { name: 'Documents of this deal' });
    const item = list.getByRole('listitem').first();
    await item.getByText('Version 2').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Offert.pdf');
    const pdf = await pdfText(await readFile((await download.path()) as string));
    for (const s of [
      'Offert: Kontorsmöbler',
      'Åsa Öberg',
      'Öberg & Ängström AB',
      'Skrivbord',
      'två veckor',
    ]) {
      expect(pdf).toContain(s);
    }
    // the PDF is a file of the deal
    await page.getByText('Offert.pdf').first().waitFor();

    await item.getByRole('button', { name: 'Share link' }).click();
    const link = item.getByRole('textbox', { name: 'Share link' });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    await p.shot('documents-deal');

    // the customer, logged out
    const c = await openPage(base);
    await c.page.goto(url);
    await c.page.getByRole('heading', { name: 'Offert', exact: true }).waitFor();
    await c.page.getByText('Leverans inom två veckor.').waitFor();
    await c.shot('documents-share');
    await c.page.getByRole('button', { name: 'Accept' }).click();
    // the browser's own check stops an empty form; the name is typed, the box ticked
    await c.page.getByRole('textbox', { name: 'Your full name' }).fill('Åsa Öberg');
    await c.page.getByRole('checkbox', { name: 'I have read and accept this document' }).check();
    await c.page.getByRole('button', { name: 'Accept' }).click();
    await c.page.getByText(/Accepted by Åsa Öberg on/).waitFor();
    await c.shot('documents-accepted');
    expect(c.errors).toEqual([]);
    await c.close();

    await page.reload();
    await list.getByText(/Accepted by Åsa Öberg on/).waitFor();
    await list.getByText('Accepted', { exact: true }).waitFor();
    await list.getByText(/1 view, last/).waitFor();
    const docs = (await t.get(`/api/ext/deals/${deal.id}/documents`)).body.data;
    expect(docs[0].accepted).toMatchObject({ name: 'Åsa Öberg', version: 2 });
    const flow = (await t.get(`/api/v1/deals/${deal.id}/flow`)).body.data as {
      object: string;
      data: { event?: string };
    }[];
    expect(flow.filter((f) => f.object === 'document').map((f) => f.data.event)).toEqual([
      'accepted',
      'viewed',
      'created',
    ]);
    expect(flow.some((f) => f.object === 'file')).toBe(true);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('shows documents, templates and the share page on a phone', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = await offerDeal(t);
    const tpl = (await t.post('/api/ext/document-templates', { name: 'Avtal', body: TEMPLATE })).body.data;
    const doc = (await t.post('/api/ext/documents', { deal_id: deal.id, template_id: tpl.id })).body.data;
    const shared = (await t.post(`/api/ext/documents/${doc.id}/shares`, {})).body.data;

    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    const list = page.getByRole('list', { name: 'Documents of this deal' });
    await list.getByText('Avtal').scrollIntoViewIfNeeded();
    await list.getByText(/Share link active until/).waitFor();
    await p.shot('documents-phone');
    await page.goto('/settings/documents');
    await page.getByRole('list', { name: 'Document templates' }).getByText('Avtal').waitFor();
    await p.shot('documents-templates-phone');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('region', { name: 'Preview' }).getByRole('heading').first().waitFor();
    await p.shot('documents-template-phone');

    const c = await openPage(base, { width: 390, height: 844 });
    await c.page.goto(`${base}${shared.shares[0].url}`);
    await c.page.getByText('Skrivbord').first().waitFor();
    await c.shot('documents-share-phone');
    await c.close();
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
