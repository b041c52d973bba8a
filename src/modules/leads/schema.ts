import { z } from 'zod';
import {
  amount,
  currencyCode,
  entityId,
  name255,
  text,
  visibleTo,
  visibleToString,
  ymd,
} from '../../http/fields.ts';
import { qDateTime, qId, v1Paging } from '../../http/query.ts';
import { type CustomFields, CustomValue, splitCustomFields } from './custom-fields.ts';
import { LEAD_SORT_FIELDS, parseLeadSort } from './sort.ts';
import { LEAD_LABEL_COLORS } from './tables.ts';

// ---------------------------------------------------------------- responses

export const LeadValue = z.object({ amount: z.number(), currency: z.string() });

/** v1 lead (spec §4.2); custom fields (40-hex keys) sit at the root. */
export const Lead = z
  .object({
    id: z.uuid(),
    title: z.string(),
    owner_id: z.number().int(),
    creator_id: z.number().int(),
    label_ids: z.array(z.uuid()),
    person_id: z.number().int().nullable(),
    organization_id: z.number().int().nullable(),
    source_name: z.string(),
    origin: z.string(),
    origin_id: z.string().nullable(),
    channel: z.number().int().nullable(),
    channel_id: z.string().nullable(),
    source_deal_id: z.number().int().nullable(),
    is_archived: z.boolean(),
    was_seen: z.boolean(),
    value: LeadValue.nullable(),
    expected_close_date: z.string().nullable(),
    next_activity_id: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    visible_to: z.enum(['1', '3', '5', '7']),
    cc_email: z.string(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Lead' });

export const LeadLabel = z
  .object({
    id: z.uuid(),
    name: z.string(),
    color: z.enum(LEAD_LABEL_COLORS),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'LeadLabel' });

export const LeadSourceItem = z.object({ name: z.string() }).meta({ id: 'LeadSource' });

// ---------------------------------------------------------------- queries

const leadSort = z
  .string()
  .max(500, 'at most 500 characters')
  .transform((v, ctx) => {
    const parsed = parseLeadSort(v);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({
    description: `"field" or "field ASC, field2 DESC" over ${LEAD_SORT_FIELDS.join(', ')}`,
  });

const leadListParams = {
  ...v1Paging,
  owner_id: qId.optional(),
  person_id: qId.optional(),
  organization_id: qId.optional(),
  /** accepted for compatibility; saved filters are not applied yet */
  filter_id: qId.optional(),
  updated_since: qDateTime
    .refine((d) => d.getUTCFullYear() >= 1, 'expected a date-time from year 1 on')
    .optional(),
  sort: leadSort.optional(),
};

export const ListLeadsQuery = z.object({
  ...leadListParams,
  /** legacy (removed from the client in 2025), still honoured */
  archived_status: z.enum(['archived', 'not_archived', 'all']).optional(),
});
export const ListArchivedLeadsQuery = z.object(leadListParams);

// ---------------------------------------------------------------- lead bodies

const title = name255;

/** v1 leads take visible_to as a string; the numbers are accepted too. Stored as a number. */
const leadVisibleTo = z
  .union([visibleToString, visibleTo], { error: 'expected one of "1", "3", "5", "7"' })
  .transform((v) => Number(v) as 1 | 3 | 5 | 7);

const valueInput = z.object(
  { amount, currency: currencyCode },
  { error: 'expected {amount, currency} or null' },
);

/** PostgreSQL has no year 0 (the shared `ymd` lets it through). */
const closeDate = ymd.refine((v) => v >= '0001-01-01', 'expected a date from year 1 on');

const leadFields = {
  owner_id: entityId,
  label_ids: z.array(z.uuid('expected a lead label UUID')).max(100, 'at most 100 labels'),
  person_id: entityId.nullable(),
  organization_id: entityId.nullable(),
  value: valueInput.nullable(),
  expected_close_date: closeDate.nullable(),
  visible_to: leadVisibleTo,
  was_seen: z.boolean(),
  channel: z.number().int('expected an integer').min(0).max(2_147_483_647).nullable(),
  channel_id: text(255).nullable(),
};

/** Fields of a lead that the server sets: refused in request bodies. */
const READ_ONLY: Record<string, string> = Object.fromEntries(
  [
    'id',
    'creator_id',
    'source_name',
    'origin',
    'source_deal_id',
    'next_activity_id',
    'add_time',
    'update_time',
    'cc_email',
    'archive_time',
    'is_deleted',
  ].map((k) => [k, 'read-only field']),
);

type LeadFieldsInput = {
  owner_id?: number;
  label_ids?: string[];
  person_id?: number | null;
  organization_id?: number | null;
  value?: { amount: number; currency: string } | null;
  expected_close_date?: string | null;
  visible_to?: 1 | 3 | 5 | 7;
  was_seen?: boolean;
  channel?: number | null;
  channel_id?: string | null;
};

export type AddLeadInput = LeadFieldsInput & {
  title: string;
  origin_id?: string | null;
  /** v1 root keys of custom fields, as the request sent them */
  custom_fields?: CustomFields;
  /** values already in the stored form (a conversion copies them): used instead of custom_fields */
  stored_custom_fields?: Record<string, unknown>;
};

export type UpdateLeadInput = LeadFieldsInput & {
  title?: string;
  is_archived?: boolean;
  custom_fields?: CustomFields;
};

const addShape = { title, origin_id: text(255).nullable().optional(), ...partial(leadFields) };
export const AddLeadBody = z
  .object(addShape)
  .catchall(CustomValue)
  .transform((body, ctx) =>
    splitCustomFields<AddLeadInput>(
      body,
      Object.keys(addShape),
      { ...READ_ONLY, is_archived: 'a lead is archived by updating it' },
      ctx,
    ),
  );

const updateShape = { title: title.optional(), is_archived: z.boolean().optional(), ...partial(leadFields) };
export const UpdateLeadBody = z
  .object(updateShape)
  .catchall(CustomValue)
  .transform((body, ctx) =>
    splitCustomFields<UpdateLeadInput>(
      body,
      Object.keys(updateShape),
      { ...READ_ONLY, origin_id: 'origin_id is set when the lead is created and cannot change' },
      ctx,
    ),
  );

function partial<S extends Record<string, z.ZodType>>(shape: S): { [K in keyof S]: z.ZodOptional<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
}

// ---------------------------------------------------------------- label bodies

const labelName = title;
const labelColor = z.enum(LEAD_LABEL_COLORS, { error: `expected one of ${LEAD_LABEL_COLORS.join(', ')}` });

export const AddLeadLabelBody = z.object({ name: labelName, color: labelColor });
export const UpdateLeadLabelBody = z.object({ name: labelName.optional(), color: labelColor.optional() });
