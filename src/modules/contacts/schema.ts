import { z } from 'zod';
import {
  abort,
  amount,
  dateTimeInput,
  entityId,
  name255,
  storable,
  text,
  UNSTORABLE,
  visibleTo,
  ymd,
} from '../../http/fields.ts';
import { qBool, qCsv, qCsvIds, qDateTime, qId, sortDirection, v2Paging } from '../../http/query.ts';
import { customFilterParams } from '../fields/schema.ts';

// ---------------------------------------------------------------- responses (spec §7, §8)

export const Address = z.object({
  value: z.string().nullable(),
  country: z.string().nullable(),
  admin_area_level_1: z.string().nullable(),
  admin_area_level_2: z.string().nullable(),
  locality: z.string().nullable(),
  sublocality: z.string().nullable(),
  route: z.string().nullable(),
  street_number: z.string().nullable(),
  subpremise: z.string().nullable(),
  postal_code: z.string().nullable(),
});

const Channel = <L extends [string, ...string[]]>(labels: L) =>
  z.object({ value: z.string(), primary: z.boolean(), label: z.enum(labels) });

export const Person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    owner_id: z.number().int(),
    org_id: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    is_deleted: z.boolean(),
    visible_to: z.number().int(),
    label_ids: z.array(z.number().int()),
    picture_id: z.number().int().nullable(),
    custom_fields: z.record(z.string(), z.unknown()),
    emails: z.array(Channel(['work', 'home', 'other'])),
    phones: z.array(Channel(['work', 'home', 'mobile', 'other'])),
    // present when set (Pipedrive: with contact sync)
    postal_address: Address.optional(),
    notes: z.string().optional(),
    im: z.array(z.object({ value: z.string(), primary: z.boolean(), label: z.string() })).optional(),
    birthday: z.string().optional(),
    job_title: z.string().optional(),
    // only with include_fields=marketing_status
    marketing_status: z.string().nullable().optional(),
  })
  .strict()
  .meta({ id: 'Person' });

export const Organization = z
  .object({
    id: z.number().int(),
    name: z.string(),
    owner_id: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
    is_deleted: z.boolean(),
    visible_to: z.number().int(),
    address: Address,
    label_ids: z.array(z.number().int()),
    website: z.string().nullable(),
    linkedin: z.string().nullable(),
    industry: z.number().int().nullable(),
    annual_revenue: z.number().nullable(),
    employee_count: z.number().int().nullable(),
    custom_fields: z.record(z.string(), z.unknown()),
  })
  .strict()
  .meta({ id: 'Organization' });

// ---------------------------------------------------------------- query strings

/** include_fields, custom_fields, include_option_labels, include_labels (spec §6.1). */
const includeParams = {
  include_fields: qCsv.optional(),
  custom_fields: qCsv.pipe(z.array(z.string()).max(15, 'at most 15 custom field keys')).optional(),
  include_option_labels: qBool.optional(),
  include_labels: qBool.optional(),
};

export const GetContactQuery = z.object(includeParams);

const listParams = {
  filter_id: qId.optional(),
  ids: qCsvIds.optional(),
  owner_id: qId.optional(),
  updated_since: qDateTime.optional(),
  updated_until: qDateTime.optional(),
  sort_by: z.enum(['id', 'update_time', 'add_time']).optional(),
  sort_direction: sortDirection,
  ...includeParams,
  ...customFilterParams,
  ...v2Paging,
};

export const ListOrganizationsQuery = z.object(listParams);
export const ListPersonsQuery = z.object({ ...listParams, org_id: qId.optional(), deal_id: qId.optional() });

// ---------------------------------------------------------------- bodies

const str255 = text(255);

/** The ten keys of an address, all optional; a plain string is the formatted one-line `value`. */
export const AddressInput = z.union(
  [
    text(1024),
    z.object({
      value: text(1024).nullable().optional(),
      country: str255.nullable().optional(),
      admin_area_level_1: str255.nullable().optional(),
      admin_area_level_2: str255.nullable().optional(),
      locality: str255.nullable().optional(),
      sublocality: str255.nullable().optional(),
      route: str255.nullable().optional(),
      street_number: str255.nullable().optional(),
      subpremise: str255.nullable().optional(),
      postal_code: str255.nullable().optional(),
    }),
  ],
  { error: 'expected an address object or a string' },
);
export type AddressInput = z.infer<typeof AddressInput>;

/**
 * An e-mail address's shape: one `@`, something before it, a domain with a dot that is neither its
 * first nor its last character, and no whitespace. A scan, not a pattern: linear in the length of
 * the value whatever it holds (the former pattern backtracked quadratically on long values).
 */
export function looksLikeEmail(value: string): boolean {
  if (/\s/.test(value)) return false;
  const at = value.indexOf('@');
  if (at < 1 || value.indexOf('@', at + 1) !== -1) return false;
  const dot = value.indexOf('.', at + 2);
  return dot !== -1 && dot < value.length - 1;
}

const channelList = <L extends [string, ...string[]]>(labels: L, value: z.ZodType<string>) =>
  z
    .array(
      z.object({
        value,
        primary: z.boolean().optional(),
        label: z.enum(labels, { error: `expected one of ${labels.join(', ')}` }).optional(),
      }),
    )
    .max(100, 'at most 100 entries')
    .refine((list) => list.filter((c) => c.primary === true).length <= 1, 'only one entry can be primary');

// The length is checked first and ends the validation when it fails: nothing else reads a long value.
const channelValue = z
  .string()
  .trim()
  .min(1, { ...abort, message: 'must not be empty' })
  .max(255, { ...abort, message: 'at most 255 characters' })
  .refine(storable, UNSTORABLE);
const emailValue = channelValue.refine(looksLikeEmail, 'not an e-mail address');

export const ChannelInputs = {
  emails: channelList(['work', 'home', 'other'], emailValue),
  phones: channelList(['work', 'home', 'mobile', 'other'], channelValue),
  im: z
    .array(z.object({ value: channelValue, primary: z.boolean().optional(), label: str255.optional() }))
    .max(100, 'at most 100 entries')
    .refine((list) => list.filter((c) => c.primary === true).length <= 1, 'only one entry can be primary'),
};

export type ChannelInput = { value: string; primary?: boolean | undefined; label?: string | undefined };

/** Custom field values keyed by their 40-hex key; `null` removes a value. */
export const customFieldValues = z.record(
  z.string().regex(/^[0-9a-f]{40}$/, 'custom field keys are 40-character hex hashes'),
  z.unknown(),
);

const labelIds = z
  .array(z.number().int('expected integer label ids').positive().max(2_147_483_647))
  .max(100, 'at most 100 labels');

const personFields = {
  name: name255,
  first_name: str255.nullable().optional(),
  last_name: str255.nullable().optional(),
  owner_id: entityId.optional(),
  org_id: entityId.nullable().optional(),
  emails: ChannelInputs.emails.optional(),
  phones: ChannelInputs.phones.optional(),
  visible_to: visibleTo.optional(),
  label_ids: labelIds.optional(),
  postal_address: AddressInput.nullable().optional(),
  notes: text().nullable().optional(),
  im: ChannelInputs.im.optional(),
  birthday: ymd.nullable().optional(),
  job_title: str255.nullable().optional(),
  marketing_status: z.enum(['no_consent', 'unsubscribed', 'subscribed', 'archived']).nullable().optional(),
  custom_fields: customFieldValues.optional(),
};

export const AddPersonBody = z.object({ ...personFields, add_time: dateTimeInput.optional() });
export const UpdatePersonBody = z.object(personFields).partial();
export type AddPersonInput = z.infer<typeof AddPersonBody>;
export type UpdatePersonInput = z.infer<typeof UpdatePersonBody>;

const int32 = z.number().int('expected an integer').min(0).max(2_147_483_647);

const organizationFields = {
  name: name255,
  owner_id: entityId.optional(),
  visible_to: visibleTo.optional(),
  label_ids: labelIds.optional(),
  address: AddressInput.nullable().optional(),
  website: text(2048).nullable().optional(),
  linkedin: text(2048).nullable().optional(),
  industry: int32.nullable().optional(),
  annual_revenue: amount.nullable().optional(),
  employee_count: int32.nullable().optional(),
  custom_fields: customFieldValues.optional(),
};

export const AddOrganizationBody = z.object({ ...organizationFields, add_time: dateTimeInput.optional() });
export const UpdateOrganizationBody = z.object(organizationFields).partial();
export type AddOrganizationInput = z.infer<typeof AddOrganizationBody>;
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationBody>;

export type ListPersonsInput = z.infer<typeof ListPersonsQuery>;
export type ListOrganizationsInput = z.infer<typeof ListOrganizationsQuery>;
export type GetContactInput = z.infer<typeof GetContactQuery>;
