import { z } from 'zod';
import {
  amount,
  currencyCode,
  dateTimeInput,
  entityId,
  name255,
  text,
  visibleTo,
  ymd,
} from '../../http/fields.ts';
import { qBool, qCsv, qCsvIds, qDateTime, qId, sortDirection, v1Paging, v2Paging } from '../../http/query.ts';
import { DEAL_STATUSES } from './tables.ts';

/** Optional top-level fields of GET /deals (spec §6.1); the ones presented are in present.ts. */
export const INCLUDE_FIELDS = [
  'next_activity_id',
  'last_activity_id',
  'first_won_time',
  'products_count',
  'files_count',
  'notes_count',
  'followers_count',
  'email_messages_count',
  'activities_count',
  'done_activities_count',
  'undone_activities_count',
  'participants_count',
  'last_incoming_mail_time',
  'last_outgoing_mail_time',
  'smart_bcc_email',
  'source_lead_id',
] as const;
export type IncludeField = (typeof INCLUDE_FIELDS)[number];

const CUSTOM_FIELD_KEY = /^[0-9a-f]{40}$|^[a-z][a-z0-9_]{0,63}$/;

// ---------------------------------------------------------------- responses

export const Deal = z
  .object({
    id: z.number().int(),
    title: z.string(),
    owner_id: z.number().int(),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    pipeline_id: z.number().int(),
    stage_id: z.number().int(),
    value: z.number(),
    currency: z.string(),
    add_time: z.string(),
    update_time: z.string(),
    stage_change_time: z.string().nullable(),
    is_deleted: z.boolean(),
    is_archived: z.boolean(),
    archive_time: z.string().nullable(),
    status: z.enum(DEAL_STATUSES),
    probability: z.number().nullable(),
    lost_reason: z.string().nullable(),
    visible_to: z.number().int(),
    close_time: z.string().nullable(),
    won_time: z.string().nullable(),
    lost_time: z.string().nullable(),
    expected_close_date: z.string().nullable(),
    label_ids: z.array(z.number().int()),
    origin: z.string(),
    origin_id: z.string().nullable(),
    channel: z.number().int().nullable(),
    channel_id: z.string().nullable(),
    arr: z.number().nullable(),
    mrr: z.number().nullable(),
    acv: z.number().nullable(),
    custom_fields: z.record(z.string(), z.unknown()),
    source_lead_id: z.string().nullable().optional(),
    next_activity_id: z.number().int().nullable().optional(),
    last_activity_id: z.number().int().nullable().optional(),
    first_won_time: z.string().nullable().optional(),
  })
  .meta({ id: 'Deal' });

/** v1 deal (the client's v1 `Deal`): ids as numbers, times as `YYYY-MM-DD HH:MM:SS` UTC. */
export const DealV1 = z
  .object({
    id: z.number().int(),
    creator_user_id: z.number().int().nullable(),
    user_id: z.number().int(),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    stage_id: z.number().int(),
    pipeline_id: z.number().int(),
    title: z.string(),
    value: z.number(),
    currency: z.string(),
    add_time: z.string(),
    update_time: z.string().nullable(),
    stage_change_time: z.string().nullable(),
    active: z.boolean(),
    deleted: z.boolean(),
    is_archived: z.boolean(),
    archive_time: z.string().nullable(),
    status: z.string(),
    probability: z.number().nullable(),
    next_activity_id: z.number().int().nullable(),
    last_activity_id: z.number().int().nullable(),
    lost_reason: z.string().nullable(),
    visible_to: z.string(),
    close_time: z.string().nullable(),
    won_time: z.string().nullable(),
    first_won_time: z.string().nullable(),
    lost_time: z.string().nullable(),
    expected_close_date: z.string().nullable(),
    label: z.string().nullable(),
    origin: z.string(),
    origin_id: z.string().nullable(),
    channel: z.number().int().nullable(),
    channel_id: z.string().nullable(),
    arr: z.number().nullable(),
    mrr: z.number().nullable(),
    acv: z.number().nullable(),
    arr_currency: z.string().nullable(),
    mrr_currency: z.string().nullable(),
    acv_currency: z.string().nullable(),
  })
  .catchall(z.unknown())
  .meta({ id: 'DealV1' });

// ---------------------------------------------------------------- queries

/** RFC 3339 within the years PostgreSQL stores. */
const qTime = qDateTime.refine(
  (d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999,
  'year out of range',
);

const qStatuses = qCsv.pipe(
  z.array(z.enum(['open', 'won', 'lost', 'deleted'], { error: 'expected open, won, lost or deleted' })),
);
const qIncludeFields = qCsv.pipe(z.array(z.enum(INCLUDE_FIELDS, { error: 'unknown include field' })));
const qCustomFieldKeys = qCsv.pipe(
  z
    .array(z.string().regex(CUSTOM_FIELD_KEY, 'unknown custom field key'))
    .max(15, 'at most 15 custom field keys'),
);

/** What shapes a presented deal: GET /deals/{id} and the lists. */
const presentationQuery = {
  include_fields: qIncludeFields.optional(),
  custom_fields: qCustomFieldKeys.optional(),
};

export const ListArchivedDealsQuery = z.object({
  filter_id: qId.optional(),
  ids: qCsvIds.optional(),
  owner_id: qId.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  pipeline_id: qId.optional(),
  stage_id: qId.optional(),
  status: qStatuses.optional(),
  updated_since: qTime.optional(),
  updated_until: qTime.optional(),
  sort_by: z.enum(['id', 'update_time', 'add_time']).optional(),
  sort_direction: sortDirection,
  ...presentationQuery,
  ...v2Paging,
});

export const ListDealsQuery = ListArchivedDealsQuery.extend({
  include_option_labels: qBool.optional(),
  include_labels: qBool.optional(),
});

/** GET /api/ext/deals/byCustomField: the v2 list, narrowed to deals with one custom value. */
export const ListDealsByCustomFieldQuery = ListDealsQuery.extend({
  custom_field_code: z.string().regex(/^[0-9a-f]{40}$/, 'expected a custom field key (40 hex characters)'),
  custom_field_value: text(255),
});

const V1_DEAL_SORT_FIELDS = ['id', 'add_time', 'update_time'] as const;

/** v1 sort: one key of id, add_time, update_time, optionally with ASC or DESC ("add_time DESC"). */
const v1DealSort = z
  .string()
  .max(100, 'at most 100 characters')
  .transform((v, ctx) => {
    const [field = '', direction = 'asc', ...rest] = v.trim().split(/\s+/);
    const dir = direction.toLowerCase();
    if (!V1_DEAL_SORT_FIELDS.includes(field as never) || (dir !== 'asc' && dir !== 'desc') || rest.length) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected one of id, add_time, update_time, with ASC or DESC',
      });
      return z.NEVER;
    }
    return { sort_by: field as (typeof V1_DEAL_SORT_FIELDS)[number], sort_direction: dir as 'asc' | 'desc' };
  });

/**
 * v1 GET /deals/archived (deprecated in Pipedrive, still called by v1.DealsApi.getArchivedDeals): the
 * client's parameters. `product_id` is refused until deals have products; `filter_id` is accepted and
 * ignored, as on v2.
 */
export const ListArchivedDealsV1Query = z.object({
  user_id: qId.optional(),
  filter_id: qId.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  product_id: qId.optional().refine((v) => v === undefined, 'filtering by product is not supported yet'),
  pipeline_id: qId.optional(),
  stage_id: qId.optional(),
  status: z
    .enum(['open', 'won', 'lost', 'deleted', 'all_not_deleted'], {
      error: 'expected open, won, lost, deleted or all_not_deleted',
    })
    .optional(),
  sort: v1DealSort.optional(),
  owned_by_you: z.enum(['0', '1']).optional(),
  ...v1Paging,
});

export const GetDealQuery = z.object({
  ...presentationQuery,
  include_option_labels: qBool.optional(),
  include_labels: qBool.optional(),
});

// ---------------------------------------------------------------- bodies

const cfScalar = z.union([text(65_535), z.number(), z.boolean(), z.null()]);
/**
 * Custom field values: scalars, option-id lists (`set`; clear with null, never []) and flat objects
 * (monetary, ranges, address). Field definitions are not checked yet.
 */
const cfValue = z.union([
  cfScalar,
  z
    .array(z.union([z.number(), text(255)]))
    .min(1, 'send null to clear a field, not []')
    .max(1000),
  z.record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'unknown subfield'), cfScalar),
]);
export const DealCustomFields = z
  .record(z.string().regex(CUSTOM_FIELD_KEY, 'unknown custom field key'), cfValue)
  .refine((o) => Object.keys(o).length <= 500, 'at most 500 custom fields');

const int32 = z.number().int('expected an integer').min(0).max(2_147_483_647);

export const AddDealBody = z.object({
  title: name255,
  owner_id: entityId.optional(),
  person_id: entityId.nullable().optional(),
  org_id: entityId.nullable().optional(),
  pipeline_id: entityId.optional(),
  stage_id: entityId.optional(),
  value: amount.optional(),
  currency: currencyCode.optional(),
  is_deleted: z.boolean().optional(),
  is_archived: z.boolean().optional(),
  archive_time: dateTimeInput.nullable().optional(),
  status: z.enum(DEAL_STATUSES, { error: 'expected open, won or lost' }).optional(),
  probability: z.number().min(0).max(100).nullable().optional(),
  lost_reason: text(255).nullable().optional(),
  visible_to: visibleTo.optional(),
  close_time: dateTimeInput.nullable().optional(),
  won_time: dateTimeInput.nullable().optional(),
  lost_time: dateTimeInput.nullable().optional(),
  expected_close_date: ymd.nullable().optional(),
  label_ids: z.array(int32.min(1, 'expected a positive id')).max(100, 'at most 100 labels').optional(),
  origin_id: text(255).nullable().optional(),
  channel: int32.nullable().optional(),
  channel_id: text(255).nullable().optional(),
  custom_fields: DealCustomFields.optional(),
});

export const UpdateDealBody = AddDealBody.partial();

export type AddDealBodyT = z.infer<typeof AddDealBody>;
export type UpdateDealBodyT = z.infer<typeof UpdateDealBody>;
export type ListDealsQueryT = z.infer<typeof ListDealsQuery>;
