import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: the products page', () => {
  afterAll(closeBrowser);

  it('remembers the chosen columns and deletes a product, its deal lines kept', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const chair = (
      await t.post('/api/v2/products', {
        name: 'Kontorsstol',
        category: 'Möbler',
        prices: [{ currency: 'SEK', price: 1500 }],
      })
    ).body.data as { id: number };
    await t.post('/api/v2/products', { name: 'Skrivbord', category: 'Möbler' });
    const deal = (await t.post('/api/v2/deals', { title: 'Kontor', currency: 'SEK' })).body.data as {
      id: number;
    };
    await t.post(`/api/v2/deals/${deal.id}/products`, {
      product_id: chair.id,
      item_price: 1500,
      quantity: 2,
    });

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/products');
    const table = page.getByRole('table', { name: 'Products' });
    await table.getByRole('cell', { name: 'Skrivbord', exact: true }).waitFor();
    expect(await table.getByRole('columnheader', { name: 'Category' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Category' }).check();
    await page.getByRole('checkbox', { name: 'Owner' }).uncheck();
    await p.shot('products-columns');
    await page.keyboard.press('Escape');
    await table.getByRole('columnheader', { name: 'Category' }).waitFor();
    await page.reload();
    await table.getByRole('columnheader', { name: 'Category' }).waitFor();
    expect(await table.getByRole('columnheader', { name: 'Owner' }).count()).toBe(0);
    expect(await table.getByRole('cell', { name: 'Möbler' }).count()).toBe(2);

    await page.getByRole('button', { name: 'Delete Kontorsstol' }).click();
    const ask = page.getByRole('dialog', { name: 'Delete this product?' });
    await ask.getByText('Deals that have it keep their lines', { exact: false }).waitFor();
    await p.shot('products-delete');
    await ask.getByRole('button', { name: 'Delete' }).click();
    await ask.waitFor({ state: 'detached' });
    await expect.poll(() => table.getByRole('cell', { name: 'Kontorsstol', exact: true }).count()).toBe(0);
    expect((await t.get(`/api/v2/products/${chair.id}`)).status).toBe(404);
    const lines = (await t.get(`/api/v2/deals/${deal.id}/products`)).body.data as {
      name: string;
      sum: number;
    }[];
    expect(lines.map((l) => [l.name, l.sum])).toEqual([['Kontorsstol', 3000]]);
    expect(p.errors).toEqual([]);
    await p.close();

    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/products');
    await phone.page.getByRole('cell', { name: 'Skrivbord', exact: true }).waitFor();
    await phone.shot('products-page-phone');
    await phone.close();
  });
});
