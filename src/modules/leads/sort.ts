/** The `sort` parameter of the v1 lead lists: `"field"` or `"field ASC, field2 DESC"` (spec §4.1). */
export const LEAD_SORT_FIELDS = [
  'id',
  'title',
  'owner_id',
  'creator_id',
  'was_seen',
  'expected_close_date',
  'next_activity_id',
  'add_time',
  'update_time',
] as const;

export type LeadSortField = (typeof LEAD_SORT_FIELDS)[number];
export interface LeadSortKey {
  field: LeadSortField;
  direction: 'asc' | 'desc';
}

const PART = /^([a-z_]+)(?:\s+(asc|desc))?$/i;

/** Parses a sort expression; answers the reason as a string when it is not one. */
export function parseLeadSort(input: string): LeadSortKey[] | string {
  const parts = input.split(',').map((p) => p.trim());
  if (parts.length > LEAD_SORT_FIELDS.length) return 'too many sort fields';
  const keys: LeadSortKey[] = [];
  for (const part of parts) {
    const m = PART.exec(part);
    const field = m?.[1]?.toLowerCase();
    if (!m || !field || !(LEAD_SORT_FIELDS as readonly string[]).includes(field)) {
      return `expected "field" or "field ASC, field2 DESC" with fields among ${LEAD_SORT_FIELDS.join(', ')}`;
    }
    if (keys.some((k) => k.field === field)) return `${field} appears twice`;
    keys.push({
      field: field as LeadSortField,
      direction: m[2]?.toLowerCase() === 'desc' ? 'desc' : 'asc',
    });
  }
  return keys;
}
