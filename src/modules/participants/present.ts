import { sqlTime } from '../../http/formats.ts';
import type { ParticipantView, UserRow } from './service.ts';

const channels = (list: { value: string; primary: boolean; label: string }[]) =>
  list.map((c) => ({ value: c.value, primary: c.primary, label: c.label }));

function presentUser(u: UserRow) {
  const base = {
    id: u.id,
    name: u.name,
    email: u.email,
    has_pic: 0,
    pic_hash: null,
    active_flag: u.activeFlag,
  };
  return { ...base, value: u.id, data: base };
}

/** A participant in v1's shape (API-1 §6.6, API-2 §4.2). */
export function presentParticipant({ row, person, deal, addedBy }: ParticipantView) {
  const emails = channels(person.emails);
  const phones = channels(person.phones);
  return {
    id: row.id,
    person_id: {
      active_flag: !person.isDeleted,
      name: person.name,
      email: emails,
      phone: phones,
      owner_id: person.ownerId,
      company_id: person.companyId,
      value: person.id,
    },
    add_time: sqlTime(row.addTime) as string,
    active_flag: row.activeFlag,
    related_item_data: { deal_id: deal.id, title: deal.title },
    person: {
      id: person.id,
      company_id: person.companyId,
      name: person.name,
      first_name: person.firstName,
      last_name: person.lastName,
      owner_id: { id: person.ownerId, value: person.ownerId },
      org_id: person.orgId === null ? null : { value: person.orgId },
      email: emails,
      phone: phones,
      visible_to: String(person.visibleTo),
      active_flag: !person.isDeleted,
      add_time: sqlTime(person.addTime) as string,
      update_time: sqlTime(person.updateTime) as string,
      label_ids: person.labelIds,
    },
    added_by_user_id: addedBy ? presentUser(addedBy) : null,
    related_item_type: 'deal' as const,
    related_item_id: deal.id,
  };
}

/** v1 `related_objects` of a participants list: the persons and the users who added them. */
export function relatedObjects(views: ParticipantView[]) {
  const user: Record<string, ReturnType<typeof presentUser>> = {};
  const person: Record<string, { id: number; name: string; active_flag: boolean; owner_id: number }> = {};
  for (const v of views) {
    if (v.addedBy) user[String(v.addedBy.id)] = presentUser(v.addedBy);
    person[String(v.person.id)] = {
      id: v.person.id,
      name: v.person.name,
      active_flag: !v.person.isDeleted,
      owner_id: v.person.ownerId,
    };
  }
  return { user, person, organization: {} as Record<string, never> };
}
