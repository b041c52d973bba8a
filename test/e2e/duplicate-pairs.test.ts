import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: Contacts → Duplicates, the merge tool’s list of pairs', () => {
  afterAll(closeBrowser);

  it('lists "Andrew Renfrey" and "Andr ew Renfrey" with the reasons, merges them into one; "Not a duplicate" at 390 px', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const person = async (body: Record<string, unknown>) => {
      const res = await t.post('/api/v2/persons', body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data as { id: number; name: string };
    };
    const andrew = await person({
      name: 'Andrew Renfrey',
      emails: [{ value: 'andrew@renfrey.co.uk', primary: true }],
    });
    await person({ name: 'Zed Quillon' });
    const karin = await person({
      name: 'Karin Holm',
      phones: [{ value: '+46 70 555 12 12', primary: true }],
    });
    const spaced = await person({ name: 'Andr ew Renfrey' });
    const karin2 = await person({ name: 'Karin Holm', phones: [{ value: '+46705551212', primary: true }] });
    const deal = await t.post('/api/v2/deals', { title: 'Renfrey roof', person_id: andrew.id });
    expect(deal.status).toBe(200);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/contacts/people');
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    await page.waitForURL(/\/contacts\/duplicates$/);
    const renfrey = page.getByRole('region', { name: 'Andrew Renfrey and Andr ew Renfrey' });
    await renfrey.getByText('Possible').waitFor();
    await renfrey.getByText('same name, spaced differently').waitFor();
    await renfrey.getByText('andrew@renfrey.co.uk').waitFor();
    await renfrey.getByText('1 open deal').first().waitFor();
    // strongest first: the same name and phone comes before a similar name alone
    const holm = page.getByRole('region', { name: 'Karin Holm and Karin Holm' });
    await holm.getByText('Very likely').waitFor();
    await holm.getByText('same phone').waitFor();
    const order = await page
      .getByRole('region')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(order).toEqual(['Karin Holm and Karin Holm', 'Andrew Renfrey and Andr ew Renfrey']);
    await p.shot('duplicate-pairs');

    await renfrey.getByRole('button', { name: 'Merge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge person' });
    await dialog.getByRole('table', { name: 'Merge preview' }).waitFor();
    await dialog.getByText('Andr ew Renfrey (deleted)').waitFor();
    await dialog.getByText('Andrew Renfrey (kept)').waitFor();
    await p.shot('duplicate-pairs-merge');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await renfrey.waitFor({ state: 'detached' });
    await holm.waitFor();
    expect(page.url()).toMatch(/\/contacts\/duplicates$/);

    // one Renfrey left: the older one, with the deal
    const left = await t.get('/api/v2/persons', { limit: 100 });
    const names = (left.body.data as { id: number; name: string }[]).map((x) => x.name).sort();
    expect(names).toEqual(['Andrew Renfrey', 'Karin Holm', 'Karin Holm', 'Zed Quillon']);
    expect((await t.get(`/api/v2/persons/${spaced.id}`)).status).toBe(404);
    expect(p.errors).toEqual([]);
    await p.close();

    // at 390 px: the same list; "Not a duplicate" takes the pair out for good
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/contacts/duplicates');
    const pair = phone.page.getByRole('region', { name: 'Karin Holm and Karin Holm' });
    await pair.getByText('same phone').waitFor();
    await phone.shot('duplicate-pairs');
    await pair.getByRole('button', { name: 'Not a duplicate' }).click();
    await pair.waitFor({ state: 'detached' });
    await phone.page.getByText('No duplicates found.').waitFor();
    await phone.shot('duplicate-pairs-none');
    const after = await t.get('/api/ext/duplicates/pairs', { kind: 'person' });
    expect(after.body.data).toEqual([]);
    const lookUp = await t.get('/api/ext/duplicates', { item_type: 'person', id: karin.id });
    expect(lookUp.body.data.map((d: { item: { id: number } }) => d.item.id)).not.toContain(karin2.id);
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
