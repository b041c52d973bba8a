import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: possible duplicates while a new contact is typed', () => {
  afterAll(closeBrowser);

  it('“+ Lead” warns of a look-alike person and organization, and “Use” links the existing ones', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const person = await t.post('/api/v2/persons', { name: 'Andrew Renfrey' });
    const org = await t.post('/api/v2/organizations', { name: 'Renfrey Bygg AB' });
    expect([person.status, org.status]).toEqual([200, 200]);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('button', { name: '+ Lead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Renfrey kitchen');
    await dialog.getByRole('textbox', { name: 'Person' }).fill('Andr ew Renfrey');
    await dialog.getByRole('textbox', { name: 'Organization' }).fill('Renfrey Bygg Ltd');
    // close the pickers' lists: the typed names stay as new contacts
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).click();
    const warnings = dialog.getByTestId('duplicate-warning');
    await warnings.filter({ hasText: 'Andrew Renfrey' }).getByText('same name, spaced differently').waitFor();
    await warnings
      .filter({ hasText: 'Renfrey Bygg AB' })
      .getByText('same name apart from the legal form', { exact: false })
      .waitFor();
    await dialog.getByText('Possible duplicate').first().waitFor();
    await p.shot('duplicates-typing-lead');

    await dialog.getByRole('button', { name: 'Use Andrew Renfrey instead' }).click();
    await dialog.getByRole('button', { name: 'Use Renfrey Bygg AB instead' }).click();
    // existing contacts now: nothing is created, so nothing to warn of
    await expect.poll(() => warnings.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const leads = (await t.get('/api/v1/leads', { limit: 100 })).body.data as {
      title: string;
      person_id: number | null;
      organization_id: number | null;
    }[];
    expect(leads.find((l) => l.title === 'Renfrey kitchen')).toMatchObject({
      person_id: person.body.data.id,
      organization_id: org.body.data.id,
    });
    const persons = (await t.get('/api/v2/persons', { limit: 100 })).body.data as { name: string }[];
    expect(persons.map((x) => x.name)).toEqual(['Andrew Renfrey']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('“+ Person” on a phone warns as the name and e-mail are typed, with a link to the existing one', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const person = await t.post('/api/v2/persons', {
      name: 'Märta Kjellberg',
      emails: [{ value: 'marta@kjellberg.example', primary: true }],
    });
    expect(person.status).toBe(200);
    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`${base}/contacts/people`);
    await page.getByRole('button', { name: '+ Person' }).click();
    const dialog = page.getByRole('dialog');
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await name.fill('Marta Kjelberg');
    const warning = dialog.getByTestId('duplicate-warning');
    await warning.getByText('surname 1 letter apart', { exact: false }).waitFor();
    await dialog.getByRole('textbox', { name: 'Email' }).fill('marta@kjellberg.example');
    await warning.getByText('same email', { exact: false }).waitFor();
    await p.shot('duplicates-typing-person');
    const link = warning.getByRole('link', { name: 'Märta Kjellberg' });
    expect(await link.getAttribute('href')).toBe(`/contacts/people/${person.body.data.id}`);
    // a different name: the warning goes
    await name.fill('Someone Else Entirely');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('');
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
