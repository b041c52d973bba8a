/** How the inbox shows money and dates (the browser's locale). */

export function formatMoney(value: number | null, currency: string | null): string {
  if (value === null) return '';
  if (!currency) return new Intl.NumberFormat().format(value);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
      value,
    );
  } catch {
    return `${new Intl.NumberFormat().format(value)} ${currency}`;
  }
}

/** A calendar date YYYY-MM-DD, shown without shifting time zones. */
export function formatDay(ymd: string | null): string {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatInstant(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(d);
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Mantine colour of a lead label colour name. */
export function labelColor(color: string): string {
  const map: Record<string, string> = {
    blue: 'blue',
    brown: 'orange.9',
    'dark-gray': 'dark',
    gray: 'gray',
    green: 'green',
    orange: 'orange',
    pink: 'pink',
    purple: 'grape',
    red: 'red',
    yellow: 'yellow',
  };
  return map[color] ?? 'gray';
}
