import { num } from '../../http/formats.ts';

/** Search items in Pipedrive's shapes (spec §4.4, §6.4, §7, §8); itemSearch uses the same ones. */

export interface Ref {
  id: number;
  name: string;
}

const ref = (id: number | null, name: string | null): Ref | null =>
  id === null || name === null ? null : { id, name };

/** The values of a person's `emails` / `phones` jsonb ([{value, primary, label}]). */
export function channelValues(channels: unknown): string[] {
  if (!Array.isArray(channels)) return [];
  return channels
    .map((c) => (c && typeof c === 'object' ? (c as { value?: unknown }).value : undefined))
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

export interface PersonHit {
  id: number;
  name: string;
  phones: unknown;
  emails: unknown;
  visibleTo: number;
  ownerId: number;
  pictureId: number | null;
  orgId: number | null;
  orgName: string | null;
  customFieldHits: unknown;
  noteHits: unknown;
}

export function presentPerson(r: PersonHit, includePicture: boolean) {
  return {
    id: r.id,
    type: 'person' as const,
    name: r.name,
    phones: channelValues(r.phones),
    emails: channelValues(r.emails),
    visible_to: r.visibleTo,
    owner: { id: r.ownerId },
    organization: ref(r.orgId, r.orgName),
    custom_fields: strings(r.customFieldHits),
    notes: strings(r.noteHits),
    ...(includePicture ? { picture: r.pictureId === null ? null : { id: r.pictureId } } : {}),
  };
}

export interface OrganizationHit {
  id: number;
  name: string;
  address: unknown;
  visibleTo: number;
  ownerId: number;
  customFieldHits: unknown;
  noteHits: unknown;
}

function addressLine(address: unknown): string | null {
  if (!address || typeof address !== 'object') return null;
  const value = (address as { value?: unknown }).value;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function presentOrganization(r: OrganizationHit) {
  return {
    id: r.id,
    type: 'organization' as const,
    name: r.name,
    address: addressLine(r.address),
    visible_to: r.visibleTo,
    owner: { id: r.ownerId },
    custom_fields: strings(r.customFieldHits),
    notes: strings(r.noteHits),
  };
}

export interface DealHit {
  id: number;
  title: string;
  value: string;
  currency: string;
  status: string;
  visibleTo: number;
  ownerId: number;
  stageId: number;
  stageName: string | null;
  personId: number | null;
  personName: string | null;
  orgId: number | null;
  orgName: string | null;
  isArchived: boolean;
  customFieldHits: unknown;
  noteHits: unknown;
}

/**
 * The deal's Smart BCC address, in the form the leads module gives leads (`leadCcEmail`). There is no
 * shared definition for deals yet (deals expose `smart_bcc_email`); both should come from one place.
 */
export const dealCcEmail = (companyId: number, dealId: number) =>
  `${companyId}+deal+${dealId}@pipewright.local`;

export function presentDeal(r: DealHit, ccEmail: string | null) {
  return {
    id: r.id,
    type: 'deal' as const,
    title: r.title,
    value: num(r.value) ?? 0,
    currency: r.currency,
    status: r.status,
    visible_to: r.visibleTo,
    owner: { id: r.ownerId },
    stage: { id: r.stageId, name: r.stageName ?? '' },
    person: ref(r.personId, r.personName),
    organization: ref(r.orgId, r.orgName),
    custom_fields: strings(r.customFieldHits),
    notes: strings(r.noteHits),
    is_archived: r.isArchived,
    ...(ccEmail !== null ? { cc_email: ccEmail } : {}),
  };
}

export interface LeadHit {
  id: string;
  title: string;
  ownerId: number;
  personId: number | null;
  personName: string | null;
  phones: unknown;
  emails: unknown;
  orgId: number | null;
  orgName: string | null;
  valueAmount: string | null;
  valueCurrency: string | null;
  visibleTo: number;
  isArchived: boolean;
  wasSeen: boolean;
  customFieldHits: unknown;
  noteHits: unknown;
}

export function presentLead(r: LeadHit, includeWasSeen: boolean) {
  return {
    id: r.id,
    type: 'lead' as const,
    title: r.title,
    owner: { id: r.ownerId },
    person: ref(r.personId, r.personName),
    organization: ref(r.orgId, r.orgName),
    phones: channelValues(r.phones),
    emails: channelValues(r.emails),
    custom_fields: strings(r.customFieldHits),
    notes: strings(r.noteHits),
    value: num(r.valueAmount),
    currency: r.valueCurrency,
    visible_to: r.visibleTo,
    is_archived: r.isArchived,
    ...(includeWasSeen ? { was_seen: r.wasSeen } : {}),
  };
}

export type PersonItem = ReturnType<typeof presentPerson>;
export type OrganizationItem = ReturnType<typeof presentOrganization>;
export type DealItem = ReturnType<typeof presentDeal>;
export type LeadItem = ReturnType<typeof presentLead>;
export type SearchItem = PersonItem | OrganizationItem | DealItem | LeadItem;
