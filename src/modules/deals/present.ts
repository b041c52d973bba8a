import { num, rfc3339, sqlTime } from '../../http/formats.ts';
import { flattenV1, presentV1, presentV2 } from '../fields/present-values.ts';
import type { FieldDef } from '../fields/types.ts';
import type { deals } from './tables.ts';

export type DealRow = typeof deals.$inferSelect;

export interface PresentOptions {
  /** include_fields of the request; names without a value here are accepted and left out */
  includeFields?: readonly string[] | undefined;
  /** custom_fields of the request: only these keys inside `custom_fields` */
  customFieldKeys?: readonly string[] | undefined;
  /** include_option_labels of the request */
  optionLabels?: boolean | undefined;
  /** the deal fields: values are shown by them (deleted fields and options left out) */
  defs?: readonly FieldDef[] | undefined;
  /** arr, mrr and acv of the deals that have products (deal-products' metricsOfDeals) */
  revenue?: ReadonlyMap<number, { arr: number | null; mrr: number | null; acv: number | null }> | undefined;
}

/** The include_fields a deal can answer today (the counts arrive with their modules). */
const INCLUDED: Record<string, (d: DealRow) => unknown> = {
  source_lead_id: (d) => d.sourceLeadId,
  next_activity_id: (d) => d.nextActivityId,
  last_activity_id: (d) => d.lastActivityId,
  first_won_time: (d) => rfc3339(d.firstWonTime),
};

function pickCustomFields(all: Record<string, unknown>, keys: readonly string[] | undefined) {
  if (!keys) return { ...all };
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(all, k)) out[k] = all[k];
  return out;
}

/** A deal in v2's shape (spec §6.2): every key, always. */
export function presentDeal(d: DealRow, opts: PresentOptions = {}) {
  const out = {
    id: d.id,
    title: d.title,
    owner_id: d.ownerId,
    person_id: d.personId,
    org_id: d.orgId,
    pipeline_id: d.pipelineId,
    stage_id: d.stageId,
    value: num(d.value) ?? 0,
    currency: d.currency,
    add_time: rfc3339(d.addTime) as string,
    update_time: rfc3339(d.updateTime) as string,
    stage_change_time: rfc3339(d.stageChangeTime),
    is_deleted: d.isDeleted,
    is_archived: d.isArchived,
    archive_time: rfc3339(d.archiveTime),
    status: d.status,
    probability: num(d.probability),
    lost_reason: d.lostReason,
    visible_to: d.visibleTo,
    close_time: rfc3339(d.closeTime),
    won_time: rfc3339(d.wonTime),
    lost_time: rfc3339(d.lostTime),
    expected_close_date: d.expectedCloseDate,
    label_ids: d.labelIds,
    origin: d.origin,
    origin_id: d.originId,
    channel: d.channel,
    channel_id: d.channelId,
    arr: opts.revenue?.get(d.id)?.arr ?? null,
    mrr: opts.revenue?.get(d.id)?.mrr ?? null,
    acv: opts.revenue?.get(d.id)?.acv ?? null,
    custom_fields: opts.defs
      ? presentV2(opts.defs, d.customFields, { keys: opts.customFieldKeys, optionLabels: opts.optionLabels })
      : pickCustomFields(d.customFields, opts.customFieldKeys),
  };
  const extra: Record<string, unknown> = {};
  for (const name of opts.includeFields ?? []) {
    const value = INCLUDED[name];
    if (value) extra[name] = value(d) ?? null;
  }
  return Object.assign(out, extra);
}

export type PresentedDeal = ReturnType<typeof presentDeal>;

/**
 * A deal in v1's shape (the client's v1 `Deal`, for GET /v1/deals/archived): ids as numbers, times as
 * `YYYY-MM-DD HH:MM:SS` UTC, `visible_to` a string, labels as a comma-separated `label`, custom fields
 * at the root; arr, mrr and acv as v2 has them. Counts and names that v1 also carries are left out until
 * they are kept.
 */
export function presentDealV1(d: DealRow, defs?: readonly FieldDef[], revenue?: PresentOptions['revenue']) {
  const metrics = revenue?.get(d.id);
  const out = {
    id: d.id,
    creator_user_id: d.creatorUserId,
    user_id: d.ownerId,
    person_id: d.personId,
    org_id: d.orgId,
    stage_id: d.stageId,
    pipeline_id: d.pipelineId,
    title: d.title,
    value: num(d.value) ?? 0,
    currency: d.currency,
    add_time: sqlTime(d.addTime) as string,
    update_time: sqlTime(d.updateTime),
    stage_change_time: sqlTime(d.stageChangeTime),
    active: d.status === 'open' && !d.isDeleted,
    deleted: d.isDeleted,
    is_archived: d.isArchived,
    archive_time: sqlTime(d.archiveTime),
    status: d.isDeleted ? 'deleted' : d.status,
    probability: num(d.probability),
    next_activity_id: d.nextActivityId,
    last_activity_id: d.lastActivityId,
    lost_reason: d.lostReason,
    visible_to: String(d.visibleTo),
    close_time: sqlTime(d.closeTime),
    won_time: sqlTime(d.wonTime),
    first_won_time: sqlTime(d.firstWonTime),
    lost_time: sqlTime(d.lostTime),
    expected_close_date: d.expectedCloseDate,
    label: d.labelIds.length > 0 ? d.labelIds.join(',') : null,
    origin: d.origin,
    origin_id: d.originId,
    channel: d.channel,
    channel_id: d.channelId,
    // null without products, and each currency null with its figure (the client's v1 BaseDeal)
    arr: metrics?.arr ?? null,
    mrr: metrics?.mrr ?? null,
    acv: metrics?.acv ?? null,
    arr_currency: metrics?.arr == null ? null : d.currency,
    mrr_currency: metrics?.mrr == null ? null : d.currency,
    acv_currency: metrics?.acv == null ? null : d.currency,
  };
  return Object.assign(out, defs ? presentV1(defs, d.customFields) : flattenV1(d.customFields));
}
