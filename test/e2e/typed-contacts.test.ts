import type { Locator, Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant, type Tenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** The text that the field's aria-describedby points at: what a screen reader reads with the field. */
async function describedBy(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const parts: string[] = [];
  for (const id of ids.split(/\s+/).filter(Boolean)) {
    parts.push((await page.locator(`[id="${id}"]`).textContent()) ?? '');
  }
  return parts.join(' ');
}

async function leadTitled(t: Tenant, title: string) {
  const leads = (await t.get('/api/v1/leads', { limit: 500 })).body.data as {
    id: string;
    title: string;
    person_id: number | null;
    organization_id: number | null;
  }[];
  const found = leads.filter((l) => l.title === title);
  expect(found).toHaveLength(1);
  return found[0]!;
}

async function namesOf(t: Tenant, path: '/api/v2/persons' | '/api/v2/organizations') {
  const rows = (await t.get(path, { limit: 500 })).body.data as { id: number; name: string }[];
  return rows.map((r) => r.name).sort();
}

describeBrowser('web app in Chromium: contacts typed in a picker, not picked from its list', () => {
  afterAll(closeBrowser);

  it('“+ Lead” with a typed person and organization says it will create them, and does on Save', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    // someone else's name, to be sure the dropdown has options and none of them is taken
    await t.post('/api/v2/persons', { name: 'Ingrid Nilssonova' });

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('button', { name: '+ Lead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Nilsson extension');

    const person = dialog.getByRole('textbox', { name: 'Person' });
    await person.fill('Ingrid Nilsson');
    const personHint = 'A new person “Ingrid Nilsson” will be created';
    await dialog.getByText(personHint).waitFor();
    // the list has answered: the similar name is offered, not taken
    await page.getByRole('option', { name: /Ingrid Nilssonova/ }).waitFor();
    await dialog.getByText(personHint).waitFor();
    expect(await describedBy(page, person)).toContain(personHint);

    const org = dialog.getByRole('textbox', { name: 'Organization' });
    await org.fill('Nilsson Bygg AB');
    const orgHint = 'A new organization “Nilsson Bygg AB” will be created';
    await dialog.getByText(orgHint).waitFor();
    expect(await describedBy(page, org)).toContain(orgHint);
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ingrid@nilssonbygg.example');
    await p.shot('typed-contacts-new');

    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    // In the inbox with its new person and organization.
    const row = page.getByRole('row', { name: /Nilsson extension/ });
    await row.getByText('Ingrid Nilsson', { exact: true }).waitFor();
    await row.getByText('Nilsson Bygg AB', { exact: true }).waitFor();
    const lead = await leadTitled(t, 'Nilsson extension');
    const personRow = (await t.get(`/api/v2/persons/${lead.person_id}`)).body.data;
    const orgRow = (await t.get(`/api/v2/organizations/${lead.organization_id}`)).body.data;
    expect(orgRow.name).toBe('Nilsson Bygg AB');
    expect(personRow).toMatchObject({ name: 'Ingrid Nilsson', org_id: orgRow.id });
    expect(personRow.emails.map((e: { value: string }) => e.value)).toEqual(['ingrid@nilssonbygg.example']);
    expect(await namesOf(t, '/api/v2/persons')).toEqual(['Ingrid Nilsson', 'Ingrid Nilssonova']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('a typed name that is exactly an existing contact’s links that contact (on a phone)', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const ingrid = (
      await t.post('/api/v2/persons', {
        name: 'Ingrid Nilsson',
        emails: [{ value: 'ingrid@nilssonbygg.example', primary: true }],
      })
    ).body.data;
    await t.post('/api/v2/persons', { name: 'Ingrid Nilsson-Berg' });
    const bygg = (await t.post('/api/v2/organizations', { name: 'Nilsson Bygg AB' })).body.data;

    const p = await openPage(base, { width: 390, height: 844 });
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('button', { name: '+ Lead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Second order');

    // other case, other spaces: the same name
    const person = dialog.getByRole('textbox', { name: 'Person' });
    await person.fill('  ingrid   NILSSON ');
    const hint = '“Ingrid Nilsson” (ingrid@nilssonbygg.example) exists and will be linked.';
    await dialog.getByText(hint).waitFor();
    expect(await describedBy(page, person)).toContain(hint);
    const chosen = page.getByRole('option', { selected: true });
    await expect.poll(() => chosen.textContent()).toContain('Ingrid Nilsson');
    expect(await chosen.count()).toBe(1);
    // the exact match is the first option, the one that only begins the same way comes after it
    await expect.poll(() => page.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await page.getByRole('option', { name: /Ingrid Nilsson-Berg/ }).waitFor();
    await page.getByRole('option', { name: 'Add “ingrid NILSSON” as new person' }).waitFor();
    // no e-mail and phone fields: nobody new is being made
    expect(await dialog.getByRole('textbox', { name: 'Email' }).count()).toBe(0);
    await p.shot('typed-contacts-existing-list');
    // with the list closed, the hint under the field is what is left to read
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).click();
    await p.shot('typed-contacts-existing');
    expect(await person.inputValue()).toBe('Ingrid Nilsson');
    expect(await describedBy(page, person)).toContain(hint);

    // Save at once, before the organization's list has answered: still the existing organization.
    await dialog.getByRole('textbox', { name: 'Organization' }).fill('nilsson bygg ab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(async () => (await t.get('/api/v1/leads')).body.data.length).toBe(1);
    const lead = await leadTitled(t, 'Second order');
    expect(lead).toMatchObject({ person_id: ingrid.id, organization_id: bygg.id });
    // nobody and nothing new
    expect(await namesOf(t, '/api/v2/persons')).toEqual(['Ingrid Nilsson', 'Ingrid Nilsson-Berg']);
    expect(await namesOf(t, '/api/v2/organizations')).toEqual(['Nilsson Bygg AB']);
    expect(p.errors).toEqual([]);
    await p.close();
  });
  it('“+ Deal” does the same: a typed existing organization is linked, a typed new person is made in it', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const bygg = (await t.post('/api/v2/organizations', { name: 'Nilsson Bygg AB' })).body.data;
    // the same name at another organization: the person search is limited to the chosen organization
    await t.post('/api/v2/persons', { name: 'Ingrid Nilsson' });

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('button', { name: '+ Deal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Roof for Nilsson');
    const org = dialog.getByRole('textbox', { name: 'Organization' });
    await org.fill('Nilsson Bygg AB');
    await dialog.getByText('“Nilsson Bygg AB” exists and will be linked.', { exact: false }).waitFor();
    const person = dialog.getByRole('textbox', { name: 'Person' });
    await person.fill('Ingrid Nilsson');
    await dialog.getByText('A new person “Ingrid Nilsson” will be created').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const deals = (await t.get('/api/v2/deals')).body.data as {
      title: string;
      person_id: number;
      org_id: number;
    }[];
    expect(deals.map((d) => d.title)).toEqual(['Roof for Nilsson']);
    expect(deals[0]!.org_id).toBe(bygg.id);
    const made = (await t.get(`/api/v2/persons/${deals[0]!.person_id}`)).body.data;
    expect(made).toMatchObject({ name: 'Ingrid Nilsson', org_id: bygg.id });
    expect(await namesOf(t, '/api/v2/persons')).toEqual(['Ingrid Nilsson', 'Ingrid Nilsson']);
    expect(await namesOf(t, '/api/v2/organizations')).toEqual(['Nilsson Bygg AB']);
    expect(p.errors).toEqual([]);
    await p.close();
  });
  it('“+ Person” and its edit form make the typed organization when new, and link it when it exists', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const bygg = (await t.post('/api/v2/organizations', { name: 'Nilsson Bygg AB' })).body.data;

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto('/contacts/people');
    for (const [name, org, hint] of [
      ['Ingrid Nilsson', 'Nilsson Måleri', 'A new organization “Nilsson Måleri” will be created'],
      ['Per Nilsson', 'NILSSON BYGG AB', '“Nilsson Bygg AB” exists and will be linked.'],
    ] as const) {
      await page.getByRole('button', { name: '+ Person' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      const field = dialog.getByRole('textbox', { name: 'Organization' });
      await field.fill(org);
      await dialog.getByText(hint).waitFor();
      expect(await describedBy(page, field)).toContain(hint);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
    }

    const people = (await t.get('/api/v2/persons')).body.data as { name: string; org_id: number }[];
    const orgs = (await t.get('/api/v2/organizations')).body.data as { id: number; name: string }[];
    expect(orgs.map((o) => o.name).sort()).toEqual(['Nilsson Bygg AB', 'Nilsson Måleri']);
    const maleri = orgs.find((o) => o.name === 'Nilsson Måleri')!;
    expect(people.map((x) => [x.name, x.org_id]).sort()).toEqual([
      ['Ingrid Nilsson', maleri.id],
      ['Per Nilsson', bygg.id],
    ]);

    // Editing the person's organization in place: typing another organization makes it too
    const per = (people as unknown as { id: number; name: string }[]).find((x) => x.name === 'Per Nilsson')!;
    await page.goto(`/contacts/people/${per.id}`);
    await page.getByRole('button', { name: 'Edit Organization', exact: true }).click();
    const form = page.getByRole('form', { name: 'Organization' });
    const field = form.getByRole('textbox', { name: 'Organization' });
    await field.fill('Nilsson Tak');
    await form.getByText('A new organization “Nilsson Tak” will be created').waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const tak = ((await t.get('/api/v2/organizations')).body.data as { id: number; name: string }[]).find(
      (o) => o.name === 'Nilsson Tak',
    );
    expect((await t.get(`/api/v2/persons/${per.id}`)).body.data.org_id).toBe(tak?.id);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
