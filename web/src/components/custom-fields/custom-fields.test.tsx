// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDeal, useUpdateDeal } from '../../api/deals.ts';
import { PeopleList } from '../../features/contacts/people-list.tsx';
import { renderWithApp } from '../../test/render.tsx';
import { serveTenant } from '../../test/server.ts';
import { CustomFieldsSection } from './index.ts';

/** The deal's custom fields as its page shows them, saved through the deal's update mutation. */
function DealCustomFields({ id }: { id: number }) {
  const deal = useDeal(id);
  const update = useUpdateDeal(id);
  if (!deal.data) return null;
  return (
    <CustomFieldsSection
      entity="deal"
      source={{ shape: 'v2', values: deal.data.custom_fields }}
      save={(patch) => update.mutateAsync(patch)}
    />
  );
}

describe('custom fields in a detail view', () => {
  it('edits each field in place; a formula field is read-only and follows; a refusal stays on the field', async () => {
    const t = await serveTenant();
    const add = async (body: object) =>
      (await t.post('/api/v2/dealFields', body)).body.data as never as {
        field_code: string;
        options: { id: number; label: string }[];
      };
    const amount = await add({ field_name: 'Amount', field_type: 'double' });
    const tripled = await add({ field_name: 'Tripled', field_type: 'double' });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/ext/dealFields/${tripled.field_code}/formula`,
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: JSON.stringify({ expression: `{${amount.field_code}} * 3` }),
    });
    expect(put.statusCode).toBe(200);
    const when = await add({ field_name: 'Window', field_type: 'daterange' });
    const deal = (await t.post('/api/v2/deals', { title: 'Roof' })).body.data.id as number;

    const { user } = renderWithApp(<DealCustomFields id={deal} />);
    const section = await screen.findByRole('region', { name: 'Custom fields' });
    await within(section).findByText('Tripled (calculated)');
    // number fields wait, read-only, until their formulas are known; then only the formula field stays so
    await user.click(
      await within(section).findByRole('button', { name: 'Edit Amount' }, { timeout: 10_000 }),
    );
    expect(within(section).queryByRole('button', { name: /Edit Tripled/ })).toBeNull();
    await user.type(within(section).getByRole('textbox', { name: 'Amount' }), '7{Enter}');
    await within(section).findByText('21');
    const saved = (await t.get(`/api/v2/deals/${deal}`)).body.data as unknown as {
      custom_fields: Record<string, unknown>;
    };
    expect(saved.custom_fields).toMatchObject({ [amount.field_code]: 7, [tripled.field_code]: 21 });

    // a range: both days saved as one value
    await user.click(within(section).getByRole('button', { name: 'Edit Window' }));
    const from = () => within(section).getByRole('textbox', { name: 'Window: from' });
    await waitFor(() => expect(from().hasAttribute('readonly')).toBe(false), { timeout: 10_000 });
    await user.type(from(), '2026-12-01');
    await user.type(within(section).getByRole('textbox', { name: 'Until' }), '2026-12-05');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    await within(section).findByText('Dec 1, 2026 – Dec 5, 2026');
    const range = (await t.get(`/api/v2/deals/${deal}`)).body.data as unknown as {
      custom_fields: Record<string, unknown>;
    };
    expect(range.custom_fields[when.field_code]).toEqual({ value: '2026-12-01', until: '2026-12-05' });

    // the server refuses (the deal is gone): its message stays on the field, the editor open
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v2/deals/${deal}`,
      headers: { 'x-api-token': t.token },
    });
    await user.click(within(section).getByRole('button', { name: 'Edit Amount' }));
    const box = within(section).getByRole('textbox', { name: 'Amount' });
    await user.clear(box);
    await user.type(box, '8{Enter}');
    await within(section).findByText(/not found/i);
    expect(within(section).getByRole('textbox', { name: 'Amount' })).toBeTruthy();
    // several saves through the real server: more than the default 30 s on a busy machine
  }, 90_000);
});

describe('custom fields as list columns', () => {
  it('the people list shows the chosen custom fields as columns', async () => {
    const t = await serveTenant();
    const field = (await t.post('/api/v2/personFields', { field_name: 'Shoe size', field_type: 'double' }))
      .body.data as never as { field_code: string };
    await t.post('/api/v2/persons', { name: 'Greta Lind', custom_fields: { [field.field_code]: 38 } });
    const { user } = renderWithApp(<PeopleList />);
    await screen.findByText('Greta Lind');
    expect(screen.queryByRole('columnheader', { name: 'Shoe size' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Shoe size' }));
    await screen.findByRole('columnheader', { name: 'Shoe size' });
    expect(screen.getByRole('cell', { name: '38' })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('pipewright:1:1:columns:people') ?? '[]')).toEqual([
      field.field_code,
    ]);
  });
});

describe('a list filtered by one custom field', () => {
  it('the people list shows only the people whose field holds the value picked', async () => {
    const t = await serveTenant();
    const tier = (
      await t.post('/api/v2/personFields', {
        field_name: 'Tier',
        field_type: 'enum',
        options: [{ label: 'Gold' }, { label: 'Tin' }],
      })
    ).body.data as never as { field_code: string; options: { id: number; label: string }[] };
    const [gold, tin] = tier.options.map((o) => o.id);
    await t.post('/api/v2/persons', { name: 'Greta Lind', custom_fields: { [tier.field_code]: gold } });
    await t.post('/api/v2/persons', { name: 'Tomas Berg', custom_fields: { [tier.field_code]: tin } });
    await t.post('/api/v2/persons', { name: 'Nils Ek' });
    const { user } = renderWithApp(<PeopleList />);
    await screen.findByText('Nils Ek');
    await user.click(await screen.findByRole('combobox', { name: 'Filter by field' }, { timeout: 10_000 }));
    await user.click(await screen.findByRole('option', { name: 'Tier' }));
    await user.click(await screen.findByRole('combobox', { name: 'Tier is' }));
    await user.click(await screen.findByRole('option', { name: 'Gold' }));
    // the filtered page replaces the whole list (it may be empty for a moment while it loads)
    await waitFor(() => {
      expect(screen.queryByText('Nils Ek')).toBeNull();
      expect(screen.getByText('Greta Lind')).toBeTruthy();
    });
    expect(screen.queryByText('Tomas Berg')).toBeNull();
    // a search narrows the same way: the filter stays on the search's results
    await user.type(screen.getByRole('searchbox', { name: 'Search people' }), 'Berg');
    await screen.findByText('No people match “Berg”.', {}, { timeout: 5000 });
    expect(screen.queryByText('Tomas Berg')).toBeNull();
    await user.clear(screen.getByRole('searchbox', { name: 'Search people' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search people' }), 'Lind');
    await screen.findByText('Greta Lind', {}, { timeout: 5000 });
  });
});
