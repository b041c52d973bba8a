import { afterAll, expect, it } from 'vitest';
import { realServer, serveJobsFor } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: from a new lead to the pipeline board', () => {
  afterAll(closeBrowser);

  it('adds a lead with a new person and organization, converts it picking the duplicate, drags the deal, reloads', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    // The contact that already exists: the lead's new person will look like a duplicate of it.
    const existing = await t.post('/api/v2/persons', {
      name: 'Maria Öberg',
      emails: [{ value: 'maria@oberg.example', primary: true }],
    });
    expect(existing.status).toBe(200);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('heading', { name: 'Leads Inbox' }).waitFor();

    // + Lead with a new person (same e-mail as Maria) and a new organization.
    await page.getByRole('button', { name: '+ Lead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Öberg expansion');
    await dialog.getByRole('textbox', { name: 'Person' }).fill('Maria Oberg');
    await page.getByRole('option', { name: 'Add “Maria Oberg” as new person' }).click();
    await dialog.getByRole('textbox', { name: 'Email' }).fill('MARIA@oberg.example');
    await dialog.getByRole('textbox', { name: 'Organization' }).fill('Öberg Bygg AB');
    await page.getByRole('option', { name: 'Add “Öberg Bygg AB” as new organization' }).click();
    await dialog.getByRole('textbox', { name: 'Value' }).fill('12000');
    await p.shot('add-lead');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Open it from the inbox.
    await page.getByRole('link', { name: 'Öberg expansion' }).click();
    await page.getByRole('button', { name: 'Convert to deal' }).waitFor();
    await p.shot('lead-detail');

    // Convert, picking the existing Maria.
    await page.getByRole('button', { name: 'Convert to deal' }).click();
    const convert = page.getByRole('dialog');
    await convert.getByText('Possible duplicate').first().waitFor();
    await convert.getByRole('radio', { name: 'Use this contact: Maria Öberg' }).check();
    await p.shot('convert-duplicate');
    await convert.getByRole('button', { name: 'Convert', exact: true }).click();
    await page.waitForURL(/\/deals\/\d+$/);
    const dealId = Number(page.url().split('/').pop());
    const deal = await t.get(`/api/v2/deals/${dealId}`);
    expect(deal.body.data).toMatchObject({
      title: 'Öberg expansion',
      person_id: existing.body.data.id,
      value: 12000,
    });
    await p.shot('deal-detail');

    // See it on the board, drag it to the next stage, reload.
    await page.getByRole('link', { name: 'Deals' }).click();
    const stages = (await t.get('/api/v2/stages', { sort_by: 'order_nr' })).body.data as { id: number }[];
    const [first, second] = [stages[0]!.id, stages[1]!.id];
    const card = page.locator(`[data-stage-id="${first}"]`).getByText('Öberg expansion');
    await card.waitFor();
    await p.shot('board');
    const target = page.locator(`[data-stage-id="${second}"]`);
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 5, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 });
    await page.mouse.up();
    await expect
      .poll(async () => (await t.get(`/api/v2/deals/${dealId}`)).body.data.stage_id, { timeout: 10_000 })
      .toBe(second);
    await page.reload();
    await page.locator(`[data-stage-id="${second}"]`).getByText('Öberg expansion').waitFor();
    await p.shot('board-after-drag');
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('converts three selected leads in bulk from the inbox', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    serveJobsFor(t.companyId);
    const person = await t.post('/api/v2/persons', { name: 'Bulk Person' });
    for (const title of ['Bulk one', 'Bulk two', 'Bulk three']) {
      expect((await t.post('/api/v1/leads', { title, person_id: person.body.data.id })).status).toBe(201);
    }
    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    for (const title of ['Bulk one', 'Bulk two', 'Bulk three']) {
      await page.getByRole('checkbox', { name: `Select ${title}` }).check();
    }
    await page.getByRole('region', { name: 'Bulk actions' }).getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Convert to deals' }).click();
    await p.shot('bulk-convert');
    await page.getByRole('button', { name: 'Convert leads' }).click();
    await page.getByRole('table', { name: 'Conversion results' }).waitFor();
    await expect
      .poll(async () => (await t.get('/api/v2/deals')).body.data.length, { timeout: 15_000 })
      .toBe(3);
    await p.shot('bulk-results');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText('No leads yet').waitFor();
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
