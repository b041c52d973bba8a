/** The currencies offered for an amount (ISO 4217 codes), the most used first. */
export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'JPY',
  'CNY',
  'INR',
  'SGD',
  'HKD',
  'BRL',
  'MXN',
  'ZAR',
  'TRY',
  'AED',
  'ILS',
  'KRW',
];

/** The currency choices, with the given ones (defaults, the deal's own) first and no repeats. */
export function currencyOptions(...first: (string | null | undefined)[]): string[] {
  return [...new Set([...first.filter((c): c is string => !!c), ...CURRENCIES])];
}
