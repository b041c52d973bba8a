import { z } from 'zod';
import { text } from '../../http/fields.ts';

/**
 * Custom-field values of leads in Pipedrive's v1 format: keys are 40-character hex hashes of deal
 * fields (leads share the deal fields) at the root of the lead object, with the v1 subfield suffixes
 * (spec §15). Values are stored in `leads.custom_fields`; a `null` value unsets the field.
 */
const SUFFIXES = [
  'currency',
  'until',
  'timezone_id',
  'formatted_address',
  'country',
  'admin_area_level_1',
  'admin_area_level_2',
  'locality',
  'sublocality',
  'route',
  'street_number',
  'subpremise',
  'postal_code',
];
export const CUSTOM_FIELD_KEY = new RegExp(`^[0-9a-f]{40}(_(${SUFFIXES.join('|')}))?$`);

/** At most this many custom-field keys in one request. */
const MAX_CUSTOM_KEYS = 500;

const scalar = z.union([text(65_535), z.number().finite(), z.boolean()], {
  error: 'expected a string, number, boolean, array or null',
});

export const CustomValue = z
  .union([scalar, z.array(z.union([text(255), z.number().finite()])).max(1000)], {
    error: 'expected a string, number, boolean, array or null',
  })
  .nullable();
export type CustomValue = z.infer<typeof CustomValue>;
export type CustomFields = Record<string, CustomValue>;

/**
 * Splits a request body (validated with `.catchall(CustomValue)`) into its known fields and its
 * custom fields. Keys that are neither are refused with a message naming them.
 */
export function splitCustomFields<T extends Record<string, unknown>>(
  body: Record<string, unknown>,
  known: readonly string[],
  refused: Record<string, string>,
  ctx: z.RefinementCtx,
): T & { custom_fields: CustomFields } {
  const out: Record<string, unknown> = {};
  const custom: CustomFields = {};
  let count = 0;
  for (const [key, value] of Object.entries(body)) {
    if (known.includes(key)) {
      if (value !== undefined) out[key] = value;
    } else if (CUSTOM_FIELD_KEY.test(key)) {
      custom[key] = value as CustomValue;
      count++;
    } else {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: refused[key] ?? 'unknown field (custom field keys are 40-character hex hashes)',
      });
    }
  }
  if (count > MAX_CUSTOM_KEYS) {
    ctx.addIssue({ code: 'custom', path: [], message: `at most ${MAX_CUSTOM_KEYS} custom fields` });
  }
  return { ...out, custom_fields: custom } as T & { custom_fields: CustomFields };
}
