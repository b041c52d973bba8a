import { iso, num } from '../../http/formats.ts';
import { flattenV1, presentV1 } from '../fields/present-values.ts';
import type { FieldDef } from '../fields/types.ts';
import type { LeadLabelRow } from './labels.ts';
import type { leads } from './tables.ts';

export type LeadRow = typeof leads.$inferSelect;

/** The lead's Smart BCC address. */
export function leadCcEmail(row: Pick<LeadRow, 'id' | 'companyId'>): string {
  return `${row.companyId}+lead+${row.id.slice(0, 8)}@pipewright.local`;
}

/** The built-in keys of a presented lead (custom fields come after them, at the root). */
export const LEAD_KEYS = [
  'id',
  'title',
  'owner_id',
  'creator_id',
  'label_ids',
  'person_id',
  'organization_id',
  'source_name',
  'origin',
  'origin_id',
  'channel',
  'channel_id',
  'source_deal_id',
  'is_archived',
  'was_seen',
  'value',
  'expected_close_date',
  'next_activity_id',
  'add_time',
  'update_time',
  'visible_to',
  'cc_email',
] as const;

/** v1 lead object (spec §4.2): every key present, custom fields at the root, unset ones omitted. */
export function presentLead(row: LeadRow, defs?: readonly FieldDef[]) {
  const amount = num(row.valueAmount);
  const lead = {
    id: row.id,
    title: row.title,
    owner_id: row.ownerId,
    creator_id: row.creatorId,
    label_ids: row.labelIds,
    person_id: row.personId,
    organization_id: row.organizationId,
    source_name: row.sourceName,
    origin: row.origin,
    origin_id: row.originId,
    channel: row.channel,
    channel_id: row.channelId,
    source_deal_id: row.sourceDealId,
    is_archived: row.isArchived,
    was_seen: row.wasSeen,
    value: amount !== null && row.valueCurrency ? { amount, currency: row.valueCurrency } : null,
    expected_close_date: row.expectedCloseDate,
    next_activity_id: row.nextActivityId,
    add_time: iso(row.addTime) as string,
    update_time: iso(row.updateTime) as string,
    visible_to: String(row.visibleTo) as '1' | '3' | '5' | '7',
    cc_email: leadCcEmail(row),
  };
  // Custom fields after the built-in keys, as a spread would put them; most leads have none, and a
  // spread copies every key into a new object on each of the list's rows.
  for (const _ in row.customFields) {
    return Object.assign(lead, defs ? presentV1(defs, row.customFields) : flattenV1(row.customFields));
  }
  return lead as typeof lead & Record<string, unknown>;
}

export type PresentedLead = ReturnType<typeof presentLead>;

export function presentLeadLabel(row: LeadLabelRow) {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    add_time: iso(row.addTime) as string,
    update_time: iso(row.updateTime) as string,
  };
}
