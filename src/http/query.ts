import { z } from 'zod';
import { ymd } from './fields.ts';

/**
 * Query-string building blocks. Query values always arrive as strings; these parse them strictly and
 * name what they expected, so a bad value is a 400 that names the parameter.
 */
export const qInt = z
  .string()
  .regex(/^-?\d{1,15}$/, 'expected an integer')
  .transform(Number);

export const qId = z
  .string()
  .regex(/^\d{1,15}$/, 'expected a positive integer id')
  .transform(Number);

export const qBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const qCsvIds = z
  .string()
  .regex(/^\s*\d{1,15}\s*(,\s*\d{1,15}\s*)*$/, 'expected comma-separated integer ids')
  .transform((v) => v.split(',').map((s) => Number(s.trim())))
  .refine((ids) => ids.length <= 100, 'at most 100 ids');

export const qCsv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export const qDateTime = z
  .string()
  .refine(
    (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v),
    'expected an RFC 3339 date-time',
  )
  .transform((v) => new Date(v));

/** A calendar date YYYY-MM-DD (the same rule as in bodies). */
export const qDate = ymd;

/** v2 list paging: limit 1..500 (default 100) and an opaque cursor. */
export const v2Paging = {
  limit: qInt.pipe(z.number().int().min(1).max(500)).optional(),
  cursor: z.string().min(1).optional(),
};

export const sortDirection = z.enum(['asc', 'desc']).optional();

/** v1 list paging: start (default 0), limit (default 100, at most 500). */
export const v1Paging = {
  start: qInt.pipe(z.number().int().min(0)).optional(),
  limit: qInt.pipe(z.number().int().min(1)).optional(),
};

export function v1Page(q: { start?: number | undefined; limit?: number | undefined }) {
  return { start: q.start ?? 0, limit: Math.min(q.limit ?? 100, 500) };
}

export const idParam = z.object({ id: qId });
export const uuidParam = z.object({ id: z.uuid('expected a UUID') });
