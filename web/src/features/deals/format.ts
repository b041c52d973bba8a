import { VISIBILITY as SHARED_VISIBILITY } from '../../components/visibility.ts';

/** How deals show money, dates and durations. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function money(value: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 2,
      });
    } catch {
      f = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, f);
  }
  const text = f.format(value);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/**
 * Sums in several currencies side by side, the default currency first: "$1,200 + €300"; a currency
 * without deals is left out unless nothing else is there.
 */
export function sumsText(own: number, currency: string, others: Record<string, number>): string {
  const parts = Object.entries(others)
    .filter(([c, v]) => c !== currency && v !== 0)
    .map(([c, v]) => money(v, c));
  return own !== 0 || parts.length === 0 ? [money(own, currency), ...parts].join(' + ') : parts.join(' + ');
}

const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** `YYYY-MM-DD` as "Mar 5, 2025" (the calendar day, not shifted by time zones). */
export function day(ymd: string | null): string {
  if (!ymd) return '—';
  const d = new Date(`${ymd}T00:00:00`);
  return Number.isNaN(d.getTime()) ? ymd : dateFormat.format(d);
}

/** An RFC 3339 or `YYYY-MM-DD HH:MM:SS` (UTC) time in the browser's time zone. */
export function when(time: string | null): string {
  if (!time) return '—';
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? time : dateTimeFormat.format(d);
}

export function daysText(days: number): string {
  if (days < 1) return 'less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}

/** The short form under a stage of the progress bar. */
export function daysShort(days: number): string {
  if (days < 1) return '< 1 day';
  return days === 1 ? '1 day' : `${days} days`;
}

/** The shared wording, with the string values the selects use. */
export const VISIBILITY = SHARED_VISIBILITY.map((o) => ({ value: String(o.value), label: o.label }));

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
