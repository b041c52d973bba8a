/**
 * Numbers, money and dates in the user's language (`12 345,50 kr`, `2 dec. 2026` in Swedish), through Intl.
 * The provider sets the locale before anything renders; formatters are cached per locale and option set.
 */
let tag = 'en-US';
const cache = new Map<string, unknown>();

export function setFormatLocale(next: string): void {
  if (next !== tag) cache.clear();
  tag = next;
}

export const formatLocale = () => tag;

function cached<F>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const numberFormat = (options: Intl.NumberFormatOptions) =>
  cached(`n${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));

const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  cached(`d${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));

export const formatNumber = (n: number, maximumFractionDigits = 2) =>
  numberFormat({ maximumFractionDigits }).format(n);

/** An amount in its currency's own symbol and decimals (JPY has none, SEK and EUR two). */
export function formatMoney(value: number | null, currency: string | null): string {
  if (value === null) return '';
  if (!currency) return formatNumber(value);
  try {
    return numberFormat({ style: 'currency', currency }).format(value);
  } catch {
    return `${formatNumber(value)} ${currency}`;
  }
}

/** A calendar date YYYY-MM-DD, shown without shifting time zones. */
export function formatDay(ymd: string | null): string {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return dateFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

const instant = (iso: string | null, options: Intl.DateTimeFormatOptions) => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat(options).format(d);
};

export const formatInstant = (iso: string | null) => instant(iso, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null) =>
  instant(iso, { dateStyle: 'medium', timeStyle: 'short' });

// part A

const pad2 = (n: number) => String(n).padStart(2, '0');

const ymdOf = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
    : null;
};

/** Today in the browser's time zone, YYYY-MM-DD (what due dates are compared with). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** The month names of the user's language, long and short, lower case and without dots. */
const monthNames = () =>
  cached('months', () =>
    Array.from({ length: 12 }, (_, m) =>
      (['long', 'short'] as const).map((month) =>
        new Intl.DateTimeFormat(tag, { month, timeZone: 'UTC' })
          .format(new Date(Date.UTC(2000, m, 1)))
          .toLocaleLowerCase(tag)
          .replace(/\./g, ''),
      ),
    ),
  );

/**
 * A typed date as YYYY-MM-DD, or null when it is not a whole date: 2026-12-02, or the way formatDay shows
 * it in the user's language ("2 dec. 2026", "Dec 2, 2026", a month name or its first three letters).
 */
export function parseDay(text: string): string | null {
  const v = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (iso) return ymdOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = v.toLocaleLowerCase(tag).replace(/[.,]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length !== 3) return null;
  const numbers = words.filter((w) => /^\d+$/.test(w));
  const names = words.filter((w) => /^\p{L}+$/u.test(w));
  const year = numbers.find((w) => w.length === 4);
  const day = numbers.find((w) => w.length <= 2);
  const name = names[0];
  if (numbers.length !== 2 || !year || !day || !name || name.length < 3) return null;
  const months = monthNames()
    .map((forms, i) => (forms.some((f) => f === name || f.startsWith(name)) ? i : -1))
    .filter((i) => i >= 0);
  const month = months.length === 1 ? months[0] : undefined;
  return month === undefined ? null : ymdOf(Number(year), month + 1, Number(day));
}

// part B

/** A percentage given in percent (40 → "40%", "40 %" in Swedish), whole numbers unless told. */
export const formatPercent = (percent: number, maximumFractionDigits = 0) =>
  numberFormat({ style: 'percent', maximumFractionDigits }).format(percent / 100);

/**
 * An amount without the zero decimals of a whole one ("$1,200", "12 345 kr", but "$1,200.50"): board
 * sums and deal cards, where space is short. The currency's own symbol; an unknown code follows the number.
 */
export function formatMoneyShort(value: number, currency: string | null): string {
  if (!currency) return formatNumber(value);
  try {
    return numberFormat({ style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' }).format(value);
  } catch {
    return `${formatNumber(value)} ${currency}`;
  }
}

/** The separators a number field (Mantine's NumberInput) should use: "12,345.5" or "12 345,5". */
export function numberInputSeparators(): { thousandSeparator: string; decimalSeparator: string } {
  const parts = numberFormat({ maximumFractionDigits: 1 }).formatToParts(12345.5);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/** A file's size in the unit that suits it (B, kB, MB, GB; 1 kB = 1024 B). */
export function formatFileSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return numberFormat({
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(value);
}

/** A time of day HH:MM or HH:MM:SS as the user's language shows it ("2:30 PM", "14:30"). */
export function formatClock(hms: string | null): string {
  const m = hms ? /^(\d{2}):(\d{2})/.exec(hms) : null;
  if (!m) return hms ?? '';
  const at = new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2])));
  return dateFormat({ timeStyle: 'short', timeZone: 'UTC' }).format(at);
}
