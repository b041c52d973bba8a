import type { AddressInput } from './schema.ts';
import type { Address } from './tables.ts';

export const ADDRESS_KEYS = [
  'value',
  'country',
  'admin_area_level_1',
  'admin_area_level_2',
  'locality',
  'sublocality',
  'route',
  'street_number',
  'subpremise',
  'postal_code',
] as const satisfies readonly (keyof Address)[];

export const EMPTY_ADDRESS: Address = {
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
};

/** The one-line form of an address given in parts: `Route 3a, 10615 Tallinn, Harju, Estonia`. */
export function formatAddress(a: Address): string | null {
  const street = [a.route, a.street_number].filter(Boolean).join(' ');
  const town = [a.postal_code, a.locality].filter(Boolean).join(' ');
  const parts = [street, a.subpremise, a.sublocality, town, a.admin_area_level_1, a.country].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length ? parts.join(', ') : null;
}

/**
 * The stored form of an address from a request: all ten keys, nulls where unknown. A string is the
 * formatted `value`; parts without a `value` get one made from them. Blank means no address.
 */
export function toAddress(input: AddressInput | null): Address | null {
  if (input === null) return null;
  if (typeof input === 'string') {
    const value = input.trim();
    return value ? { ...EMPTY_ADDRESS, value } : null;
  }
  const a: Address = { ...EMPTY_ADDRESS };
  for (const k of ADDRESS_KEYS) {
    const v = input[k];
    a[k] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  }
  a.value ??= formatAddress(a);
  return ADDRESS_KEYS.some((k) => a[k] !== null) ? a : null;
}

/** An address as presented: all ten keys. */
export function presentAddress(a: Address | null | undefined): Address {
  const out: Address = { ...EMPTY_ADDRESS };
  for (const k of ADDRESS_KEYS) out[k] = a?.[k] ?? null;
  return out;
}
