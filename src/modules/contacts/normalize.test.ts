import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './normalize.ts';

describe('contact normalisers', () => {
  it('makes one E.164 number of the international, 00 and national forms with a default country', () => {
    for (const v of ['+46 70 123 45 67', '0046701234567', '070-123 45 67', ' +46 (0)70-123 45 67 ']) {
      expect(normalizePhone(v, 'SE'), v).toBe('+46701234567');
    }
  });

  it('reads international forms without a default country and keeps digits of the rest', () => {
    expect(normalizePhone('+46 70 123 45 67')).toBe('+46701234567');
    expect(normalizePhone('0046701234567')).toBe('+46701234567');
    expect(normalizePhone('070-123 45 67')).toBe('0701234567');
    expect(normalizePhone('+1 (555) 01')).toBe('+155501');
    expect(normalizePhone('call me')).toBe('');
    expect(normalizePhone('9'.repeat(10_000))).toMatch(/^9+$/);
  });

  it('trims and lower-cases e-mail addresses', () => {
    expect(normalizeEmail('  Anna.Svensson@Example.COM \t')).toBe('anna.svensson@example.com');
    expect(normalizeEmail('anna.svensson@example.com')).toBe('anna.svensson@example.com');
  });
});
