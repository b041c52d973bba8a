// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render.tsx';
import { serveTenant } from '../../../test/server.ts';
import { FormulaEditor } from './formula-editor.tsx';
import type { FormulaInput } from './formula-text.ts';

function Harness({ inputs, initial = '' }: { inputs: FormulaInput[]; initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <FormulaEditor value={value} onChange={setValue} inputs={inputs} resultType="monetary" />
      <output data-testid="text">{value}</output>
    </>
  );
}

const formulaBox = () => screen.getByRole('textbox', { name: /^Formula/ });

describe('the formula editor', () => {
  it('inserts fields by name, checks on the server, marks the error, previews on a deal', async () => {
    const t = await serveTenant();
    const cost = await t.post<{ field_code: string }>('/api/v2/dealFields', {
      field_name: 'Cost',
      field_type: 'monetary',
    });
    const deal = await t.post<{ id: number }>('/api/v2/deals', {
      title: 'Preview deal',
      value: 1000,
      currency: 'EUR',
      custom_fields: { [cost.body.data.field_code]: { value: 250, currency: 'EUR' } },
    });
    expect(deal.status).toBe(200);
    const inputs = [
      { key: 'value', name: 'Value' },
      { key: cost.body.data.field_code, name: 'Cost' },
    ];
    const { user } = renderWithApp(<Harness inputs={inputs} />);

    // a field from the picker goes in as its name, and shows as a token
    await user.click(screen.getByRole('combobox', { name: 'Insert field' }));
    await user.click(await screen.findByRole('option', { name: 'Value' }));
    expect(screen.getByTestId('text').textContent).toBe('{Value}');
    await user.type(formulaBox(), ' -');
    // the server finds the formula unfinished: the error names the character after '-'
    const box = formulaBox();
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'), { timeout: 5000 });
    expect(screen.getByText(/This is not a formula here\. \(at character 10\)/)).toBeTruthy();

    await user.click(screen.getByRole('combobox', { name: 'Insert field' }));
    await user.click(await screen.findByRole('option', { name: 'Cost' }));
    expect(screen.getByTestId('text').textContent).toBe('{Value} - {Cost}');
    await screen.findByText('Valid formula', undefined, { timeout: 5000 });
    expect(formulaBox().getAttribute('aria-invalid')).not.toBe('true');
    const tokens = screen.getByRole('group', { name: 'The formula as read' });
    expect(tokens.textContent).toContain('Value');
    expect(tokens.textContent).toContain('Cost');
    expect(tokens.textContent).not.toContain(cost.body.data.field_code);

    // a deal picked: its result, computed by the server as it would store it
    await user.click(screen.getByRole('combobox', { name: 'Try it on a deal' }));
    await user.click(await screen.findByRole('option', { name: 'Preview deal' }, { timeout: 5000 }));
    const result = await screen.findByText(/Result for this deal:/, undefined, { timeout: 5000 });
    expect(result.textContent).toBe('Result for this deal: €750.00');
  }, 30_000);

  it('refuses a name no field has where it stands, without asking the server', async () => {
    await serveTenant();
    const { user } = renderWithApp(<Harness inputs={[{ key: 'value', name: 'Value' }]} />);
    await user.click(formulaBox());
    await user.paste('2 * {Price}');
    await screen.findByText('No number or money field is named “Price”.', undefined, { timeout: 5000 });
    const unknown = screen.getByRole('group', { name: 'The formula as read' });
    expect(unknown.textContent).toContain('{Price}');
  }, 30_000);
});
