import { num, sqlTime } from '../../http/formats.ts';
import { ADDRESS_KEYS } from '../contacts/address.ts';
import type { OrganizationRow, PersonRow } from '../contacts/present.ts';
import type { MergeInfo } from './merge-info.ts';

/**
 * The surviving record of a v1 merge in the official client's shapes (MergePersonItem,
 * MergeOrganizationsResponseData): v1 field names, `YYYY-MM-DD HH:MM:SS` times, `visible_to` as a
 * string. Counts of features Pipewright does not have yet (e-mails, files, followers, deal
 * participants) are 0.
 */
function dealCounts(i: MergeInfo) {
  return {
    open_deals_count: i.openDeals,
    related_open_deals_count: 0,
    closed_deals_count: i.closedDeals,
    related_closed_deals_count: 0,
    won_deals_count: i.wonDeals,
    related_won_deals_count: 0,
    lost_deals_count: i.lostDeals,
    related_lost_deals_count: 0,
    next_activity_date: i.nextActivity?.date ?? null,
    next_activity_time: i.nextActivity?.time ?? null,
    next_activity_id: i.nextActivity?.id ?? null,
    last_activity_id: i.lastActivity?.id ?? null,
    last_activity_date: i.lastActivity?.date ?? null,
    email_messages_count: 0,
    activities_count: i.activities,
    done_activities_count: i.doneActivities,
    undone_activities_count: i.undoneActivities,
    files_count: 0,
    notes_count: i.notes,
    followers_count: 0,
  };
}

const channels = (list: { value: string; primary: boolean; label: string }[]) =>
  list.map((c) => ({ value: c.value, primary: c.primary, label: c.label }));

export function presentMergedPerson(p: PersonRow, info: MergeInfo, mergedId: number, companyId: number) {
  return {
    id: p.id,
    company_id: companyId,
    owner_id: p.ownerId,
    org_id: p.orgId,
    name: p.name,
    first_name: p.firstName,
    last_name: p.lastName,
    ...dealCounts(info),
    participant_open_deals_count: 0,
    participant_closed_deals_count: 0,
    last_incoming_mail_time: null,
    last_outgoing_mail_time: null,
    active_flag: !p.isDeleted,
    phone: channels(p.phones),
    email: channels(p.emails),
    first_char: p.name.trim().charAt(0).toLowerCase(),
    add_time: sqlTime(p.addTime),
    update_time: sqlTime(p.updateTime),
    visible_to: String(p.visibleTo),
    picture_id: p.pictureId === null ? null : { id: p.pictureId },
    label: p.labelIds[0] ?? null,
    label_ids: p.labelIds,
    org_name: info.orgName,
    owner_name: info.ownerName,
    cc_email: null,
    merge_what_id: mergedId,
  };
}

export function presentMergedOrganization(
  o: OrganizationRow,
  info: MergeInfo,
  mergedId: number,
  companyId: number,
) {
  const address: Record<string, string | null> = {};
  for (const k of ADDRESS_KEYS) {
    if (k !== 'value') address[`address_${k}`] = o.address?.[k] ?? null;
  }
  return {
    id: o.id,
    company_id: companyId,
    owner_id: o.ownerId,
    name: o.name,
    ...dealCounts(info),
    people_count: info.people,
    active_flag: !o.isDeleted,
    first_char: o.name.trim().charAt(0).toLowerCase(),
    add_time: sqlTime(o.addTime),
    update_time: sqlTime(o.updateTime),
    visible_to: String(o.visibleTo),
    label: o.labelIds[0] ?? null,
    label_ids: o.labelIds,
    address: o.address?.value ?? null,
    ...address,
    address_formatted_address: o.address?.value ?? null,
    website: o.website,
    linkedin: o.linkedin,
    industry: o.industry,
    annual_revenue: num(o.annualRevenue),
    employee_count: o.employeeCount,
    owner_name: info.ownerName,
    cc_email: null,
    merge_what_id: mergedId,
  };
}

export type MergedPersonV1 = ReturnType<typeof presentMergedPerson>;
export type MergedOrganizationV1 = ReturnType<typeof presentMergedOrganization>;
