import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../contacts/normalize.ts';
import { addressKey, sameAddress } from './address-key.ts';
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
