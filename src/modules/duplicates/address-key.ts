import { nameKey } from '../contacts/name-key.ts';
import type { Address } from '../contacts/tables.ts';

/** An address folded for comparison: its one-line value and its postal code, route and number. */
export interface AddressKey {
  /** the formatted value folded like a name (case, accents, punctuation, word order) */
  words: string[];
  postalCode: string | null;
  route: string | null;
  streetNumber: string | null;
}

const fold = (v: string | null | undefined) => nameKey(v ?? null);

export function addressKey(a: Address | string | null | undefined): AddressKey | null {
  if (!a) return null;
  const value = typeof a === 'string' ? a : a.value;
  const key: AddressKey = {
    words: fold(value)?.split(' ') ?? [],
    postalCode: typeof a === 'string' ? null : (fold(a.postal_code)?.replace(/ /g, '') ?? null),
    route: typeof a === 'string' ? null : fold(a.route),
    streetNumber: typeof a === 'string' ? null : (fold(a.street_number)?.replace(/ /g, '') ?? null),
  };
  return key.words.length > 0 || key.route ? key : null;
}

/** Every word of `small` is in `big` (as many times). */
function within(small: string[], big: string[]): boolean {
  const left = new Map<string, number>();
  for (const w of big) left.set(w, (left.get(w) ?? 0) + 1);
  for (const w of small) {
    const n = left.get(w) ?? 0;
    if (n === 0) return false;
    left.set(w, n - 1);
  }
  return true;
}

/**
 * Whether two addresses are the same place: the same postal code and route (and street number when
 * both have one), or the same one-line value up to case, accents, punctuation and word order, or one
 * value holding every word of the other when the shorter has at least two words and a number
 * (`Main Street 12` is within `12 Main Street, Tallinn, Estonia`).
 */
export function sameAddress(a: AddressKey | null, b: AddressKey | null): boolean {
  if (!a || !b) return false;
  if (a.postalCode && b.postalCode && a.route && b.route) {
    const numbersAgree = !a.streetNumber || !b.streetNumber || a.streetNumber === b.streetNumber;
    if (a.postalCode === b.postalCode && a.route === b.route && numbersAgree) return true;
  }
  if (a.words.length === 0 || b.words.length === 0) return false;
  const [small, big] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  if (small.length === big.length) return small.join(' ') === big.join(' ');
  return small.length >= 2 && small.some((w) => /\d/.test(w)) && within(small, big);
}
