// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../test/render.tsx';
import { serveTenant } from '../test/server.ts';
import { type ContactChoice, OrganizationPicker, PersonPicker, resolveContact } from './contact-pickers.tsx';

/** A picker with its value held as a form holds it; `seen` gets every choice it reports. */
function Harness({ entity, seen }: { entity: 'person' | 'organization'; seen: (ContactChoice | null)[] }) {
  const [value, setValue] = useState<ContactChoice | null>(null);
  const Picker = entity === 'person' ? PersonPicker : OrganizationPicker;
  return (
    <Picker
      label="Contact"
      value={value}
      onChange={(c) => {
        seen.push(c);
        setValue(c);
      }}
    />
  );
}

const last = <T,>(list: T[]) => list[list.length - 1];

describe('contact pickers', () => {
  it('search the server as you type and pick an existing person', async () => {
    const t = await serveTenant();
    const ingrid = (await t.post('/api/v2/persons', { name: 'Ingrid Nilsson' })).body.data.id;
    await t.post('/api/v2/persons', { name: 'Bo Berg' });
    const seen: (ContactChoice | null)[] = [];
    const { user } = renderWithApp(<Harness entity="person" seen={seen} />);

    await user.type(screen.getByRole('textbox', { name: 'Contact' }), 'Ingr');
    const option = await screen.findByRole('option', { name: /Ingrid Nilsson/ }, { timeout: 5000 });
    expect(screen.queryByRole('option', { name: /Bo Berg/ })).toBeNull();
    await user.click(option);

    expect(last(seen)).toEqual({ kind: 'existing', id: ingrid, name: 'Ingrid Nilsson' });
    expect(screen.getByRole('textbox', { name: 'Contact' })).toHaveProperty('value', 'Ingrid Nilsson');
    expect(await resolveContact(last(seen)!)).toBe(ingrid);
  });

  it('take the existing organization whose name is typed exactly, and say so', async () => {
    const t = await serveTenant();
    const org = (await t.post('/api/v2/organizations', { name: 'Nilsson Bygg AB' })).body.data.id;
    const seen: (ContactChoice | null)[] = [];
    const { user } = renderWithApp(<Harness entity="organization" seen={seen} />);

    await user.type(screen.getByRole('textbox', { name: 'Contact' }), 'nilsson  bygg ab');
    await screen.findByText(/“Nilsson Bygg AB” exists and will be linked/, {}, { timeout: 5000 });
    expect(last(seen)).toMatchObject({ kind: 'existing', id: org, name: 'Nilsson Bygg AB' });
  });

  it('create a new person, with e-mail, from a typed name', async () => {
    const t = await serveTenant();
    await t.post('/api/v2/persons', { name: 'Ingrid Nilsson' });
    const seen: (ContactChoice | null)[] = [];
    const { user } = renderWithApp(<Harness entity="person" seen={seen} />);

    await user.type(screen.getByRole('textbox', { name: 'Contact' }), 'Ingrid N');
    await user.click(
      await screen.findByRole('option', { name: 'Add “Ingrid N” as new person' }, { timeout: 5000 }),
    );
    await screen.findByText('A new person “Ingrid N” will be created');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ingrid@example.com');
    const choice = last(seen)!;
    expect(choice).toMatchObject({ kind: 'new', name: 'Ingrid N', email: 'ingrid@example.com' });

    const id = await resolveContact(choice);
    const made = await t.get(`/api/v2/persons/${id}`);
    expect(made.body.data).toMatchObject({ name: 'Ingrid N', emails: [{ value: 'ingrid@example.com' }] });
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
  });
});
