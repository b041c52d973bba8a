import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDay,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  localToday,
  numberInputSeparators,
  parseDay,
  setFormatLocale,
} from './format.ts';

/** Intl writes narrow no-break spaces and no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => setFormatLocale('en-US'));

describe('money, numbers and dates in the user’s language', () => {
  it('writes money in Swedish with the currency’s own symbol and decimals', () => {
    setFormatLocale('sv-SE');
    expect(plain(formatMoney(12345.5, 'SEK'))).toBe('12 345,50 kr');
    expect(plain(formatMoney(12345.5, 'EUR'))).toBe('12 345,50 €');
    expect(plain(formatMoney(12345.5, 'USD'))).toBe('12 345,50 US$');
    expect(plain(formatMoney(12345.5, 'JPY'))).toBe('12 346 JPY');
    expect(plain(formatNumber(1234.567))).toBe('1 234,57');
  });

  it('writes money in American English', () => {
    setFormatLocale('en-US');
    expect(formatMoney(12345.5, 'USD')).toBe('$12,345.50');
    expect(formatMoney(12345.5, 'EUR')).toBe('€12,345.50');
    expect(plain(formatMoney(12345.5, 'SEK'))).toBe('SEK 12,345.50');
    expect(formatMoney(12345.5, 'JPY')).toBe('¥12,346');
  });

  it('leaves the zero decimals off whole amounts in the short form, and keeps the others', () => {
    setFormatLocale('sv-SE');
    expect(plain(formatMoneyShort(1200, 'SEK'))).toBe('1 200 kr');
    expect(plain(formatMoneyShort(1200.5, 'SEK'))).toBe('1 200,50 kr');
    expect(plain(formatMoneyShort(1200, 'EUR'))).toBe('1 200 €');
    expect(plain(formatMoneyShort(1200, 'USD'))).toBe('1 200 US$');
    expect(plain(formatMoneyShort(1200.4, 'JPY'))).toBe('1 200 JPY');
    setFormatLocale('en-US');
    expect(formatMoneyShort(1200, 'USD')).toBe('$1,200');
    expect(formatMoneyShort(1200.5, 'USD')).toBe('$1,200.50');
    expect(formatMoneyShort(1200, 'EUR')).toBe('€1,200');
    expect(plain(formatMoneyShort(1200, 'SEK'))).toBe('SEK 1,200');
    expect(formatMoneyShort(1200.4, 'JPY')).toBe('¥1,200');
  });

  it('puts an unknown currency code after the number', () => {
    setFormatLocale('sv-SE');
    expect(plain(formatMoneyShort(1200, 'XX1'))).toBe('1 200 XX1');
    expect(plain(formatMoney(1200, 'XX1'))).toBe('1 200 XX1');
  });

  it('writes percentages the Swedish way, with a space before the sign', () => {
    setFormatLocale('sv-SE');
    expect(plain(formatPercent(40))).toBe('40 %');
    expect(plain(formatPercent(12.5, 1))).toBe('12,5 %');
    setFormatLocale('en-US');
    expect(formatPercent(40)).toBe('40%');
    expect(formatPercent(100)).toBe('100%');
  });

  it('gives number fields the language’s separators', () => {
    setFormatLocale('sv-SE');
    expect(numberInputSeparators()).toEqual({ thousandSeparator: '\u00a0', decimalSeparator: ',' });
    setFormatLocale('en-US');
    expect(numberInputSeparators()).toEqual({ thousandSeparator: ',', decimalSeparator: '.' });
  });

  it('writes calendar days and times in the language', () => {
    setFormatLocale('sv-SE');
    expect(plain(formatDay('2026-12-02'))).toBe('2 dec. 2026');
    expect(formatDay(null)).toBe('');
    setFormatLocale('en-US');
    expect(formatDay('2026-12-02')).toBe('Dec 2, 2026');
    expect(formatDateTime('not a time')).toBe('not a time');
  });
});

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
