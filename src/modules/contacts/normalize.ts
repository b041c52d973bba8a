import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Normal forms of e-mail addresses and phone numbers, for exact look-ups in person_channels
 * (search, duplicate matching).
 */

/** Trimmed and lower-cased. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

function e164(value: string, country?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(value, country ? { defaultCountry: country } : undefined);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * A phone number in E.164 (`+46701234567`). With a default country, national numbers
 * (`070-123 45 67`) are read as numbers of that country; without one, only international forms
 * (`+46…`, `0046…`) can be parsed. What cannot be parsed becomes its digits, keeping a leading `+`.
 */
export function normalizePhone(value: string, defaultCountry?: CountryCode): string {
  const trimmed = value.trim();
  const parsed =
    (defaultCountry ? e164(trimmed, defaultCountry) : null) ??
    e164(trimmed) ??
    (/^00[1-9]/.test(trimmed) ? e164(`+${trimmed.slice(2)}`) : null);
  if (parsed) return parsed;
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') && digits ? `+${digits}` : digits;
}
