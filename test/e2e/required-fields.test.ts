import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** The pipeline's first two stages, and a text field the second one requires. */
async function requiredInSecond(t: Tenant) {
  const stages = (await t.get('/api/v2/stages', { sort_by: 'order_nr' })).body.data as {
    id: number;
    name: string;
  }[];
  const [first, second] = stages as [(typeof stages)[0], (typeof stages)[0]];
  const res = await t.post('/api/v2/dealFields', {
    field_name: 'Decision maker',
    field_type: 'varchar',
    required_fields: { enabled: true, stage_ids: [second.id] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { first, second, code: res.body.data.field_code as string };
}

async function dragTo(page: Page, title: string, from: number, to: number) {
  const card = page.locator(`[data-stage-id="${from}"]`).getByText(title);
  await card.waitFor();
  const a = (await card.boundingBox())!;
  const b = (await page.locator(`[data-stage-id="${to}"]`).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 5, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 15 });
  await page.mouse.up();
}

const stageOf = async (t: Tenant, id: number) => (await t.get(`/api/v2/deals/${id}`)).body.data.stage_id;

describeBrowser('web app in Chromium: fields a stage requires', () => {
  afterAll(closeBrowser);

  it('on the board: a refused drop asks for the field; cancel puts the card back, filling it moves it', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const { first, second, code } = await requiredInSecond(t);
    const deal = (await t.post('/api/v2/deals', { title: 'Kiruna depot', stage_id: first.id })).body.data;
    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/deals');

    await dragTo(page, 'Kiruna depot', first.id, second.id);
    const dialog = page.getByRole('dialog', { name: 'Fill in the required fields' });
    await dialog.getByText('Decision maker').waitFor();
    // the card waits in the column it was dropped on
    await page.locator(`[data-stage-id="${second.id}"]`).getByText('Kiruna depot').waitFor();
    expect(await dialog.getByRole('button', { name: 'Move the deal' }).isDisabled()).toBe(true);
    await p.shot('required-fields-board');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.locator(`[data-stage-id="${first.id}"]`).getByText('Kiruna depot').waitFor();
    expect(await stageOf(t, deal.id)).toBe(first.id);

    await dragTo(page, 'Kiruna depot', first.id, second.id);
    await dialog.getByRole('button', { name: 'Edit Decision maker' }).click();
    await dialog.getByRole('textbox', { name: 'Decision maker' }).fill('Britt Nilsson');
    await dialog.getByRole('textbox', { name: 'Decision maker' }).press('Enter');
    await dialog.getByText('Britt Nilsson').waitFor();
    await dialog.getByRole('button', { name: 'Move the deal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => stageOf(t, deal.id), { timeout: 10_000 }).toBe(second.id);
    const saved = (await t.get(`/api/v2/deals/${deal.id}`)).body.data.custom_fields;
    expect(saved[code]).toBe('Britt Nilsson');
    await page.reload();
    await page.locator(`[data-stage-id="${second.id}"]`).getByText('Kiruna depot').waitFor();
    expect(p.errors.filter((e) => !e.includes('400'))).toEqual([]);
    await p.close();
  });

  it("on a phone, the deal page's stage bar asks for the field the same way", async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const { first, second } = await requiredInSecond(t);
    const deal = (await t.post('/api/v2/deals', { title: 'Luleå port', stage_id: first.id })).body.data;
    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    await page.getByRole('button', { name: `Move to ${second.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Fill in the required fields' });
    await dialog.getByText('Decision maker').waitFor();
    await p.shot('required-fields-deal-page');
    await dialog.getByRole('button', { name: 'Edit Decision maker' }).click();
    await dialog.getByRole('textbox', { name: 'Decision maker' }).fill('Sara Lind');
    await dialog.getByRole('textbox', { name: 'Decision maker' }).press('Enter');
    await dialog.getByText('Sara Lind').waitFor();
    await dialog.getByRole('button', { name: 'Move the deal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => stageOf(t, deal.id), { timeout: 10_000 }).toBe(second.id);
    await p.shot('required-fields-deal-moved');
    expect(p.errors.filter((e) => !e.includes('400'))).toEqual([]);
    await p.close();
  });
});
