import type { presentDeal } from './present.ts';

type DealKey = keyof ReturnType<typeof presentDeal>;

/**
 * The deal fields its changelog tracks, declared once and in the order events list them. Every path
 * that writes a deal's events reads this: the TypeScript path (service.ts, by API key) and the
 * set-based SQL of a bulk conversion (from-leads.ts, by the expression over the inserted row `d`).
 * A field without an expression is one a deal made from leads never starts with.
 */
export const DEAL_TRACKED: readonly (readonly [DealKey, string | null])[] = [
  ['title', 'd.title'],
  ['value', 'd.value::float8'],
  ['currency', 'd.currency'],
  ['status', 'd.status'],
  ['stage_id', 'd.stage_id'],
  ['pipeline_id', 'd.pipeline_id'],
  ['person_id', 'd.person_id'],
  ['org_id', 'd.org_id'],
  ['owner_id', 'd.owner_id'],
  ['probability', null],
  ['lost_reason', null],
  ['expected_close_date', 'd.expected_close_date'],
  ['visible_to', 'd.visible_to'],
  ['label_ids', null],
  ['is_archived', null],
  ['archive_time', null],
  ['won_time', null],
  ['lost_time', null],
  ['close_time', null],
  ['origin', 'd.origin'],
  ['origin_id', 'd.origin_id'],
  ['channel', 'd.channel'],
  ['channel_id', 'd.channel_id'],
  ['source_lead_id', 'd.source_lead_id'],
  ['is_deleted', null],
];

/** The tracked fields by API key. */
export const DEAL_TRACKED_KEYS: readonly DealKey[] = DEAL_TRACKED.map(([key]) => key);

/** The tracked fields a deal made from leads starts with, and their SQL over its row `d`. */
export const DEAL_CREATED_SQL: readonly (readonly [DealKey, string])[] = DEAL_TRACKED.filter(
  (f): f is readonly [DealKey, string] => f[1] !== null,
);
