import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** The text of one revenue figure of the deal's Products section (data-metric: value, mrr…). */
const metric = (page: Page, key: string) =>
  page.locator(`[data-metric="${key}"]`).locator('p').last().textContent();

/** Adds a product from the catalogue through the section's dialog. */
async function addProduct(page: Page, search: string, name: string, quantity: string) {
  await page.getByRole('button', { name: 'Add product' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a product to the deal' });
  await dialog.getByRole('combobox', { name: 'Product' }).fill(search);
  await page.getByRole('option', { name }).click();
  await dialog.getByRole('textbox', { name: 'Quantity' }).fill(quantity);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

describeBrowser('web app in Chromium: from products to a downloaded invoice', () => {
  afterAll(closeBrowser);

  it('adds a discount and an installment to a deal whose value follows its products', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    await t.put('/api/ext/invoice-settings', { seller_name: 'Pipewright Försäljning AB' });
    await t.post('/api/v2/products', { name: 'Consulting hour', prices: [{ currency: 'USD', price: 150 }] });
    await t.post('/api/v2/products', {
      name: 'Support plan',
      prices: [{ currency: 'USD', price: 40 }],
      billing_frequency: 'monthly',
      billing_frequency_cycles: 12,
    });
    const deal = (await t.post('/api/v2/deals', { title: 'Roof repair', value: 1000, currency: 'USD' })).body
      .data as { id: number };

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    await page.getByText('No products on this deal', { exact: false }).waitFor();

    // a product: the value follows it, and the summary shows it as derived, not editable
    await addProduct(page, 'Consult', 'Consulting hour', '10');
    await expect.poll(() => metric(page, 'value')).toBe('$1,500.00');
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.locator('[data-derived-value]').getByText('(from its products)').waitFor();
    await expect.poll(() => summary.locator('[data-derived-value]').textContent()).toContain('$1,500');

    // a deal discount: the server's refusal on the field, then 10 % off the value
    await page.getByRole('button', { name: 'Add discount' }).click();
    const discount = page.getByRole('dialog', { name: 'Add a discount to the deal' });
    await discount.getByRole('textbox', { name: 'Description' }).fill('Loyalty');
    await discount.getByRole('textbox', { name: 'Discount' }).fill('150');
    await discount.getByRole('button', { name: 'Save discount' }).click();
    const amount = discount.getByRole('textbox', { name: 'Discount' });
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    await discount.getByText('a percentage is at most 100', { exact: false }).waitFor();
    await p.shot('deal-discount-refused');
    await amount.fill('10');
    await discount.getByRole('button', { name: 'Save discount' }).click();
    await discount.waitFor({ state: 'detached' });
    await expect.poll(() => metric(page, 'value')).toBe('$1,350.00');
    expect((await t.get(`/api/v2/deals/${deal.id}`)).body.data.value).toBe(1350);

    // an installment, offered while the deal has only one-time lines; then taken away again
    await page.getByRole('button', { name: 'Add installment' }).click();
    const inst = page.getByRole('dialog', { name: 'Add an installment' });
    await inst.getByRole('textbox', { name: 'Description' }).fill('First half');
    await inst.getByRole('textbox', { name: /Amount/ }).fill('675');
    await inst.getByLabel('Billing date').fill('2026-12-15');
    await inst.getByRole('button', { name: 'Save installment' }).click();
    await inst.waitFor({ state: 'detached' });
    await page.locator('[data-installment="First half"]').getByText('$675.00').waitFor();
    await p.shot('deal-discounts-installments');
    await page.getByRole('button', { name: 'Remove installment First half' }).click();
    await page.getByText('No installments', { exact: false }).waitFor();

    expect(p.errors).toEqual([expect.stringContaining('status of 400')]);
    await p.close();

    // a phone: the discounts and the derived value are there
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto(`/deals/${deal.id}`);
    await phone.page.locator('[data-discount="Loyalty"]').scrollIntoViewIfNeeded();
    await phone.shot('deal-discounts-phone');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });

  it('goes from products to a downloaded invoice: value and MRR change, the discount billed', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    await t.put('/api/ext/invoice-settings', { seller_name: 'Pipewright Försäljning AB' });
    await t.post('/api/v2/products', { name: 'Consulting hour', prices: [{ currency: 'USD', price: 150 }] });
    await t.post('/api/v2/products', {
      name: 'Support plan',
      prices: [{ currency: 'USD', price: 40 }],
      billing_frequency: 'monthly',
      billing_frequency_cycles: 12,
    });
    const deal = (await t.post('/api/v2/deals', { title: 'Roof repair', value: 1000, currency: 'USD' })).body
      .data as { id: number };
    await t.post(`/api/v2/deals/${deal.id}/discounts`, {
      description: 'Loyalty',
      type: 'percentage',
      amount: 10,
    });

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    await page.getByText('No products on this deal', { exact: false }).waitFor();
    await addProduct(page, 'Consult', 'Consulting hour', '10');
    await expect.poll(() => metric(page, 'value')).toBe('$1,350.00');
    expect(await metric(page, 'mrr')).toBe('–');

    // a recurring product: MRR appears, installments are no longer offered
    await addProduct(page, 'Support', 'Support plan', '1');
    await expect.poll(() => metric(page, 'mrr')).toBe('$40.00');
    expect(await metric(page, 'value')).toBe('$1,350.00');
    await page.getByText('Installments need at least one', { exact: false }).waitFor();
    await p.shot('deal-products-recurring');
    expect(await page.getByRole('button', { name: 'Add installment' }).count()).toBe(0);

    // the invoice of every line: the discount as a line of its own, the total the value plus the plan
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const create = page.getByRole('dialog', { name: 'Create invoice' });
    await create.getByRole('checkbox', { name: /Support plan/ }).waitFor();
    await create.getByRole('button', { name: 'Create draft' }).click();
    await create.waitFor({ state: 'detached' });
    const section = page.getByRole('list', { name: 'Invoices of this deal' });
    const draft = section.getByRole('listitem').first();
    await draft.getByText('1,390.00').first().waitFor();
    await draft.getByRole('button', { name: 'Send' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this invoice?' });
    await confirm.getByRole('button', { name: 'Send' }).click();
    await confirm.waitFor({ state: 'detached' });
    await section.getByText('Invoice INV-1').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    const text = await pdfText(await readFile((await download.path()) as string));
    for (const s of ['INV-1', 'Consulting hour', 'Support plan', 'Loyalty', 'Pipewright Försäljning AB']) {
      expect(text).toContain(s);
    }
    const [invoice] = (await t.get(`/api/ext/deals/${deal.id}/invoices`)).body.data as { total: number }[];
    expect(invoice?.total).toBe(1390);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
