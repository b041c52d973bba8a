import { z } from 'zod';
import { qBool, qCsv, qId, qInt, sortDirection } from '../../http/query.ts';
import { customFilterParams } from '../fields/schema.ts';
import { LEAD_SOURCES } from '../leads/sources.ts';
import { LEAD_LABEL_COLORS } from '../leads/tables.ts';

/** Pipewright's Leads Inbox endpoints (/api/ext/leads…): the rows of the web app's inbox table. */

export const INBOX_SORTS = [
  'title',
  'value',
  'expected_close_date',
  'add_time',
  'owner',
  'next_activity',
] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export const INBOX_LIMIT_MAX = 500;

const noNul = (v: string) => !v.includes('\u0000');
const CUSTOM_KEY = /^[0-9a-f]{40}$/;

export const InboxListQuery = z.object({
  start: qInt.pipe(z.number().int().min(0, 'must not be negative')).optional(),
  limit: qInt.pipe(z.number().int().min(1).max(INBOX_LIMIT_MAX, `at most ${INBOX_LIMIT_MAX}`)).optional(),
  owner_id: qId.optional(),
  label_id: z.uuid('expected a lead label UUID').optional(),
  source_name: z.enum(LEAD_SOURCES, { error: `expected one of ${LEAD_SOURCES.join(', ')}` }).optional(),
  archived: qBool.optional(),
  term: z
    .string()
    .max(500, 'at most 500 characters')
    .refine(noNul, 'must not contain NUL characters')
    .transform((v) => v.trim())
    .optional(),
  sort_by: z.enum(INBOX_SORTS, { error: `expected one of ${INBOX_SORTS.join(', ')}` }).optional(),
  sort_direction: sortDirection,
  include_total: qBool.optional(),
  /** the custom fields (deal fields) each row carries, comma-separated keys: the inbox's custom columns */
  custom_fields: qCsv
    .pipe(
      z
        .array(z.string().regex(CUSTOM_KEY, 'expected custom field keys (40 hex characters)'))
        .max(15, 'at most 15 custom field keys'),
    )
    .optional(),
  ...customFilterParams,
});
export type InboxListInput = z.infer<typeof InboxListQuery> & {
  /** leads whose custom values contain this (`custom_fields @>`), from custom_field_code and _value */
  custom_contains?: Record<string, unknown> | undefined;
};

export const NEXT_ACTIVITY_STATUSES = ['overdue', 'today', 'future'] as const;

const Ref = z.object({ id: z.number().int(), name: z.string() });

export const InboxRow = z
  .object({
    id: z.uuid(),
    title: z.string(),
    owner: Ref,
    person: Ref.extend({ email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    organization: Ref.nullable(),
    labels: z.array(z.object({ id: z.uuid(), name: z.string(), color: z.enum(LEAD_LABEL_COLORS) })),
    next_activity: z
      .object({
        id: z.number().int(),
        subject: z.string(),
        type: z.string(),
        due_date: z.string().nullable(),
        due_time: z.string().nullable(),
        status: z.enum(NEXT_ACTIVITY_STATUSES),
      })
      .nullable(),
    value: z.number().nullable(),
    currency: z.string().nullable(),
    expected_close_date: z.string().nullable(),
    source_name: z.string(),
    was_seen: z.boolean(),
    is_archived: z.boolean(),
    visible_to: z.enum(['1', '3', '5', '7']),
    add_time: z.string(),
    update_time: z.string(),
    /** the values of the custom fields asked for (`custom_fields`), in v2's shape */
    custom_fields: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'InboxLead' });

const Pagination = z.object({
  start: z.number().int(),
  limit: z.number().int(),
  more_items_in_collection: z.boolean(),
  next_start: z.number().int().optional(),
});

export const InboxPage = z.object({
  success: z.literal(true),
  data: z.array(InboxRow),
  additional_data: Pagination.extend({
    pagination: Pagination,
    /** only with include_total=1 */
    total: z.number().int().optional(),
  }),
});

export const BULK_ACTIONS = ['archive', 'unarchive', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 500;

export const BulkBody = z.object({
  action: z.enum(BULK_ACTIONS, { error: `expected one of ${BULK_ACTIONS.join(', ')}` }),
  lead_ids: z
    .array(z.uuid('expected a lead UUID'))
    .min(1, 'at least one lead id')
    .max(BULK_MAX, `at most ${BULK_MAX} lead ids`),
});
export type BulkInput = z.infer<typeof BulkBody>;

export const BulkResult = z.object({
  lead_id: z.uuid(),
  ok: z.boolean(),
  error: z.string().optional(),
});

export const DeletedListQuery = z.object({
  start: qInt.pipe(z.number().int().min(0, 'must not be negative')).optional(),
  limit: qInt.pipe(z.number().int().min(1).max(INBOX_LIMIT_MAX, `at most ${INBOX_LIMIT_MAX}`)).optional(),
});

export const DeletedLead = z
  .object({
    id: z.uuid(),
    title: z.string(),
    person_name: z.string().nullable(),
    organization_name: z.string().nullable(),
    delete_time: z.string(),
    deleted_by: Ref.nullable(),
  })
  .meta({ id: 'DeletedLead' });

/** Path ids: any string; one that is not a UUID is simply not found (404). */
export const LeadPath = z.object({ id: z.string().min(1).max(100) });
