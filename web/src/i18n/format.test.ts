import { afterEach, describe, expect, it } from 'vitest';
import { formatDay, formatMoney, localToday, parseDay, setFormatLocale } from './format.ts';

afterEach(() => setFormatLocale('en-US'));

describe('dates typed into a date field', () => {
  it('reads ISO dates and what formatDay shows, in Swedish', () => {
    setFormatLocale('sv-SE');
    expect(formatDay('2026-12-02').replace(/\s/g, ' ')).toBe('2 dec. 2026');
    expect(parseDay(formatDay('2026-12-02'))).toBe('2026-12-02');
    expect(parseDay('2026-12-02')).toBe('2026-12-02');
    expect(parseDay('2026-3-5')).toBe('2026-03-05');
    expect(parseDay('17 maj 2027')).toBe('2027-05-17');
    expect(parseDay('1 mars 2027')).toBe('2027-03-01');
    expect(parseDay('31 oktober 2027')).toBe('2027-10-31');
  });

  it('reads what formatDay shows in English', () => {
    setFormatLocale('en-US');
    expect(parseDay(formatDay('2026-12-02'))).toBe('2026-12-02');
    expect(parseDay('March 1, 2027')).toBe('2027-03-01');
  });

  it('takes no partial, ambiguous or impossible date', () => {
    setFormatLocale('sv-SE');
    for (const text of [
      '',
      '2026-12',
      '2026-02-30',
      '2 de 2026',
      '2 ju 2026',
      '12/02/2026',
      '2 dec',
      'dec 2026',
    ])
      expect(parseDay(text), text).toBeNull();
    setFormatLocale('en-US');
    expect(parseDay('Ju 2, 2026')).toBeNull();
  });

  it('says today in the local calendar', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('formats money in Swedish with the currency’s own decimals', () => {
    setFormatLocale('sv-SE');
    expect(formatMoney(12345.5, 'SEK').replace(/\s/g, ' ')).toBe('12 345,50 kr');
    expect(formatMoney(12345, 'JPY').replace(/\s/g, ' ')).toBe('12 345 JPY');
  });
});
