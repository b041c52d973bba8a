import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, updateTime } from '../../db/columns.ts';

export const notes = pgTable(
  'notes',
  {
    id: id(),
    companyId: companyId(),
    userId: ref('user_id').notNull(),
    /** sanitised HTML */
    content: text('content').notNull(),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    personId: ref('person_id'),
    orgId: ref('org_id'),
    projectId: ref('project_id'),
    taskId: ref('task_id'),
    pinnedToLeadFlag: boolean('pinned_to_lead_flag').notNull().default(false),
    pinnedToDealFlag: boolean('pinned_to_deal_flag').notNull().default(false),
    pinnedToPersonFlag: boolean('pinned_to_person_flag').notNull().default(false),
    pinnedToOrganizationFlag: boolean('pinned_to_organization_flag').notNull().default(false),
    pinnedToProjectFlag: boolean('pinned_to_project_flag').notNull().default(false),
    pinnedToTaskFlag: boolean('pinned_to_task_flag').notNull().default(false),
    lastUpdateUserId: ref('last_update_user_id'),
    activeFlag: boolean('active_flag').notNull().default(true),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('notes_company_idx').on(t.companyId, t.addTime, t.id),
    index('notes_lead_idx').on(t.companyId, t.leadId).where(sql`${t.leadId} IS NOT NULL`),
    index('notes_deal_idx').on(t.companyId, t.dealId).where(sql`${t.dealId} IS NOT NULL`),
    index('notes_person_idx').on(t.companyId, t.personId).where(sql`${t.personId} IS NOT NULL`),
    index('notes_org_idx').on(t.companyId, t.orgId).where(sql`${t.orgId} IS NOT NULL`),
    index('notes_update_idx').on(t.companyId, t.updateTime),
  ],
);

export const noteComments = pgTable(
  'note_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    noteId: bigint('note_id', { mode: 'number' })
      .notNull()
      .references(() => notes.id),
    userId: ref('user_id').notNull(),
    updaterId: ref('updater_id'),
    content: text('content').notNull(),
    activeFlag: boolean('active_flag').notNull().default(true),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('note_comments_note_idx').on(t.companyId, t.noteId, t.addTime)],
);

/** A user @mentioned in a note or a comment: stored as data, not only as text. */
export const mentions = pgTable(
  'mentions',
  {
    id: id(),
    companyId: companyId(),
    noteId: bigint('note_id', { mode: 'number' })
      .notNull()
      .references(() => notes.id),
    commentId: uuid('comment_id'),
    mentionedUserId: ref('mentioned_user_id').notNull(),
    byUserId: ref('by_user_id').notNull(),
    addTime: addTime(),
  },
  (t) => [
    index('mentions_note_idx').on(t.companyId, t.noteId),
    index('mentions_user_idx').on(t.companyId, t.mentionedUserId),
  ],
);
