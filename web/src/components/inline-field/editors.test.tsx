// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FieldHarness } from '../../test/field-harness.tsx';
import { renderWithApp } from '../../test/render.tsx';
import { serveTenant } from '../../test/server.ts';
import type { FieldTypeName, OptionsOf, ValueOf } from './registry.ts';

/** Each editor of the registry: it shows the value, edits it, and gives Save the value the API takes. */

async function editAndSave<K extends FieldTypeName>(
  type: K,
  initial: ValueOf<K>,
  change: (user: UserEvent) => Promise<void>,
  options?: OptionsOf<K>,
): Promise<unknown[]> {
  cleanup();
  const saved: unknown[] = [];
  const { user } = renderWithApp(
    <FieldHarness type={type} initial={initial} options={options} saved={saved} />,
  );
  await user.click(screen.getByRole('button', { name: 'Edit Thing' }));
  await change(user);
  // a pick saves at once; otherwise Save does
  const save = screen.queryByRole('button', { name: 'Save' });
  if (save && saved.length === 0) await user.click(save);
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Save' })).toBeNull());
  return saved;
}

const box = (name = 'Thing') => screen.getByRole('textbox', { name });

describe('the editors of the field types', () => {
  it('text: several lines', async () => {
    const saved = await editAndSave('text', 'one', async (u) => {
      await u.type(box(), '{Enter}two');
    });
    expect(saved).toEqual(['one\ntwo']);
  });

  it('address: one line', async () => {
    const saved = await editAndSave('address', null, async (u) => u.type(box(), 'Storgatan 1, Lund'));
    expect(saved).toEqual(['Storgatan 1, Lund']);
    expect(screen.getByText('Storgatan 1, Lund')).toBeTruthy();
  });

  it('double: a number, blank is none', async () => {
    expect(await editAndSave('double', 12, async (u) => u.clear(box()))).toEqual([null]);
    const saved = await editAndSave('double', null, async (u) => u.type(box(), '40'), {
      min: 0,
      max: 100,
      suffix: '%',
    });
    expect(saved).toEqual([40]);
    expect(screen.getByText('40%')).toBeTruthy();
  });

  it('monetary: amount and currency', async () => {
    const saved = await editAndSave('monetary', { amount: 100, currency: 'SEK' }, async (u) => {
      await u.clear(box());
      await u.type(box(), '2500');
      await u.click(screen.getByRole('combobox', { name: 'Currency' }));
      await u.click(await screen.findByRole('option', { name: 'EUR' }));
    });
    expect(saved).toEqual([{ amount: 2500, currency: 'EUR' }]);
    expect(screen.getByText('€2,500.00')).toBeTruthy();
  });

  it('monetary: an amount past what the database keeps is refused on the field', async () => {
    const saved = await editAndSave('monetary', null, async (u) => {
      await u.type(box(), '2000000000000000');
      await u.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByText('Enter a number up to 1,000,000,000,000,000')).toBeTruthy();
      await u.clear(box());
      await u.type(box(), '5');
    });
    expect(saved).toEqual([{ amount: 5, currency: 'SEK' }]);
  });

  it('monetary: a new amount takes the company currency', async () => {
    const saved = await editAndSave('monetary', null, async (u) => u.type(box(), '12'));
    expect(saved).toEqual([{ amount: 12, currency: 'SEK' }]);
  });

  it('date: typed, saved with Enter, shown in the locale', async () => {
    const saved = await editAndSave('date', null, async (u) => {
      // the calendar's chunk loads with the first date field: until then the field is a read-only stand-in
      await waitFor(() => expect(box().hasAttribute('readonly')).toBe(false), { timeout: 10_000 });
      await u.type(box(), '2026-12-02');
      await u.keyboard('{Enter}');
    });
    expect(saved).toEqual(['2026-12-02']);
    expect(screen.getByText('Dec 2, 2026')).toBeTruthy();
  });

  it('daterange: both days typed, saved together; one end alone or a backward range is refused', async () => {
    const saved = await editAndSave('daterange', null, async (u) => {
      const from = () => box('Thing: from');
      await waitFor(() => expect(from().hasAttribute('readonly')).toBe(false), { timeout: 10_000 });
      await u.type(from(), '2026-12-02');
      await u.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByText('Enter both the start and the end')).toBeTruthy();
      await u.type(box('Until'), '2026-12-01');
      await u.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByText('The end cannot be before the start')).toBeTruthy();
      await u.clear(box('Until'));
      await u.type(box('Until'), '2026-12-24');
    });
    expect(saved).toEqual([{ value: '2026-12-02', until: '2026-12-24' }]);
    expect(screen.getByText('Dec 2, 2026 – Dec 24, 2026')).toBeTruthy();
  });

  it('time: a time of day, shown in the locale; cleared is none', async () => {
    const saved = await editAndSave('time', null, async (u) => {
      const input = document.querySelector<HTMLInputElement>('input[type="time"]');
      if (!input) throw new Error('no time input');
      await u.type(input, '14:30');
    });
    expect(saved).toEqual(['14:30']);
    expect(screen.getByText('2:30 PM')).toBeTruthy();
    const cleared = await editAndSave('time', '09:00', async (u) => {
      const input = document.querySelector<HTMLInputElement>('input[type="time"]');
      if (!input) throw new Error('no time input');
      await u.clear(input);
    });
    expect(cleared).toEqual([null]);
  });

  it('timerange: start and end times', async () => {
    const saved = await editAndSave('timerange', { value: '09:00', until: '10:00' }, async (u) => {
      const [, until] = document.querySelectorAll<HTMLInputElement>('input[type="time"]');
      if (!until) throw new Error('no end time');
      await u.clear(until);
      await u.type(until, '11:15');
    });
    expect(saved).toEqual([{ value: '09:00', until: '11:15' }]);
    expect(screen.getByText('9:00 AM – 11:15 AM')).toBeTruthy();
  });

  it('varchar_auto: one line of text', async () => {
    expect(await editAndSave('varchar_auto', null, async (u) => u.type(box(), 'Lund'))).toEqual(['Lund']);
  });

  it('optionalUser: empty until a user is picked', async () => {
    const t = await serveTenant();
    cleanup();
    renderWithApp(<FieldHarness type="optionalUser" initial={null} saved={[]} />);
    expect(screen.getByText('Add thing')).toBeTruthy();
    const saved = await editAndSave('optionalUser', null, async (u) =>
      u.click(await screen.findByRole('option', { name: /./ })),
    );
    expect(saved).toEqual([t.userId]);
  });

  const data = [
    { value: 'a', label: 'Alpha' },
    { value: 'b', label: 'Beta' },
  ];

  it('enum: picking an option saves it', async () => {
    const saved = await editAndSave(
      'enum',
      'a',
      async (u) => u.click(await screen.findByRole('option', { name: 'Beta' })),
      { data },
    );
    expect(saved).toEqual(['b']);
    expect(screen.getByText('Beta')).toBeTruthy();
  });

  it('set: several options', async () => {
    const saved = await editAndSave(
      'set',
      ['a'],
      async (u) => u.click(await screen.findByRole('option', { name: 'Beta' })),
      { data },
    );
    expect(saved).toEqual([['a', 'b']]);
  });

  it('visibility: the levels in words, saved as the number', async () => {
    const saved = await editAndSave('visibility', 1, async (u) =>
      u.click(await screen.findByRole('option', { name: 'Entire company' })),
    );
    expect(saved).toEqual([3]);
    expect(screen.getByText('Entire company')).toBeTruthy();
  });

  it("user: the company's users by name, saved as the id", async () => {
    const t = await serveTenant();
    const other = await t.post('/api/ext/users', {
      name: 'Bo Berg',
      email: `bo-${t.companyId}@example.test`,
    });
    expect(other.status).toBeLessThan(300);
    const saved = await editAndSave('user', t.userId, async (u) =>
      u.click(await screen.findByRole('option', { name: 'Bo Berg' })),
    );
    expect(saved).toEqual([other.body.data.id]);
    expect(screen.getByText('Bo Berg')).toBeTruthy();
  });

  it('org and people: picked from a search of the server', async () => {
    const t = await serveTenant();
    const org = (await t.post('/api/v2/organizations', { name: 'Nilsson Bygg AB' })).body.data.id;
    const orgs = await editAndSave('org', null, async (u) => {
      await u.type(box(), 'Nilss');
      await u.click(await screen.findByRole('option', { name: /Nilsson Bygg AB/ }, { timeout: 5000 }));
    });
    expect(orgs).toEqual([{ kind: 'existing', id: org, name: 'Nilsson Bygg AB' }]);
    expect(screen.getByRole('link', { name: 'Nilsson Bygg AB' }).getAttribute('href')).toBe(
      `/contacts/organizations/${org}`,
    );

    const people = await editAndSave('people', null, async (u) => {
      await u.type(screen.getAllByRole('textbox', { name: 'Thing' })[0]!, 'Ingrid');
      await u.click(
        await screen.findByRole('option', { name: 'Add “Ingrid” as new person' }, { timeout: 5000 }),
      );
    });
    expect(people).toEqual([{ kind: 'new', name: 'Ingrid', entity: 'person' }]);
  });

  it('email and phone: a list of channels with their types', async () => {
    const emails = await editAndSave('email', [], async (u) => {
      await u.type(box('Email'), 'ingrid@example.com');
      await u.click(screen.getByRole('button', { name: 'Add email' }));
      await u.type(box('Email 2'), 'home@example.com');
    });
    expect(emails).toEqual([
      [
        { value: 'ingrid@example.com', primary: true, label: 'work' },
        { value: 'home@example.com', primary: false, label: 'work' },
      ],
    ]);
    expect(screen.getByRole('link', { name: 'ingrid@example.com' }).getAttribute('href')).toBe(
      'mailto:ingrid@example.com',
    );
    const phones = await editAndSave('phone', [], async (u) => u.type(box('Phone'), '+46 70 123 45 67'));
    expect(phones).toEqual([[{ value: '+46 70 123 45 67', primary: true, label: 'work' }]]);
  });
});
