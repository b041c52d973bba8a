import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: a mistyped name still finds its duplicate', () => {
  afterAll(closeBrowser);

  it('shows "Andrew Renfrey" as a very likely duplicate of "Andr ew Renfrey" with its reasons, converts to it', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const existing = await t.post('/api/v2/persons', {
      name: 'Andrew Renfrey',
      phones: [{ value: '+46 70 111 22 33', primary: true }],
      birthday: '1981-04-12',
    });
    expect(existing.status).toBe(200);
    // someone else with a similar name: a possible candidate at most
    const other = await t.post('/api/v2/persons', { name: 'Andrea Renfrew', birthday: '1990-01-01' });
    expect(other.status).toBe(200);
    // the lead's person, typed again with a space inside the given name
    const typed = await t.post('/api/v2/persons', {
      name: 'Andr ew Renfrey',
      phones: [{ value: '+46701112233', primary: true }],
      birthday: '1981-04-12',
    });
    expect(typed.status).toBe(200);
    const lead = await t.post('/api/v1/leads', {
      title: 'Renfrey renovation',
      person_id: typed.body.data.id,
    });
    expect(lead.status).toBe(201);

    // the API says why, field by field
    const api = await t.get('/api/ext/duplicates', {
      item_type: 'person',
      id: typed.body.data.id,
      country: 'SE',
    });
    expect(api.status).toBe(200);
    expect(api.body.data[0]).toMatchObject({
      item: { id: existing.body.data.id, name: 'Andrew Renfrey' },
      band: 'very_likely',
      reasons: ['name', 'phone'],
    });
    expect(api.body.data[0].details).toEqual([
      { kind: 'name_spacing' },
      { kind: 'phone_same' },
      { kind: 'birthday_same' },
    ]);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('link', { name: 'Renfrey renovation' }).click();
    await page.getByRole('button', { name: 'Convert to deal' }).click();
    const convert = page.getByRole('dialog');
    await convert.getByText('Possible duplicate').first().waitFor();
    const row = convert.getByRole('row').filter({ hasText: 'Andrew Renfrey' });
    await row.getByText('Very likely').waitFor();
    await row.getByText('same name, spaced differently').waitFor();
    await row.getByText('same phone').waitFor();
    await row.getByText('same birthday').waitFor();
    await p.shot('duplicates-typo');
    await convert.getByRole('radio', { name: 'Use this contact: Andrew Renfrey' }).check();
    await convert.getByRole('button', { name: 'Convert', exact: true }).click();
    await page.waitForURL(/\/deals\/\d+$/);
    const dealId = Number(page.url().split('/').pop());
    const deal = await t.get(`/api/v2/deals/${dealId}`);
    expect(deal.body.data).toMatchObject({ title: 'Renfrey renovation', person_id: existing.body.data.id });
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
