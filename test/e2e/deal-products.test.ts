import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/**
 * How far the page itself scrolls sideways (a string: this suite compiles without the DOM's types),
 * and the first elements reaching past the screen outside a table's scroll container.
 */
const SIDEWAYS = `(() => {
  window.scrollTo(10000, window.scrollY);
  const x = window.scrollX;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((e) => !e.closest('.mantine-TableScrollContainer-scrollContainer'))
    .slice(0, 5)
    .map((e) => e.tagName + '.' + e.className);
  window.scrollTo(0, window.scrollY);
  return { x, wide };
})()`;

/** The text of one revenue figure of the deal's Products section (data-metric: value, mrr…). */
const metric = (page: Page, key: string) =>
  page.locator(`[data-metric="${key}"]`).locator('p').last().textContent();

async function dealOf(t: Tenant, id: number) {
  return (await t.get(`/api/v2/deals/${id}`)).body.data as { value: number; mrr: number | null };
}

/** Adds a product from the catalogue through the section's dialog. */
async function addProduct(page: Page, search: string, option: string, name: string, quantity: string) {
  await page.getByRole('button', { name: 'Add product' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a product to the deal' });
  await dialog.getByRole('combobox', { name: 'Product' }).fill(search);
  await page.getByRole('option', { name: option }).click();
  await dialog.getByRole('textbox', { name: 'Quantity' }).fill(quantity);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

describeBrowser('web app in Chromium: products on a deal', () => {
  afterAll(closeBrowser);

  it('adds a product and a recurring one to a deal: its value and MRR follow', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    await t.post('/api/v2/products', {
      name: 'Consulting hour',
      code: 'CH-1',
      unit: 'hour',
      prices: [{ currency: 'USD', price: 150 }],
    });
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

    // The catalogue: listed with its price, found by its code.
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByRole('cell', { name: 'Support plan', exact: true }).waitFor();
    await page.getByRole('searchbox', { name: 'Search products' }).fill('CH-1');
    await page.getByRole('cell', { name: '$150.00' }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Support plan', exact: true }).count()).toBe(0);
    await p.shot('products-page');
    await page.getByRole('button', { name: 'Consulting hour', exact: true }).click();
    await page.getByRole('dialog', { name: 'Edit Consulting hour' }).waitFor();
    await page.getByRole('textbox', { name: 'Price of Consulting hour in USD' }).waitFor();
    await p.shot('products-edit');
    await page.keyboard.press('Escape');

    await page.goto(`/deals/${deal.id}`);
    await page.getByText('No products on this deal', { exact: false }).waitFor();
    expect((await dealOf(t, deal.id)).value).toBe(1000);

    await addProduct(page, 'Consult', 'Consulting hour (CH-1)', 'Consulting hour', '10');
    await expect.poll(() => metric(page, 'value')).toBe('$1,500.00');
    expect(await metric(page, 'mrr')).toBe('–');
    expect((await dealOf(t, deal.id)).value).toBe(1500);
    // the summary's value follows too
    await page.getByText('$1,500.00').first().waitFor();

    await addProduct(page, 'Support', 'Support plan', 'Support plan', '1');
    await expect.poll(() => metric(page, 'mrr')).toBe('$40.00');
    expect(await metric(page, 'arr')).toBe('$480.00');
    expect(await metric(page, 'value')).toBe('$1,500.00');

    // inline: two support plans
    const qty = page.getByRole('textbox', { name: 'Quantity of Support plan' });
    await qty.fill('2');
    await qty.press('Enter');
    await expect.poll(() => metric(page, 'mrr')).toBe('$80.00');
    expect(await metric(page, 'tcv')).toBe('$2,460.00');
    expect(await dealOf(t, deal.id)).toMatchObject({ value: 1500, mrr: 80 });

    // keyboard reorder: the support plan moves above the consulting hours
    // each key waits for the drag's state: dnd-kit picks up, moves and drops on later frames
    const handle = page.getByRole('button', { name: 'Move Support plan', exact: true });
    await handle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
    const row = page.getByRole('row').filter({ has: handle });
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => row.evaluate((el) => (el as { style: { transform: string } }).style.transform))
      .toMatch(/translate/);
    await page.keyboard.press('Space');
    await expect
      .poll(async () =>
        (
          (await t.get(`/api/v2/deals/${deal.id}/products`, { sort_by: 'order_nr' })).body.data as {
            name: string;
          }[]
        ).map((l) => l.name),
      )
      .toEqual(['Support plan', 'Consulting hour']);
    await p.shot('deal-products');

    // converting to a lead says the products stay with the deal (and is cancelled here)
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Convert to lead' }).click();
    const ask = page.getByRole('dialog', { name: 'Convert to lead' });
    await ask.getByText('Its products and invoices stay with the deal', { exact: false }).waitFor();
    await p.shot('deal-products-to-lead');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    // the product dialog asks for the product's image: a product without one answers 404 (Pipedrive's
    // answer), which Chromium logs; any other console error fails
    expect(p.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await p.close();

    // A phone: the section and its figures are there, the table scrolls sideways.
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto(`/deals/${deal.id}`);
    await expect.poll(() => metric(phone.page, 'mrr')).toBe('$80.00');
    await phone.page.getByRole('textbox', { name: 'Quantity of Support plan' }).scrollIntoViewIfNeeded();
    await phone.shot('deal-products');
    // the page itself does not scroll sideways: only the table does
    const sideways = (await phone.page.evaluate(SIDEWAYS)) as { x: number; wide: string[] };
    expect(sideways.x, sideways.wide.join('\n')).toBe(0);
    await phone.page.goto('/products');
    await phone.page.getByRole('cell', { name: 'Support plan', exact: true }).waitFor();
    await phone.shot('products-page');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
