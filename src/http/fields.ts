import { z } from 'zod';

/** Body field building blocks shared by the v1 and v2 request schemas. */

/** A UTF-16 surrogate without its other half: not a character, PostgreSQL cannot store it as text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text that PostgreSQL stores as given: no NUL characters (refused by text and jsonb) and no lone
 * surrogates (broken Unicode, which would be stored as U+FFFD). One rule for every text field; the
 * validator (src/http/validation.ts) applies it to whatever a schema lets through as well.
 */
export const storable = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

export const UNSTORABLE = 'must not contain NUL characters or broken Unicode';

/**
 * Checks that stop at the first failure: a length check that fails ends the validation of that value,
 * so nothing after it (patterns, refinements) sees an over-long input.
 */
export const abort = { abort: true } as const;

/** Free text of at most `max` characters. */
export const text = (max = 65_535) =>
  z
    .string()
    .max(max, { ...abort, message: `at most ${max} characters` })
    .refine(storable, UNSTORABLE);

/** Names and titles: Pipedrive's 255-character limit, not blank. */
export const name255 = z
  .string()
  .trim()
  .min(1, { ...abort, message: 'must not be empty' })
  .max(255, { ...abort, message: 'at most 255 characters' })
  .refine(storable, UNSTORABLE);

export const entityId = z
  .number()
  .int('expected an integer id')
  .positive('expected a positive id')
  .max(Number.MAX_SAFE_INTEGER);

export const visibleTo = z.union([z.literal(1), z.literal(3), z.literal(5), z.literal(7)], {
  error: 'expected one of 1, 3, 5, 7',
});

export const visibleToString = z.enum(['1', '3', '5', '7'], { error: 'expected one of "1", "3", "5", "7"' });

export const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '0001-01-01';
  }, 'not a calendar date');

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD');

/** Money as a JSON number; stored as numeric. */
export const amount = z.number().finite().min(-1e15).max(1e15);

export const customFields = z.record(
  z.string().regex(/^[0-9a-f]{40}$|^[a-z_][a-z0-9_]*$/, 'unknown custom field key'),
  z.unknown(),
);

/** `"YYYY-MM-DD HH:MM:SS"` (UTC) or RFC 3339. */
export const dateTimeInput = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v),
    'expected YYYY-MM-DD HH:MM:SS or RFC 3339',
  )
  .transform(
    (v) => new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`),
  )
  .refine(
    (d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999,
    'not a valid date-time',
  );
