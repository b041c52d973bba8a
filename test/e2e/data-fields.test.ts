import { afterAll, expect, it } from 'vitest';
import { realServer, serveJobsFor } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function customDealFields(t: Tenant) {
  const list = (await t.get('/api/v2/dealFields', { limit: 500 })).body.data as {
    field_code: string;
    field_name: string;
    field_type: string;
    is_custom_field: boolean;
    options: { id: number; label: string }[] | null;
  }[];
  return list.filter((f) => f.is_custom_field);
}

describeBrowser('web app in Chromium: Settings → Data fields', () => {
  afterAll(closeBrowser);

  it('adds an option field and a formula field by name, previews it on a deal, and the deal gets its value', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    serveJobsFor(t.companyId);
    const deal = (await t.post('/api/v2/deals', { title: 'Formula deal', value: 1500, currency: 'EUR' })).body
      .data as { id: number };

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/settings/fields');
    await page.getByRole('tab', { name: 'Deals and leads', selected: true }).waitFor();
    await page.getByRole('list', { name: 'Built-in fields' }).getByText('Value', { exact: true }).waitFor();
    await p.shot('data-fields');

    // a single option field with two options
    await page.getByRole('button', { name: 'Add field' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Field name' }).fill('Tier');
    await dialog.getByRole('combobox', { name: 'Field type' }).click();
    await page.getByRole('option', { name: 'Single option' }).click();
    await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Gold');
    await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Silver');
    await p.shot('data-fields-add-options');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const custom = page.getByRole('list', { name: 'Custom fields' });
    await custom.getByText('Tier', { exact: true }).waitFor();

    // a formula field: Value from the picker, then typed text; checked live, previewed on the deal
    await page.getByRole('button', { name: 'Add field' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Field name' }).fill('Double value');
    await dialog.getByRole('combobox', { name: 'Field type' }).click();
    await page.getByRole('option', { name: 'Monetary' }).click();
    await dialog.getByRole('checkbox', { name: 'Calculate with a formula' }).check();
    await dialog.getByRole('combobox', { name: 'Insert field' }).click();
    await page.getByRole('option', { name: 'Value', exact: true }).click();
    const formula = dialog.getByRole('textbox', { name: /^Formula/ });
    expect(await formula.inputValue()).toBe('{Value}');
    await formula.press('End');
    await formula.pressSequentially(' *');
    // unfinished: the server's error, pointing after the '*'
    await dialog.getByText('This is not a formula here. (at character 10)').waitFor();
    await formula.pressSequentially(' 2');
    await dialog.getByText('Valid formula').waitFor();
    await dialog.getByRole('combobox', { name: 'Try it on a deal' }).click();
    await page.getByRole('option', { name: 'Formula deal' }).click();
    const result = dialog.getByText(/Result for this deal:/);
    await result.waitFor();
    expect(plain(await result.textContent())).toBe('Result for this deal: €3,000.00');
    await p.shot('data-fields-formula');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = custom.getByRole('listitem').filter({ hasText: 'Double value' });
    await row.getByText('Formula', { exact: true }).waitFor();

    // what the server keeps
    const fields = await customDealFields(t);
    expect(fields.map((f) => [f.field_name, f.field_type])).toEqual([
      ['Tier', 'enum'],
      ['Double value', 'monetary'],
    ]);
    expect(fields[0]?.options?.map((o) => o.label)).toEqual(['Gold', 'Silver']);
    const code = fields[1]?.field_code as string;
    const stored = await t.get(`/api/ext/dealFields/${code}/formula`);
    expect(stored.body.data.expression).toBe('{value} * 2');

    // the deal's value: the recalculation job computes it
    let value: unknown;
    for (let i = 0; i < 50; i++) {
      const d = await t.get(`/api/v2/deals/${deal.id}`);
      value = d.body.data.custom_fields?.[code];
      if (value) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(value).toEqual({ value: 3000, currency: 'EUR' });

    // reorder with the keyboard-usable buttons: the formula field first
    await row.getByRole('button', { name: 'Move Double value up' }).click();
    await page.getByText('Order of fields saved').waitFor();
    expect((await customDealFields(t)).map((f) => f.field_name)).toEqual(['Double value', 'Tier']);

    // options: rename, add, move; then delete the field with confirmation
    await custom.getByRole('button', { name: 'Edit Tier' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Platinum');
    await dialog.getByRole('button', { name: 'Move option Platinum up' }).click();
    await dialog.getByRole('button', { name: 'Add option' }).click();
    await dialog.getByRole('textbox', { name: 'Option 3' }).fill('Bronze');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const tier = (await customDealFields(t)).find((f) => f.field_name === 'Tier');
    expect(tier?.options?.map((o) => o.label)).toEqual(['Platinum', 'Gold', 'Bronze']);

    expect(p.errors).toEqual([]);
    await p.close();

    // at phone width: the list and the field dialog
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/settings/fields');
    await phone.page
      .getByRole('list', { name: 'Custom fields' })
      .getByText('Tier', { exact: true })
      .waitFor();
    await phone.shot('data-fields');
    await phone.page.getByRole('button', { name: 'Edit Double value' }).click();
    await phone.page.getByRole('dialog').getByText('Valid formula').waitFor();
    await phone.shot('data-fields-formula');
    const width = await phone.page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.page.getByRole('button', { name: 'Cancel' }).click();
    await phone.page.getByRole('button', { name: 'Delete Tier' }).click();
    await phone.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await phone.page.getByText('Field “Tier” deleted').waitFor();
    expect((await customDealFields(t)).map((f) => f.field_name)).toEqual(['Double value']);
    expect(phone.errors).toEqual([]);
    await phone.close();
  }, 180_000);
});
