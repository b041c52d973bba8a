import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

interface MadeField {
  field_code: string;
  options: { id: number; label: string }[] | null;
}

/** Three deal fields made through the API: a list, a formula (twice the deal's value) and a text. */
async function makeFields(t: Tenant) {
  const add = async (body: object): Promise<MadeField> => {
    const res = await t.post('/api/v2/dealFields', body);
    expect(res.status).toBe(200);
    return res.body.data as MadeField;
  };
  const tier = await add({
    field_name: 'Tier',
    field_type: 'enum',
    options: [{ label: 'Gold' }, { label: 'Silver' }],
  });
  const doubled = await add({ field_name: 'Doubled value', field_type: 'monetary' });
  const formula = await t.put(`/api/ext/dealFields/${doubled.field_code}/formula`, {
    expression: '{value} * 2',
  });
  expect(formula.status).toBe(200);
  const reference = await add({ field_name: 'Reference', field_type: 'varchar' });
  const gold = tier.options?.find((o) => o.label === 'Gold')?.id;
  if (!gold) throw new Error('no Gold option');
  return { tier: tier.field_code, gold, doubled: doubled.field_code, reference: reference.field_code };
}

/** The formula's result on the deal as the API says it. */
async function doubledOf(t: Tenant, dealId: number, code: string) {
  const deal = (await t.get(`/api/v2/deals/${dealId}`)).body.data;
  return (deal.custom_fields[code] as { value: number } | undefined)?.value ?? null;
}

const section = (page: Page) => page.getByRole('region', { name: 'Custom fields' });

describeBrowser('web app in Chromium: custom fields on deals and leads', () => {
  afterAll(closeBrowser);

  it('fills custom fields on a deal, and the formula follows the value', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const f = await makeFields(t);
    const deal = (await t.post('/api/v2/deals', { title: 'Fjällbacka roof', value: 100 })).body.data;
    expect(await doubledOf(t, deal.id, f.doubled)).toBe(200);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    const custom = section(page);
    await custom.getByText('Doubled value (calculated)').waitFor();
    // computed, so not editable
    expect(await custom.getByRole('button', { name: 'Edit Doubled value (calculated)' }).count()).toBe(0);

    // the list: a pick saves it
    await custom.getByRole('button', { name: 'Edit Tier' }).click();
    await page.getByRole('option', { name: 'Gold' }).click();
    await custom.getByRole('button', { name: 'Edit Tier' }).waitFor();
    await custom.getByText('Gold', { exact: true }).waitFor();

    // the text: Enter saves it
    await custom.getByRole('button', { name: 'Edit Reference' }).click();
    await custom.getByRole('textbox', { name: 'Reference' }).fill('FJ-2026-17');
    await p.shot('custom-fields-deal-editing');
    await custom.getByRole('textbox', { name: 'Reference' }).press('Enter');
    await custom.getByText('FJ-2026-17').waitFor();
    const saved = (await t.get(`/api/v2/deals/${deal.id}`)).body.data.custom_fields;
    expect(saved).toMatchObject({ [f.tier]: f.gold, [f.reference]: 'FJ-2026-17' });

    // the deal's value changes: the formula's result on the page follows without a reload
    const before = await custom.textContent();
    expect(before).toContain('200');
    await page.getByRole('button', { name: 'Edit Value' }).click();
    const value = page.getByRole('textbox', { name: 'Value', exact: true });
    await value.fill('250');
    await value.press('Enter');
    await expect.poll(() => doubledOf(t, deal.id, f.doubled)).toBe(500);
    await expect.poll(() => custom.textContent()).toContain('500');
    await p.shot('custom-fields-deal');

    // the board's cards show the field chosen in its settings, still after a reload
    await page.getByRole('link', { name: 'Deals' }).click();
    const card = page.locator(`[data-deal-id="${deal.id}"]`);
    await card.waitFor();
    expect(await card.getByText('Tier:').count()).toBe(0);
    await page.getByRole('button', { name: 'Board settings' }).click();
    await page.getByRole('combobox', { name: 'Field on deal cards' }).click();
    await page.getByRole('option', { name: 'Tier' }).click();
    await card.getByText('Tier: Gold').waitFor();
    await p.shot('custom-fields-board');
    await page.keyboard.press('Escape');
    await page.reload();
    await card.getByText('Tier: Gold').waitFor();
    expect(p.errors).toEqual([]);
    await p.close();

    // at phone width the section is there and readable
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto(`/deals/${deal.id}`);
    await section(phone.page).getByText('FJ-2026-17').waitFor();
    await section(phone.page).scrollIntoViewIfNeeded();
    await phone.shot('custom-fields-deal');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });

  it('converts a lead with custom values, and the deal has them', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const f = await makeFields(t);
    const person = (await t.post('/api/v2/persons', { name: 'Greta Lind' })).body.data;
    const lead = await t.post('/api/v1/leads', {
      title: 'Lind sauna',
      person_id: person.id,
      [f.tier]: f.gold,
      [f.reference]: 'LS-9',
    });
    expect(lead.status).toBe(201);

    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/leads/${lead.body.data.id}`);
    const custom = section(page);
    await custom.getByText('Gold', { exact: true }).waitFor();
    await custom.getByText('LS-9').waitFor();
    await p.shot('custom-fields-lead');

    await page.getByRole('button', { name: 'Convert to deal' }).click();
    const convert = page.getByRole('dialog');
    await convert.getByRole('button', { name: 'Convert', exact: true }).click();
    await page.waitForURL(/\/deals\/\d+$/);
    const dealId = Number(page.url().split('/').pop());
    const onDeal = section(page);
    await onDeal.getByText('Gold', { exact: true }).waitFor();
    await onDeal.getByText('LS-9').waitFor();
    const deal = (await t.get(`/api/v2/deals/${dealId}`)).body.data;
    expect(deal.custom_fields).toMatchObject({ [f.tier]: f.gold, [f.reference]: 'LS-9' });
    await p.shot('custom-fields-converted');
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
