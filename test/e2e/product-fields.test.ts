import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

interface ProductField {
  field_code: string;
  field_name: string;
  field_type: string;
  is_custom_field: boolean;
  options: { id: number; label: string }[] | null;
}

describeBrowser('web app in Chromium: product custom fields and images', () => {
  afterAll(closeBrowser);

  it('makes a product option field in Settings, sets it in the dialog, shows it as a column, and adds an image', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const bench = (await t.post('/api/v2/products', { name: 'Bänk', code: 'B-1' })).body.data as {
      id: number;
    };

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);

    // Settings → Data fields → Products: a single option field
    await page.goto('/settings/fields');
    await page.getByRole('tab', { name: 'Products' }).click();
    await page.getByRole('tab', { name: 'Products', selected: true }).waitFor();
    await page.getByRole('button', { name: 'Add field' }).click();
    const add = page.getByRole('dialog');
    await add.getByRole('textbox', { name: 'Field name' }).fill('Material');
    await add.getByRole('combobox', { name: 'Field type' }).click();
    await page.getByRole('option', { name: 'Single option' }).click();
    await add.getByRole('textbox', { name: 'Option 1' }).fill('Wood');
    await add.getByRole('textbox', { name: 'Option 2' }).fill('Steel');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Custom fields' }).getByText('Material', { exact: true }).waitFor();
    await p.shot('product-fields-settings');
    const fields = (await t.get('/api/v2/productFields', { limit: 500 })).body.data as ProductField[];
    const material = fields.find((f) => f.is_custom_field && f.field_name === 'Material');
    expect(material?.field_type).toBe('enum');
    const wood = material?.options?.find((o) => o.label === 'Wood')?.id;

    // the product dialog: the field saved in place
    await page.goto('/products');
    const table = page.getByRole('table', { name: 'Products' });
    await table.getByRole('button', { name: 'Bänk', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Bänk' });
    const custom = dialog.getByRole('region', { name: 'Custom fields' });
    await custom.getByRole('button', { name: 'Edit Material' }).click();
    await page.getByRole('option', { name: 'Wood' }).click();
    await custom.getByText('Wood', { exact: true }).waitFor();
    await expect
      .poll(async () => (await t.get(`/api/v2/products/${bench.id}`)).body.data.custom_fields)
      .toEqual({ [material?.field_code as string]: wood });
    await p.shot('product-dialog-fields');

    // the image: a real PNG drawn by the browser, uploaded, shown from the server
    await dialog.getByText('No image').waitFor();
    // (a string: the server's TypeScript has no DOM types)
    const png = (await page.evaluate(`(() => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      const g = c.getContext('2d');
      g.fillStyle = '#8b5a2b';
      g.fillRect(0, 0, 64, 64);
      g.fillStyle = '#f2d3a0';
      g.fillRect(8, 24, 48, 16);
      return c.toDataURL('image/png').split(',')[1];
    })()`)) as string;
    const bytes = Buffer.from(png, 'base64');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'bank.png', mimeType: 'image/png', buffer: bytes });
    const img = dialog.getByRole('img', { name: 'Image of Bänk' });
    await img.waitFor();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(64);
    await dialog.getByRole('button', { name: 'Replace image' }).waitFor();
    // the image is at the top of the dialog, above the fields
    await page.locator('.mantine-Modal-content').evaluate((el) => el.scrollTo(0, 0));
    await p.shot('product-dialog-image');
    const image = await t.get(`/api/v2/products/${bench.id}/images`);
    expect(image.body.data).toMatchObject({ mime_type: 'image/png', name: 'bank.png' });
    const served = await t.app.inject({
      method: 'GET',
      url: `/api/ext/products/${bench.id}/image`,
      headers: { 'x-api-token': t.token },
    });
    expect(Buffer.compare(served.rawPayload, bytes)).toBe(0);

    // a text file is refused, the image stays
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await dialog
      .getByRole('alert')
      .getByText('expected a PNG, JPEG, GIF or WebP image', { exact: false })
      .waitFor();
    await img.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // the column
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Material' }).check();
    await page.keyboard.press('Escape');
    await table.getByRole('columnheader', { name: 'Material' }).waitFor();
    await table.getByRole('cell', { name: 'Wood' }).waitFor();
    await p.shot('products-custom-column');
    await page.reload();
    await table.getByRole('cell', { name: 'Wood' }).waitFor();

    // removing the image
    await table.getByRole('button', { name: 'Bänk', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove image' }).click();
    await dialog.getByText('No image').waitFor();
    expect((await t.get(`/api/v2/products/${bench.id}/images`)).status).toBe(404);
    expect(p.errors.filter((e) => !/status of (404|415)/.test(e))).toEqual([]);
    await p.close();

    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/products');
    await phone.page.getByRole('button', { name: 'Bänk', exact: true }).click();
    const small = phone.page.getByRole('dialog', { name: 'Edit Bänk' });
    await small.getByRole('region', { name: 'Custom fields' }).getByText('Wood', { exact: true }).waitFor();
    await small.getByText('No image').waitFor();
    await phone.shot('product-dialog-image-phone');
    await small.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
    await phone.shot('product-dialog-fields-phone');
    await phone.close();
  });
});
