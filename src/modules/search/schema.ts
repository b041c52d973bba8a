import { z } from 'zod';
import { qBool, qId, qInt, v1Paging } from '../../http/query.ts';
import { DEAL_FIELDS, DEAL_SEARCH_STATUSES } from './deals.ts';
import { FIELD_ENTITY_TYPES, FIELD_MATCHES } from './field-search.ts';
import { ITEM_FIELDS, ITEM_INCLUDE_FIELDS, ITEM_TYPES } from './item-search.ts';
import { LEAD_FIELDS } from './leads.ts';
import { ORGANIZATION_FIELDS } from './organizations.ts';
import { PERSON_FIELDS } from './persons.ts';

/** A comma-separated list of known values; an unknown one is a 400 naming the parameter. */
function csvOf<T extends string>(allowed: readonly T[]) {
  return z.string().transform((value, ctx) => {
    const parts = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = parts.filter((p) => !(allowed as readonly string[]).includes(p));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown value ${unknown.join(', ')}; expected any of ${allowed.join(', ')}`,
      });
      return z.NEVER;
    }
    return parts as T[];
  });
}

/** Required; its length rules (2 characters, 1 with exact_match) are checked with exact_match. */
const term = z.string({ error: 'term is required' });
const limitUpTo = (max: number) => qInt.pipe(z.number().int().min(1).max(max)).optional();
const cursor = z.string().min(1).max(1000).optional();

export const PersonSearchQuery = z.object({
  term,
  fields: csvOf(PERSON_FIELDS).optional(),
  exact_match: qBool.optional(),
  organization_id: qId.optional(),
  include_fields: csvOf(['person.picture']).optional(),
  limit: limitUpTo(500),
  cursor,
});

export const OrganizationSearchQuery = z.object({
  term,
  fields: csvOf(ORGANIZATION_FIELDS).optional(),
  exact_match: qBool.optional(),
  limit: limitUpTo(500),
  cursor,
});

export const DealSearchQuery = z.object({
  term,
  fields: csvOf(DEAL_FIELDS).optional(),
  exact_match: qBool.optional(),
  person_id: qId.optional(),
  organization_id: qId.optional(),
  status: csvOf(DEAL_SEARCH_STATUSES).optional(),
  include_fields: csvOf(['deal.cc_email']).optional(),
  limit: limitUpTo(500),
  cursor,
});

const leadSearchParams = {
  term,
  fields: csvOf(LEAD_FIELDS).optional(),
  exact_match: qBool.optional(),
  person_id: qId.optional(),
  organization_id: qId.optional(),
  include_fields: csvOf(['lead.was_seen']).optional(),
};
export const LeadSearchQueryV2 = z.object({ ...leadSearchParams, limit: limitUpTo(500), cursor });
export const LeadSearchQueryV1 = z.object({ ...leadSearchParams, ...v1Paging });

export const ItemSearchQuery = z.object({
  term,
  item_types: csvOf(ITEM_TYPES).optional(),
  fields: csvOf(ITEM_FIELDS).optional(),
  search_for_related_items: qBool.optional(),
  exact_match: qBool.optional(),
  include_fields: csvOf(ITEM_INCLUDE_FIELDS).optional(),
  limit: limitUpTo(100),
  cursor,
});

export const FieldSearchQuery = z.object({
  term,
  entity_type: z.enum(FIELD_ENTITY_TYPES),
  field: z.string().min(1).max(100),
  match: z.enum(FIELD_MATCHES).optional(),
  limit: limitUpTo(500),
  cursor,
});

// ---------------------------------------------------------------- responses (OpenAPI)

const Ref = z.object({ id: z.number().int(), name: z.string() });
const Owner = z.object({ id: z.number().int() });
const texts = z.array(z.string());

export const PersonSearchItem = z
  .object({
    id: z.number().int(),
    type: z.literal('person'),
    name: z.string(),
    phones: texts,
    emails: texts,
    visible_to: z.number().int(),
    owner: Owner,
    organization: Ref.nullable(),
    custom_fields: texts,
    notes: texts,
    picture: z.object({ id: z.number().int() }).nullable().optional(),
  })
  .meta({ id: 'PersonSearchItem' });

export const OrganizationSearchItem = z
  .object({
    id: z.number().int(),
    type: z.literal('organization'),
    name: z.string(),
    address: z.string().nullable(),
    visible_to: z.number().int(),
    owner: Owner,
    custom_fields: texts,
    notes: texts,
  })
  .meta({ id: 'OrganizationSearchItem' });

export const DealSearchItem = z
  .object({
    id: z.number().int(),
    type: z.literal('deal'),
    title: z.string(),
    value: z.number(),
    currency: z.string(),
    status: z.string(),
    visible_to: z.number().int(),
    owner: Owner,
    stage: Ref,
    person: Ref.nullable(),
    organization: Ref.nullable(),
    custom_fields: texts,
    notes: texts,
    is_archived: z.boolean(),
    cc_email: z.string().optional(),
  })
  .meta({ id: 'DealSearchItem' });

export const LeadSearchItem = z
  .object({
    id: z.uuid(),
    type: z.literal('lead'),
    title: z.string(),
    owner: Owner,
    person: Ref.nullable(),
    organization: Ref.nullable(),
    phones: texts,
    emails: texts,
    custom_fields: texts,
    notes: texts,
    value: z.number().nullable(),
    currency: z.string().nullable(),
    visible_to: z.number().int(),
    is_archived: z.boolean(),
    was_seen: z.boolean().optional(),
  })
  .meta({ id: 'LeadSearchItem' });

const scored = <T extends z.ZodType>(item: T) => z.object({ result_score: z.number(), item });

/** v2 searches: `{success, data:{items}, additional_data:{next_cursor}}`. */
export const searchPage = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.object({ items: z.array(scored(item)) }),
    additional_data: z.object({ next_cursor: z.string().nullable() }),
  });

const Pagination = z.object({
  start: z.number().int(),
  limit: z.number().int(),
  more_items_in_collection: z.boolean(),
  next_start: z.number().int().optional(),
});

/** v1 lead search (spec §4.4): offset pagination nested in `additional_data.pagination`. */
export const LeadSearchPageV1 = z.object({
  success: z.literal(true),
  data: z.object({ items: z.array(scored(LeadSearchItem)) }),
  additional_data: z.object({ pagination: Pagination }),
});

export const AnySearchItem = z.union([
  DealSearchItem,
  PersonSearchItem,
  OrganizationSearchItem,
  LeadSearchItem,
]);

export const FieldSearchHit = z.union([
  z.object({ id: z.number().int(), name: z.string() }),
  z.object({ id: z.union([z.number().int(), z.string()]), title: z.string() }),
]);
