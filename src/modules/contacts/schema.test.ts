import { describe, expect, it } from 'vitest';
import { AddOrganizationBody, AddPersonBody, looksLikeEmail } from './schema.ts';

describe('contact schemas and hostile text', () => {
  it('refuses a long e-mail by its length alone: the shape check never reads it', () => {
    // the former pattern backtracked quadratically on this (200,000 characters: over a minute)
    const hostile = `a@${'a.'.repeat(100_000)}@`;
    const res = AddPersonBody.safeParse({ name: 'Ann', emails: [{ value: hostile }] });
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['emails.0.value', 'at most 255 characters'],
    ]);
  });

  it('checks the shape of an e-mail as the former pattern did, in one scan', () => {
    for (const ok of ['a@b.c', 'first.last@example.co.uk', 'a@.b.c', 'x+y@d-e.f']) {
      expect(looksLikeEmail(ok), ok).toBe(true);
    }
    for (const bad of ['', 'a', '@b.c', 'a@b', 'a@b.', 'a@.b', 'a@@b.c', 'a@b@c.d', 'a b@c.d', 'a@b.c\n']) {
      expect(looksLikeEmail(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses NUL characters and lone surrogates in every text field, naming it', () => {
    const person = {
      name: 'Ann',
      first_name: 'a\u0000',
      emails: [{ value: 'a\u0000@b.c' }],
      phones: [{ value: '\uD800123' }],
      im: [{ value: 'ann\u0000' }],
      postal_address: { locality: 'Malm\uDC00' },
      notes: 'x\u0000',
    };
    const paths = AddPersonBody.safeParse(person).error?.issues.map((i) => i.path.join('.'));
    expect(paths?.sort()).toEqual(
      [
        'first_name',
        'emails.0.value',
        'phones.0.value',
        'im.0.value',
        'postal_address.locality',
        'notes',
      ].sort(),
    );
    const org = { name: 'Org\uD800', address: 'Main St\u0000', website: '\uDFFF' };
    const orgPaths = AddOrganizationBody.safeParse(org).error?.issues.map((i) => i.path.join('.'));
    expect(orgPaths?.sort()).toEqual(['address', 'name', 'website']);
    // a valid pair of surrogates is a character, not broken Unicode
    expect(AddPersonBody.safeParse({ name: 'Ann 😀' }).success).toBe(true);
  });
});
