import {
  type CountryCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import { normalizePhone } from '../contacts/normalize.ts';

/**
 * The `person_channels.normalized` values a phone number may be stored under.
 *
 * The contacts service stores phones normalised without a default country (normalize.ts): an
 * international form (`+46 70 123 45 67`, `0046…`) becomes E.164 (`+46701234567`), a national form
 * (`070-123 45 67`) only its digits (`0701234567`). So a look-up asks for every form the same
 * number can have been stored in:
 * - the value normalised as the contacts service does it (the same spelling finds itself);
 * - its E.164 form, reading a national form as a number of `region` (the caller's default country,
 *   since companies have no country yet);
 * - the digits of its national form (`0701234567` from `+46701234567`), which is how the same number
 *   was stored when someone typed it nationally.
 * Without a region a national form therefore finds the same national spelling and nothing else; an
 * international form finds both.
 */
export function phoneLookupKeys(value: string, region?: CountryCode): string[] {
  const keys = new Set<string>();
  const stored = normalizePhone(value);
  if (stored !== '' && stored !== '+') keys.add(stored);
  const trimmed = value.trim();
  const forms: (PhoneNumber | undefined)[] = [
    parsePhoneNumberFromString(trimmed),
    /^00[1-9]/.test(trimmed) ? parsePhoneNumberFromString(`+${trimmed.slice(2)}`) : undefined,
    region && !trimmed.startsWith('+') ? parsePhoneNumberFromString(trimmed, region) : undefined,
  ];
  for (const p of forms) {
    if (!p?.isPossible()) continue;
    keys.add(p.number);
    const national = p.formatNational().replace(/\D/g, '');
    if (national.length >= 5) keys.add(national);
  }
  return [...keys];
}

/** The region of a locale such as `sv_SE` or `en-US`, when the phone library knows it. */
export function regionOfLocale(locale: string | null | undefined): CountryCode | undefined {
  const m = /[_-]([A-Za-z]{2})$/.exec(locale ?? '');
  const region = m?.[1]?.toUpperCase();
  return region && isSupportedCountry(region) ? region : undefined;
}

export const isRegion = (v: string): v is CountryCode => isSupportedCountry(v);
