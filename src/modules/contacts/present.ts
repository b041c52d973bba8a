import { num, rfc3339 } from '../../http/formats.ts';
import { presentV2 } from '../fields/present-values.ts';
import type { FieldDef } from '../fields/types.ts';
import { presentAddress } from './address.ts';
import type { Address, ContactChannel, organizations, persons } from './tables.ts';

export type PersonRow = typeof persons.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

/** What a GET asked for beyond the default shape (spec §6.1 list params). */
export interface PresentOptions {
  /** only these keys of `custom_fields` */
  customFields?: string[] | undefined;
  includeFields?: string[] | undefined;
  /** include_option_labels */
  optionLabels?: boolean | undefined;
  /** the entity's fields: values are shown by them (deleted fields and options left out) */
  defs?: readonly FieldDef[] | undefined;
}

function customFieldsOf(values: Record<string, unknown>, opts: PresentOptions) {
  return opts.defs
    ? presentV2(opts.defs, values, { keys: opts.customFields, optionLabels: opts.optionLabels })
    : pickCustomFields(values, opts.customFields);
}

function pickCustomFields(values: Record<string, unknown>, keys: string[] | undefined) {
  if (!keys) return { ...values };
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(values, k)) out[k] = values[k];
  return out;
}

type EmailLabel = 'work' | 'home' | 'other';
type PhoneLabel = 'work' | 'home' | 'mobile' | 'other';

const channels = <L extends string>(list: ContactChannel[]) =>
  list.map((c) => ({ value: c.value, primary: c.primary, label: c.label as L }));

/** A person as the API shows it. */
export type PresentedPerson = {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number;
  org_id: number | null;
  add_time: string;
  update_time: string;
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  picture_id: number | null;
  custom_fields: Record<string, unknown>;
  emails: { value: string; primary: boolean; label: EmailLabel }[];
  phones: { value: string; primary: boolean; label: PhoneLabel }[];
  postal_address?: Address;
  notes?: string;
  im?: { value: string; primary: boolean; label: string }[];
  birthday?: string;
  job_title?: string;
  marketing_status?: string | null;
};

/** A person in v2's shape (spec §7). The contact-sync fields appear only when set. */
export function presentPerson(p: PersonRow, opts: PresentOptions = {}): PresentedPerson {
  const out: PresentedPerson = {
    id: p.id,
    name: p.name,
    first_name: p.firstName,
    last_name: p.lastName,
    owner_id: p.ownerId,
    org_id: p.orgId,
    add_time: rfc3339(p.addTime) as string,
    update_time: rfc3339(p.updateTime) as string,
    is_deleted: p.isDeleted,
    visible_to: p.visibleTo,
    label_ids: p.labelIds,
    picture_id: p.pictureId,
    custom_fields: customFieldsOf(p.customFields, opts),
    emails: channels<EmailLabel>(p.emails),
    phones: channels<PhoneLabel>(p.phones),
  };
  if (p.postalAddress) out.postal_address = presentAddress(p.postalAddress);
  if (p.notes !== null) out.notes = p.notes;
  if (p.im.length > 0) out.im = channels<string>(p.im);
  if (p.birthday !== null) out.birthday = p.birthday;
  if (p.jobTitle !== null) out.job_title = p.jobTitle;
  if (opts.includeFields?.includes('marketing_status')) out.marketing_status = p.marketingStatus;
  return out;
}

/** An organization in v2's shape (spec §8); `address` always has its ten keys. */
export function presentOrganization(o: OrganizationRow, opts: PresentOptions = {}) {
  return {
    id: o.id,
    name: o.name,
    owner_id: o.ownerId,
    add_time: rfc3339(o.addTime) as string,
    update_time: rfc3339(o.updateTime) as string,
    is_deleted: o.isDeleted,
    visible_to: o.visibleTo,
    address: presentAddress(o.address),
    label_ids: o.labelIds,
    website: o.website,
    linkedin: o.linkedin,
    industry: o.industry,
    annual_revenue: num(o.annualRevenue),
    employee_count: o.employeeCount,
    custom_fields: customFieldsOf(o.customFields, opts),
  };
}

export type PresentedOrganization = ReturnType<typeof presentOrganization>;
