import { formatDateTime, formatDay, formatMoneyShort } from '../../i18n/format.ts';

/**
 * What deals add to i18n/format.ts: sums in several currencies, and the server's two ways of writing a
 * time. Every number and date goes through i18n/format.ts, in the user's language.
 */

/** A deal's amount: the currency's symbol, no zero decimals ("$1,200", "12 345 kr"). */
export const money = (value: number, currency: string): string => formatMoneyShort(value, currency);

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

/** `YYYY-MM-DD` as "Mar 5, 2025" or "5 mars 2025" (the calendar day, not shifted by time zones). */
export const day = (ymd: string | null): string => (ymd ? formatDay(ymd) : '—');

/** An RFC 3339 or `YYYY-MM-DD HH:MM:SS` (UTC) time, in the browser's time zone. */
export function when(time: string | null): string {
  if (!time) return '—';
  return formatDateTime(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time.replace(' ', 'T')}Z`);
}
