import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: custom fields in the Leads Inbox', () => {
  afterAll(closeBrowser);

  it('shows a custom field as a column (remembered) and filters by it; formula fields are not offered', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const tier = (
      await t.post('/api/v2/dealFields', {
        field_name: 'Tier',
        field_type: 'enum',
        options: [{ label: 'Gold' }, { label: 'Tin' }],
      })
    ).body.data as { field_code: string; options: { id: number; label: string }[] };
    const doubled = (await t.post('/api/v2/dealFields', { field_name: 'Doubled', field_type: 'double' })).body
      .data as { field_code: string };
    const formula = await t.put(`/api/ext/dealFields/${doubled.field_code}/formula`, {
      expression: '{value} * 2',
    });
    expect(formula.status).toBe(200);
    const [gold, tin] = tier.options.map((o) => o.id);
    const person = (await t.post('/api/v2/persons', { name: 'Inga Holm' })).body.data.id;
    for (const [title, option] of [
      ['Gävle warehouse', gold],
      ['Umeå office', tin],
      ['Visby shop', undefined],
    ] as const) {
      const body = { title, person_id: person, ...(option ? { [tier.field_code]: option } : {}) };
      expect((await t.post('/api/v1/leads', body)).status).toBe(201);
    }

    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const p = await openPage(base, viewport);
      const { page } = p;
      await logIn(page, t.email, t.password);
      await page.goto('/leads');
      const table = page.getByRole('table', { name: 'Leads' });
      await table.getByText('Visby shop').waitFor();
      // each browser remembers the user's columns: a new one starts without
      expect(await table.getByRole('columnheader', { name: 'Tier' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Columns' }).click();
      const picker = page.getByRole('group', { name: 'Custom field columns' });
      await picker.getByRole('checkbox', { name: 'Tier' }).waitFor();
      // leads have no formula fields
      expect(await picker.getByRole('checkbox', { name: 'Doubled' }).count()).toBe(0);
      await picker.getByRole('checkbox', { name: 'Tier' }).check();
      await page.keyboard.press('Escape');
      await table.getByRole('columnheader', { name: 'Tier' }).waitFor();
      await page.reload();
      await table.getByRole('columnheader', { name: 'Tier' }).waitFor();
      await table
        .getByRole('row', { name: /Gävle warehouse/ })
        .getByText('Gold')
        .waitFor();

      await page.getByRole('combobox', { name: 'Filter by field' }).click();
      await page.getByRole('option', { name: 'Tier' }).click();
      await page.getByRole('combobox', { name: 'Tier is' }).click();
      await page.getByRole('option', { name: 'Gold' }).click();
      await table.getByText('Umeå office').waitFor({ state: 'detached' });
      await table.getByText('Gävle warehouse').waitFor();
      expect(await table.getByText('Visby shop').count()).toBe(0);
      expect(page.url()).toContain(`field=${tier.field_code}`);
      await p.shot('inbox-custom-fields');
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });
});
