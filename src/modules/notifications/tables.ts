import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref } from '../../db/columns.ts';

export const NOTIFICATION_KINDS = ['mention', 'web_form_submission', 'chatbot_lead'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a user is told: a mention in a note or comment, a lead or deal made by a web form's
 * submission or by a chatbot conversation (finished or abandoned). A notification keeps what it told:
 * the ids it points at are not re-pointed by conversions or merges (references.test.ts lists it), and
 * `subject` is the contact's name as it was then.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    companyId: companyId(),
    userId: ref('user_id').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    noteId: ref('note_id'),
    commentId: uuid('comment_id'),
    actorUserId: ref('actor_user_id'),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    webFormId: ref('web_form_id'),
    chatbotId: ref('chatbot_id'),
    /** the person's (else the organization's) name when the lead or deal was made */
    subject: text('subject'),
    isRead: boolean('is_read').notNull().default(false),
    addTime: addTime(),
  },
  (t) => [
    index('notifications_user_idx').on(t.companyId, t.userId, t.isRead, t.addTime),
    // the panel's page: one user's, newest first
    index('notifications_user_time_idx').on(t.companyId, t.userId, t.addTime.desc(), t.id.desc()),
  ],
);
