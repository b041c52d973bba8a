import { rfc3339, sqlTime } from '../../http/formats.ts';
import { LOCATION_KEYS } from './schema.ts';
import type { activities, activityTypes } from './tables.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityTypeRow = typeof activityTypes.$inferSelect;

/** v1 activity type; times as "YYYY-MM-DD HH:MM:SS" (UTC). */
export function presentActivityType(t: ActivityTypeRow) {
  return {
    id: t.id,
    name: t.name,
    icon_key: t.iconKey,
    color: t.color,
    order_nr: t.orderNr,
    key_string: t.keyString,
    active_flag: t.activeFlag,
    is_custom_flag: t.isCustomFlag,
    add_time: sqlTime(t.addTime) as string,
    update_time: sqlTime(t.updateTime) as string,
  };
}

function presentLocation(l: Record<string, string | null> | null) {
  if (!l) return null;
  return Object.fromEntries(LOCATION_KEYS.map((k) => [k, l[k] ?? null])) as Record<
    (typeof LOCATION_KEYS)[number],
    string | null
  >;
}

/** A v2 activity (spec §10): every key, always. */
export function presentActivity(a: ActivityRow) {
  return {
    id: a.id,
    subject: a.subject,
    type: a.type,
    owner_id: a.ownerId,
    creator_user_id: a.creatorUserId,
    is_deleted: a.isDeleted,
    add_time: rfc3339(a.addTime) as string,
    update_time: rfc3339(a.updateTime) as string,
    deal_id: a.dealId,
    lead_id: a.leadId,
    person_id: a.personId,
    org_id: a.orgId,
    project_id: a.projectId,
    due_date: a.dueDate,
    due_time: a.dueTime,
    duration: a.duration,
    busy: a.busy,
    done: a.done,
    marked_as_done_time: rfc3339(a.markedAsDoneTime),
    location: presentLocation(a.location ?? null),
    participants: a.participants.map((p) => ({ person_id: p.person_id, primary: p.primary })),
    attendees: a.attendees.map((p) => ({
      email: p.email ?? null,
      name: p.name ?? null,
      status: p.status ?? null,
      is_organizer: p.is_organizer ?? false,
      person_id: p.person_id ?? null,
      user_id: p.user_id ?? null,
    })),
    conference_meeting_client: a.conferenceMeetingClient,
    conference_meeting_url: a.conferenceMeetingUrl,
    conference_meeting_id: a.conferenceMeetingId,
    public_description: a.publicDescription,
    priority: a.priority,
    outcome: a.outcome,
    note: a.note,
  };
}

export type PresentedActivity = ReturnType<typeof presentActivity>;
