// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../api/client.ts';
import { FieldHarness } from '../../test/field-harness.tsx';
import { renderWithApp } from '../../test/render.tsx';
import { serveTenant } from '../../test/server.ts';
import { InlineField } from './inline-field.tsx';

const edit = () => screen.getByRole('button', { name: 'Edit Thing' });

describe('InlineField', () => {
  it('shows the value, edits it on click, saves on Save and shows what was saved', async () => {
    const saved: unknown[] = [];
    const { user } = renderWithApp(<FieldHarness type="varchar" initial="Roof" saved={saved} />);
    expect(screen.getByText('Thing')).toBeTruthy();
    expect(screen.getByText('Roof')).toBeTruthy();

    await user.click(edit());
    const input = screen.getByRole('textbox', { name: 'Thing' });
    expect(document.activeElement).toBe(input);
    await user.clear(input);
    await user.type(input, 'Roof and walls');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(saved).toEqual(['Roof and walls']);
    expect(screen.getByText('Roof and walls')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(edit());
  });

  it('opens with Enter on the field, saves with Enter in the input', async () => {
    const saved: unknown[] = [];
    const { user } = renderWithApp(<FieldHarness type="varchar" initial={null} saved={saved} />);
    expect(screen.getByText('Add thing')).toBeTruthy();
    edit().focus();
    await user.keyboard('{Enter}');
    await user.keyboard('Windows{Enter}');
    expect(saved).toEqual(['Windows']);
    expect(document.activeElement).toBe(edit());
  });

  it('cancels with Escape: nothing saved, the old value shown, focus back on the field', async () => {
    const saved: unknown[] = [];
    const { user } = renderWithApp(<FieldHarness type="varchar" initial="Roof" saved={saved} />);
    await user.click(edit());
    await user.type(screen.getByRole('textbox', { name: 'Thing' }), ' changed');
    await user.keyboard('{Escape}');
    expect(saved).toEqual([]);
    expect(screen.getByText('Roof')).toBeTruthy();
    expect(document.activeElement).toBe(edit());
  });

  it('cancels with Cancel, and an unchanged value is not saved', async () => {
    const saved: unknown[] = [];
    const { user } = renderWithApp(<FieldHarness type="varchar" initial="Roof" saved={saved} />);
    await user.click(edit());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(edit());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(saved).toEqual([]);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it("keeps editing with the server's refusal shown on the field", async () => {
    await serveTenant();
    const saved: unknown[] = [];
    const { user } = renderWithApp(
      <FieldHarness
        type="varchar"
        initial="Ingrid"
        saved={saved}
        save={(name) => api.patch('/api/v2/persons/999999999', { name })}
      />,
    );
    await user.click(edit());
    await user.type(screen.getByRole('textbox', { name: 'Thing' }), ' N');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const input = screen.getByRole('textbox', { name: 'Thing' });
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/not found/i)).toBeTruthy();
    expect(saved).toEqual([]);
    expect((input as HTMLInputElement).value).toBe('Ingrid N');
  });

  it('refuses a required blank value without asking the server', async () => {
    const saved: unknown[] = [];
    const { user } = renderWithApp(
      <FieldHarness type="varchar" initial="Roof" options={{ required: true }} saved={saved} />,
    );
    await user.click(edit());
    await user.clear(screen.getByRole('textbox', { name: 'Thing' }));
    await user.keyboard('{Enter}');
    expect(screen.getByText('Thing is required')).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it('shows "—" for an empty value that cannot be edited, and no editor', () => {
    renderWithApp(<InlineField type="date" label="Thing" value={null} readOnly onSave={async () => 0} />);
    expect(screen.getByText('—')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
