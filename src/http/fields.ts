import { z } from 'zod';

/** Body field building blocks shared by the v1 and v2 request schemas. */

/** Names and titles: Pipedrive's 255-character limit, not blank. */
export const name255 = z.string().trim().min(1, 'must not be empty').max(255, 'at most 255 characters');

export const text = (max = 65_535) => z.string().max(max, `at most ${max} characters`);

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
