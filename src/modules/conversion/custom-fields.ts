import type { CustomFields, CustomValue } from '../leads/custom-fields.ts';

const HASH = /^[0-9a-f]{40}$/;
const SUBFIELD = /^[a-z][a-z0-9_]{0,63}$/;

function leadValue(v: unknown): CustomValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v;
  return undefined;
}

/**
 * Deal custom fields (v2: nested, `{value, currency}` and the like for fields with subfields) in the
 * leads' v1 shape: `<hash>` and `<hash>_<subfield>` at the root (spec §15). The reverse of the
 * lead → deal mapping in deals/from-leads.ts, so a round trip keeps the values. Only hash keys move:
 * a lead has no other custom keys, and a plain name could shadow a built-in lead field.
 */
export function dealToLeadCustomFields(deal: Record<string, unknown>): CustomFields {
  const out: CustomFields = {};
  for (const [key, value] of Object.entries(deal)) {
    if (!HASH.test(key) || value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const v = leadValue(subValue);
        if (v === undefined || v === null) continue;
        if (sub === 'value') out[key] = v;
        else if (SUBFIELD.test(sub)) out[`${key}_${sub}`] = v;
      }
      continue;
    }
    const v = leadValue(value);
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}
