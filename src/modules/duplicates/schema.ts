import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qId, qInt } from '../../http/query.ts';
import { Address, Organization, Person } from '../contacts/schema.ts';
import { invalid } from '../errors.ts';
import { isRegion } from './phone-keys.ts';
import { NAME_PARTS, REASON_KINDS } from './reason-kinds.ts';
import type { DuplicateQuery } from './service.ts';

// ---------------------------------------------------------------- GET /api/ext/duplicates

/** Text up to `max` characters without NUL (which PostgreSQL text cannot hold). */
const queryText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((v) => !v.includes('\0'), 'must not contain NUL characters');

/** A query parameter that may be repeated (`email=a&email=b`); at most 20 values. */
const repeatable = (item: z.ZodString) =>
  z
    .union([item, z.array(item).max(20, 'at most 20 values')])
    .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== ''));

export const DuplicatesQuery = z.object({
  item_type: z.enum(['person', 'organization'], { error: 'expected person or organization' }),
  id: qId.optional(),
  name: queryText(255).optional(),
  email: repeatable(queryText(255)).optional(),
  phone: repeatable(queryText(255)).optional(),
  org_id: qId.optional(),
  address: queryText(1024).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      'not a date',
    )
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166 country code such as SE')
    .transform((v) => v.toUpperCase())
    .refine(isRegion, 'unknown country code')
    .optional(),
});
export type DuplicatesQuery = z.infer<typeof DuplicatesQuery>;

const FOR_PERSONS = ['email', 'phone', 'org_id', 'country', 'birthday'] as const;
const FOR_ORGANIZATIONS = [] as const;

/**
 * The service's query from the parameters: either `id` or the candidate's fields, never both; fields
 * of the other item type are refused; a look-up needs a field that can match (persons: name, email or
 * phone, org_id, address and birthday only rank; organizations: name, the address only ranks). Blank
 * values count as absent.
 */
export function duplicateQueryOf(q: DuplicatesQuery): DuplicateQuery {
  const name = q.name?.trim() || undefined;
  const foreign = q.item_type === 'person' ? FOR_ORGANIZATIONS : FOR_PERSONS;
  for (const key of foreign) {
    if (q[key] !== undefined) throw invalid(key, `not a field of ${q.item_type} look-ups`);
  }
  const fields = {
    name,
    email: q.email?.length,
    phone: q.phone?.length,
    org_id: q.org_id,
    address: q.address,
    birthday: q.birthday,
  };
  if (q.id !== undefined) {
    const given = Object.entries(fields).find(([, v]) => v !== undefined && v !== 0 && v !== '');
    if (given) throw invalid(given[0], 'give either id or the fields of a new record, not both');
    return q.item_type === 'person'
      ? { itemType: 'person', id: q.id, region: q.country }
      : { itemType: 'organization', id: q.id };
  }
  if (q.item_type === 'person') {
    if (!name && !q.email?.length && !q.phone?.length) {
      throw invalid('id', 'give id, or at least one of name, email, phone');
    }
    return {
      itemType: 'person',
      name,
      emails: q.email ?? [],
      phones: q.phone ?? [],
      orgId: q.org_id,
      birthday: q.birthday,
      address: q.address?.trim() || undefined,
      region: q.country,
    };
  }
  if (!name) throw invalid('id', 'give id, or the name of the organization');
  return { itemType: 'organization', name, address: q.address?.trim() || undefined };
}

const Reason = z.enum(['name', 'email', 'phone', 'organization', 'address']);

const ReasonDetail = z
  .object({
    kind: z.enum(REASON_KINDS),
    part: z.enum(NAME_PARTS).optional().describe('name_* kinds: which part of the name'),
    letters: z.number().int().optional().describe('name_typo: how many letters apart'),
    domain: z.string().optional().describe('email_domain: the shared domain'),
  })
  .describe(
    'one reason: its kind and parameters, e.g. {kind: name_typo, part: surname, letters: 1} is ' +
      '"surname 1 letter apart"; clients word it in their language',
  )
  .meta({ id: 'DuplicateReason' });

const DuplicatePerson = Person.extend({
  owner_name: z.string().nullable(),
  organization_name: z.string().nullable(),
  open_deals_count: z.number().int(),
});

const DuplicateOrganization = Organization.extend({
  owner_name: z.string().nullable(),
  open_deals_count: z.number().int(),
});

export const DuplicatesResponse = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({
      item: z.union([DuplicatePerson, DuplicateOrganization]),
      score: z.number().min(0).max(1),
      reasons: z.array(Reason).describe('the fields that matched (the name also when only similar)'),
      band: z
        .enum(['very_likely', 'possible'])
        .describe('very_likely (score ≥ 0.8) always needs more than a similar name'),
      details: z.array(ReasonDetail).describe('how each field matched, and what speaks against'),
    }),
  ),
});

// ---------------------------------------------------------------- v1 merge

/**
 * v1 is lenient: the id may come as a number or, from a form body, as a string of digits. A missing
 * body is let through as null so that the refusal names merge_with_id (mergeWithIdOf).
 */
export const MergeBody = z
  .object({
    merge_with_id: z.union(
      [
        entityId,
        z
          .string()
          .regex(/^\d{1,15}$/, 'expected an integer id')
          .transform(Number),
      ],
      { error: 'expected an integer id' },
    ),
  })
  .nullable();

export function mergeWithIdOf(body: z.infer<typeof MergeBody>): number {
  if (!body) throw invalid('merge_with_id', 'required');
  return body.merge_with_id;
}

const Channel = z.object({ value: z.string(), primary: z.boolean(), label: z.string() });

const counts = {
  open_deals_count: z.number().int(),
  related_open_deals_count: z.number().int(),
  closed_deals_count: z.number().int(),
  related_closed_deals_count: z.number().int(),
  won_deals_count: z.number().int(),
  related_won_deals_count: z.number().int(),
  lost_deals_count: z.number().int(),
  related_lost_deals_count: z.number().int(),
  next_activity_date: z.string().nullable(),
  next_activity_time: z.string().nullable(),
  next_activity_id: z.number().int().nullable(),
  last_activity_id: z.number().int().nullable(),
  last_activity_date: z.string().nullable(),
  email_messages_count: z.number().int(),
  activities_count: z.number().int(),
  done_activities_count: z.number().int(),
  undone_activities_count: z.number().int(),
  files_count: z.number().int(),
  notes_count: z.number().int(),
  followers_count: z.number().int(),
};

const common = {
  id: z.number().int(),
  company_id: z.number().int(),
  owner_id: z.number().int(),
  name: z.string(),
  active_flag: z.boolean(),
  first_char: z.string(),
  add_time: z.string().nullable(),
  update_time: z.string().nullable(),
  visible_to: z.string(),
  label: z.number().int().nullable(),
  label_ids: z.array(z.number().int()),
  owner_name: z.string().nullable(),
  cc_email: z.string().nullable(),
  merge_what_id: z.number().int(),
  ...counts,
};

export const MergedPersonV1 = z
  .object({
    ...common,
    org_id: z.number().int().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    participant_open_deals_count: z.number().int(),
    participant_closed_deals_count: z.number().int(),
    last_incoming_mail_time: z.string().nullable(),
    last_outgoing_mail_time: z.string().nullable(),
    phone: z.array(Channel),
    email: z.array(Channel),
    picture_id: z.object({ id: z.number().int() }).nullable(),
    org_name: z.string().nullable(),
  })
  .meta({ id: 'MergedPersonV1' });

const addressParts = Object.fromEntries(
  Object.keys(Address.shape)
    .filter((k) => k !== 'value')
    .map((k) => [`address_${k}`, z.string().nullable()]),
);

export const MergedOrganizationV1 = z
  .object({
    ...common,
    people_count: z.number().int(),
    address: z.string().nullable(),
    ...addressParts,
    address_formatted_address: z.string().nullable(),
    website: z.string().nullable(),
    linkedin: z.string().nullable(),
    industry: z.number().int().nullable(),
    annual_revenue: z.number().nullable(),
    employee_count: z.number().int().nullable(),
  })
  .meta({ id: 'MergedOrganizationV1' });

// ---------------------------------------------------------------- the merge tool's pairs

const PairKind = z.enum(['person', 'organization'], { error: 'expected person or organization' });

export const PairsQuery = z.object({
  kind: PairKind,
  cursor: z.string().min(1).max(512, 'at most 512 characters').optional(),
  limit: qInt.pipe(z.number().int().min(1).max(100)).optional().describe('pairs per page, 1–100 (20)'),
});

const PairSide = z
  .object({
    id: z.number().int(),
    name: z.string(),
    owner_id: z.number().int(),
    owner_name: z.string().nullable(),
    emails: z.array(z.string()).describe('persons: every e-mail, the primary first as stored'),
    phones: z.array(z.string()).describe('persons: every phone'),
    organization_name: z.string().nullable().describe('persons: their organization'),
    address: z.string().nullable().describe('organizations: the one-line address'),
    open_deals_count: z.number().int(),
    open_leads_count: z.number().int(),
  })
  .meta({ id: 'DuplicatePairItem' });

export const PairsResponse = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({
      items: z.tuple([PairSide, PairSide]).describe('the two records, lower id first'),
      score: z.number().min(0).max(1),
      band: z.enum(['very_likely', 'possible']),
      reasons: z.array(Reason),
      details: z.array(ReasonDetail).describe('how each field matched, as the look-up of the first says'),
    }),
  ),
  additional_data: z.object({
    next_cursor: z
      .string()
      .nullable()
      .describe('the next page; a page may be short, even empty, before the end'),
  }),
});

export const DismissBody = z.object({
  kind: PairKind,
  ids: z
    .array(entityId, { error: 'expected two ids' })
    .length(2, 'expected two ids')
    .refine(([a, b]) => a !== b, 'expected two different ids'),
});

export const DismissResponse = z.object({
  success: z.literal(true),
  data: z.object({
    kind: PairKind,
    ids: z.tuple([z.number().int(), z.number().int()]).describe('lower id first'),
  }),
});
