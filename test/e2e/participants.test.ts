import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: participants and followers', () => {
  afterAll(closeBrowser);

  it('follows a deal, adds a participant, and shows the deal on the person (phone width)', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = (await t.post('/api/v2/deals', { title: 'Fleet renewal' })).body.data.id as number;
    const person = (await t.post('/api/v2/persons', { name: 'Petra Participant' })).body.data.id as number;

    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal}`);
    const followers = page.getByRole('region', { name: 'Followers' });
    await followers.getByText('No one follows this deal.').waitFor();
    await followers.getByRole('button', { name: 'Follow' }).click();
    await followers.getByRole('button', { name: 'Unfollow' }).waitFor();
    await followers.getByText(/\(you\)$/).waitFor();
    expect(
      (await t.get(`/api/v2/deals/${deal}/followers`)).body.data.map((f: { user_id: number }) => f.user_id),
    ).toEqual([t.userId]);

    const panel = page.getByRole('region', { name: 'Participants' });
    await panel.getByRole('button', { name: 'Add participant' }).click();
    await panel.getByRole('textbox', { name: 'Person' }).fill('Petra');
    await page.getByRole('option', { name: /Petra Participant/ }).click();
    await p.shot('participants-add');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await panel.getByRole('link', { name: 'Petra Participant' }).waitFor();
    await p.shot('participants-deal');

    await page.goto(`/contacts/people/${person}`);
    const deals = page.getByRole('region', { name: 'Participant in deals' });
    await deals.getByRole('link', { name: 'Fleet renewal' }).waitFor();
    await p.shot('participants-person');

    await page.goto(`/deals/${deal}`);
    await panel.getByRole('button', { name: 'Remove Petra Participant from the deal' }).click();
    await panel.getByText('No participants yet.').waitFor();
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
