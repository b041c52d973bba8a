import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../contacts/normalize.ts';
import { addressKey, sameAddress } from './address-key.ts';
import { compareNames, editDistance } from './name-match.ts';
import { phoneLookupKeys, regionOfLocale } from './phone-keys.ts';
import { scoreOrganization, scorePerson } from './score.ts';

describe('phone look-up keys', () => {
  const stored = (v: string) => normalizePhone(v);

  it('finds a number stored nationally from its international form, without a region', () => {
    const keys = phoneLookupKeys('+46 70 123 45 67');
    expect(keys).toContain(stored('+46 70 123 45 67'));
    expect(keys).toContain(stored('070-123 45 67'));
    expect(phoneLookupKeys('0046 70 123 45 67')).toContain(stored('070 1234567'));
  });

  it('reads national forms in the given region', () => {
    expect(phoneLookupKeys('070-123 45 67', 'SE')).toEqual(
      expect.arrayContaining([stored('+46701234567'), stored('0701234567')]),
    );
    // without a region a national form only finds the same national spelling
    expect(phoneLookupKeys('070-123 45 67')).toEqual([stored('070 123 45 67')]);
    expect(phoneLookupKeys('020 7946 0958', 'GB')).toContain('+442079460958');
  });

  it('ignores values without digits and survives huge input', () => {
    expect(phoneLookupKeys('call me')).toEqual([]);
    expect(phoneLookupKeys('+')).toEqual([]);
    expect(phoneLookupKeys('9'.repeat(10_000), 'SE').length).toBeGreaterThan(0);
  });

  it('takes the region of a locale', () => {
    expect(regionOfLocale('sv_SE')).toBe('SE');
    expect(regionOfLocale('en-gb')).toBe('GB');
    expect(regionOfLocale('en')).toBeUndefined();
    expect(regionOfLocale('xx_ZZ')).toBeUndefined();
    expect(regionOfLocale(null)).toBeUndefined();
  });
});

describe('address comparison', () => {
  const parts = (o: Partial<Record<string, string>>) => ({
    value: null,
    country: null,
    admin_area_level_1: null,
    admin_area_level_2: null,
    locality: null,
    sublocality: null,
    route: null,
    street_number: null,
    subpremise: null,
    postal_code: null,
    ...o,
  });

  it('matches one-line values up to case, accents, punctuation and word order', () => {
    expect(sameAddress(addressKey('Main Street 12, Tallinn'), addressKey('12 main street tallinn'))).toBe(
      true,
    );
    expect(sameAddress(addressKey('Storgatan 5, Malmö'), addressKey('STORGATAN 5 MALMO'))).toBe(true);
    expect(sameAddress(addressKey('Main Street 12'), addressKey('12 Main Street, Tallinn, Estonia'))).toBe(
      true,
    );
    expect(sameAddress(addressKey('Main Street 12'), addressKey('Main Street 14, Tallinn'))).toBe(false);
    expect(sameAddress(addressKey('Tallinn'), addressKey('Main Street 12, Tallinn'))).toBe(false);
    expect(sameAddress(addressKey(null), addressKey('Main Street 12'))).toBe(false);
    expect(addressKey('  ')).toBeNull();
  });

  it('matches postal code and route, with the street number when both have one', () => {
    const a = addressKey(parts({ route: 'Pärnu mnt', street_number: '10', postal_code: '10148' }));
    const b = addressKey(parts({ route: 'parnu mnt.', postal_code: '10 148', value: 'somewhere else' }));
    const c = addressKey(parts({ route: 'Pärnu mnt', street_number: '12', postal_code: '10148' }));
    expect(sameAddress(a, b)).toBe(true);
    expect(sameAddress(a, c)).toBe(false);
  });
});

describe('scores', () => {
  const none = { name: false, email: false, phone: false, organization: false, similarity: 1 };

  it("puts Pipedrive's rule (same name and one of e-mail, phone, organization) in the top band", () => {
    for (const extra of ['email', 'phone', 'organization'] as const) {
      const s = scorePerson({ ...none, name: true, [extra]: true });
      expect(s.score).toBeGreaterThanOrEqual(0.9);
      expect(s.reasons).toEqual(['name', extra]);
    }
    const all = scorePerson({ name: true, email: true, phone: true, organization: true, similarity: 1 });
    expect(all).toMatchObject({
      score: 0.98,
      band: 'very_likely',
      reasons: ['name', 'email', 'phone', 'organization'],
    });
  });

  it('keeps e-mail or phone alone below the rule, and the name alone lowest', () => {
    const email = scorePerson({ ...none, email: true, similarity: 0 });
    const phone = scorePerson({ ...none, phone: true, similarity: 0 });
    const both = scorePerson({ ...none, email: true, phone: true, organization: true, similarity: 1 });
    const name = scorePerson({ ...none, name: true });
    expect(email).toMatchObject({ score: 0.7, reasons: ['email'], band: 'possible' });
    expect(phone).toMatchObject({ score: 0.65, reasons: ['phone'], band: 'possible' });
    expect(both.score).toBeLessThan(0.9);
    expect(name.score).toBeGreaterThanOrEqual(0.3);
    expect(name.score).toBeLessThanOrEqual(0.5);
    expect(name.reasons).toEqual(['name']);
    // an organization alone never makes a candidate; a bad similarity cannot break the bands
    expect(scorePerson({ ...none, name: true, similarity: Number.NaN }).score).toBe(0.35);
  });

  it('bands organizations by address', () => {
    expect(scoreOrganization({ addressKnown: true, address: true, similarity: 1 })).toMatchObject({
      score: 1,
      reasons: ['name', 'address'],
      band: 'very_likely',
    });
    expect(scoreOrganization({ addressKnown: false, address: false, similarity: 1 }).score).toBe(0.55);
    expect(scoreOrganization({ addressKnown: true, address: false, similarity: 1 }).score).toBe(0.35);
  });
});

describe('similar names (issue 19)', () => {
  it('forgives a stray space, a typo in a part, a swap of letters and a missing part', () => {
    expect(compareNames('Andr ew Renfrey', 'Andrew Renfrey')).toMatchObject({
      level: 'similar',
      details: [{ kind: 'name_spacing' }],
    });
    expect(compareNames('Andrew Renfry', 'Andrew Renfrey')).toMatchObject({
      level: 'similar',
      details: [{ kind: 'name_typo', part: 'surname', letters: 1 }],
    });
    expect(compareNames('Andrwe Renfrey', 'Andrew Renfrey').details).toEqual([
      { kind: 'name_typo', part: 'given', letters: 1 },
    ]);
    expect(compareNames('Renfrey', 'Andrew Renfrey').details).toEqual([
      { kind: 'name_part_missing', part: 'given' },
    ]);
    expect(compareNames('Renfrey, Andrew', 'Andrew Renfrey').level).toBe('same');
    expect(compareNames('Andrew Renfrey', 'Andrew Renfrey').details).toEqual([{ kind: 'name_same' }]);
  });

  it('does not pair different names', () => {
    expect(compareNames('Bob Renfrey', 'Andrew Renfrey').level).toBe('none');
    expect(compareNames('Anna Jensen', 'Anna Hansen').level).toBe('none');
    // three letters apart in all is too many
    expect(compareNames('Andrwe Renfyre', 'Andrew Renfrey').level).toBe('none');
    expect(compareNames('', 'Andrew Renfrey').level).toBe('none');
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('andrew', 'andrwe')).toBe(1);
    expect(editDistance('andrew', 'andrw')).toBe(1);
    expect(editDistance('andrew', 'bndrwe')).toBe(3);
  });
});

describe('bands', () => {
  const none = { name: false, email: false, phone: false, organization: false, similarity: 0.5 };
  const similar = compareNames('Andrew Renfry', 'Andrew Renfrey');

  it('never puts a similar name alone in the strong band', () => {
    const s = scorePerson({ ...none, similarName: similar });
    expect(s.band).toBe('possible');
    expect(s.score).toBeLessThan(0.35);
    expect(s.reasons).toEqual(['name']);
  });

  it('makes a similar name with a birthday, address or contact very likely, below the same name', () => {
    const bday = scorePerson({ ...none, similarName: similar, birthday: 'same' });
    expect(bday.band).toBe('very_likely');
    expect(bday.details).toEqual([
      { kind: 'name_typo', part: 'surname', letters: 1 },
      { kind: 'birthday_same' },
    ]);
    const addr = scorePerson({ ...none, similarName: similar, address: true });
    expect(addr).toMatchObject({ band: 'very_likely', reasons: ['name', 'address'] });
    const same = scorePerson({ ...none, name: true, birthday: 'same' });
    expect(same.score).toBeGreaterThan(bday.score);
    expect(same.score).toBeGreaterThanOrEqual(0.9);
  });

  it('lowers a namesake with another birthday, and spells out the weak e-mail signs', () => {
    const namesake = scorePerson({ ...none, name: true, birthday: 'different' });
    expect(namesake.score).toBeLessThan(scorePerson({ ...none, name: true }).score);
    expect(namesake.details.at(-1)).toEqual({ kind: 'birthday_different' });
    const weak = scorePerson({ ...none, name: true, emailLocalPart: true, emailDomain: 'acme.se' });
    expect(weak.band).toBe('possible');
    expect(weak.details).toEqual([
      { kind: 'name_same' },
      { kind: 'email_local_part' },
      { kind: 'email_domain', domain: 'acme.se' },
    ]);
  });
});
