import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';

export const activityTypes = pgTable(
  'activity_types',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    keyString: text('key_string').notNull(),
    iconKey: text('icon_key').notNull(),
    color: text('color'),
    orderNr: integer('order_nr').notNull().default(0),
    activeFlag: boolean('active_flag').notNull().default(true),
    isCustomFlag: boolean('is_custom_flag').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [uniqueIndex('activity_types_key_uq').on(t.companyId, t.keyString)],
);

export interface ActivityParticipant {
  person_id: number;
  primary: boolean;
}

export interface ActivityAttendee {
  email: string | null;
  name: string | null;
  status: string | null;
  is_organizer: boolean;
  person_id: number | null;
  user_id: number | null;
}

export const activities = pgTable(
  'activities',
  {
    id: id(),
    companyId: companyId(),
    subject: text('subject').notNull(),
    type: text('type').notNull(),
    ownerId: ref('owner_id').notNull(),
    creatorUserId: ref('creator_user_id').notNull(),
    dealId: ref('deal_id'),
    leadId: uuid('lead_id'),
    personId: ref('person_id'),
    orgId: ref('org_id'),
    projectId: ref('project_id'),
    dueDate: date('due_date', { mode: 'string' }),
    /** HH:MM, UTC */
    dueTime: text('due_time'),
    /** HH:MM */
    duration: text('duration'),
    busy: boolean('busy').notNull().default(false),
    done: boolean('done').notNull().default(false),
    markedAsDoneTime: tstz('marked_as_done_time'),
    location: jsonb('location').$type<Record<string, string | null> | null>(),
    participants: jsonb('participants').$type<ActivityParticipant[]>().notNull().default([]),
    attendees: jsonb('attendees').$type<ActivityAttendee[]>().notNull().default([]),
    conferenceMeetingClient: text('conference_meeting_client'),
    conferenceMeetingUrl: text('conference_meeting_url'),
    conferenceMeetingId: text('conference_meeting_id'),
    publicDescription: text('public_description'),
    priority: integer('priority'),
    outcome: integer('outcome'),
    note: text('note'),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('activities_company_idx').on(t.companyId, t.id),
    index('activities_deal_idx')
      .on(t.companyId, t.dealId, t.done, t.dueDate)
      .where(sql`${t.dealId} IS NOT NULL`),
    index('activities_lead_idx')
      .on(t.companyId, t.leadId, t.done, t.dueDate)
      .where(sql`${t.leadId} IS NOT NULL`),
    index('activities_person_idx').on(t.companyId, t.personId).where(sql`${t.personId} IS NOT NULL`),
    index('activities_org_idx').on(t.companyId, t.orgId).where(sql`${t.orgId} IS NOT NULL`),
    index('activities_owner_idx').on(t.companyId, t.ownerId, t.dueDate),
    index('activities_update_idx').on(t.companyId, t.updateTime),
    index('activities_add_idx').on(t.companyId, t.addTime, t.id),
    index('activities_due_idx').on(t.companyId, sql`coalesce(${t.dueDate}, 'infinity'::date)`, t.id),
  ],
);
