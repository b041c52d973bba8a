import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** A deal with one product line (so that it can be invoiced) and a document with a share link. */
async function dealWithDocument(t: Tenant) {
  const deal = (await t.post('/api/v2/deals', { title: 'Kontorsmöbler', currency: 'SEK' })).body.data as {
    id: number;
  };
  const desk = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data;
  const line = await t.post(`/api/v2/deals/${deal.id}/products`, {
    product_id: desk.id,
    item_price: 4000,
    quantity: 2,
  });
  expect(line.status, JSON.stringify(line.body)).toBe(200);
  const tpl = (
    await t.post('/api/ext/document-templates', { name: 'Offert', body: '<h1>Offert: {{deal.title}}</h1>' })
  ).body.data;
  const doc = (await t.post('/api/ext/documents', { deal_id: deal.id, template_id: tpl.id })).body.data;
  const shared = (await t.post(`/api/ext/documents/${doc.id}/shares`, {})).body.data;
  return { deal, shareUrl: shared.shares[0].url as string };
}

describeBrowser("web app in Chromium: the deal's timeline", () => {
  afterAll(closeBrowser);

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`shows a dropped file, a document viewed by a visitor and an invoice's PDF (${viewport.width}px)`, async () => {
      const { base } = await realServer();
      const t = await newTenant();
      const { deal, shareUrl } = await dealWithDocument(t);

      const p = await openPage(base, viewport);
      const { page } = p;
      await logIn(page, t.email, t.password);
      await page.goto(`/deals/${deal.id}`);

      // a file dropped on the deal's files
      const files = page.getByRole('region', { name: 'Files' });
      await files.getByText('No files yet').waitFor();
      const zone = page.getByTestId('files-dropzone');
      await zone.scrollIntoViewIfNeeded();
      const dataTransfer = await page.evaluateHandle(() => {
        type Dt = { items: { add(file: File): void } };
        const dt: Dt = new (globalThis as unknown as { DataTransfer: new () => Dt }).DataTransfer();
        dt.items.add(new File(['Ritning för kontoret\n'], 'Ritning.txt', { type: 'text/plain' }));
        return dt;
      });
      for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
      await files.getByRole('link', { name: 'Ritning.txt' }).waitFor();

      // the customer opens the share link, logged out
      const c = await openPage(base, viewport);
      await c.page.goto(shareUrl);
      await c.page.getByRole('heading', { name: 'Offert: Kontorsmöbler' }).waitFor();
      await c.close();

      // an invoice, and its PDF saved to the deal's files
      await page.getByRole('button', { name: 'Create invoice' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create invoice' });
      await dialog.getByRole('checkbox', { name: /Skrivbord/ }).waitFor();
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await dialog.waitFor({ state: 'detached' });
      const invoices = page.getByRole('list', { name: 'Invoices of this deal' });
      await invoices.getByText('Invoice Draft').waitFor();
      await invoices.getByRole('button', { name: 'Save PDF to files' }).click();
      const pdfName = /^draft-\d+\.pdf$/;
      await files.getByRole('link', { name: pdfName }).waitFor();

      // the timeline: newest first, each with its actor and link
      await page.getByRole('tab', { name: 'Timeline' }).click();
      const timeline = page.getByRole('tabpanel', { name: 'Timeline' });
      await timeline.getByText('PDF of the invoice made').waitFor();
      const titles = await timeline
        .locator('.mantine-Timeline-itemTitle')
        .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      expect(titles.slice(0, 5)).toEqual([
        'PDF of the invoice made',
        'Invoice created',
        'Document viewed through its share link',
        'File uploaded',
        'Document created',
      ]);
      await timeline.getByText(/^A visitor · /).waitFor();
      const fileLink = timeline.getByRole('link', { name: 'Ritning.txt' });
      expect(await fileLink.getAttribute('href')).toMatch(/^\/api\/v1\/files\/\d+\/download$/);
      const pdfLink = timeline.getByRole('link', { name: /^Draft / }).first();
      const href = (await pdfLink.getAttribute('href')) as string;
      expect(href).toMatch(/^\/api\/v1\/files\/\d+\/download\?inline=1$/);
      const pdf = await page.request.get(href);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(await pdfText(await pdf.body())).toContain('Skrivbord');
      await timeline.getByRole('link', { name: 'Offert' }).first().waitFor();
      await page.getByRole('tab', { name: 'Timeline' }).scrollIntoViewIfNeeded();
      await p.shot('deal-timeline');

      // only the files
      await page.getByRole('group', { name: 'Show only' }).getByText('Files', { exact: true }).click();
      await expect
        .poll(async () =>
          timeline.locator('.mantine-Timeline-itemTitle').evaluateAll((els) => els.map((e) => e.textContent)),
        )
        .toEqual(['File uploaded']);
      await p.shot('deal-timeline-files');
      expect(p.errors).toEqual([]);
      await p.close();
    });
  }
});
