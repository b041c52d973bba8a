import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qBool, qInt } from '../../http/query.ts';
import { NOTIFICATION_KINDS } from './tables.ts';

export const NotificationsQuery = z.object({
  limit: qInt.pipe(z.number().int().min(1).max(100)).optional(),
  cursor: z.string().min(1).max(500).optional(),
  unread_only: qBool.optional(),
});

/** Either the ids to mark read or `all: true`, not both. */
export const MarkReadBody = z
  .object({
    ids: z.array(entityId).min(1, 'name at least one id').max(500, 'at most 500 ids').optional(),
    all: z.literal(true, { error: 'expected true' }).optional(),
  })
  .strict()
  .superRefine((b, c) => {
    if ((b.ids === undefined) === (b.all === undefined)) {
      c.addIssue({ code: 'custom', path: ['ids'], message: 'give either ids or all: true' });
    }
  });
export type MarkReadBodyT = z.output<typeof MarkReadBody>;

const Named = z.object({ id: z.number().int(), name: z.string().nullable() });

export const Notification = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    is_read: z.boolean(),
    add_time: z.string(),
    /** who mentioned the user (mentions) */
    actor: Named.nullable(),
    /** the lead or deal made (web forms, chatbots), or the one the mentioning note hangs on */
    lead_id: z.string().nullable(),
    deal_id: z.number().int().nullable(),
    /** the person or organization the mentioning note hangs on */
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    note_id: z.number().int().nullable(),
    comment_id: z.string().nullable(),
    web_form: Named.nullable(),
    chatbot: Named.nullable(),
    /** the contact's name when the lead or deal was made */
    subject: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationPage = z
  .object({
    success: z.literal(true),
    data: z.array(Notification),
    additional_data: z.object({ next_cursor: z.string().nullable(), unread_count: z.number().int() }),
  })
  .meta({ id: 'NotificationPage' });

export const MarkReadResult = z
  .object({
    success: z.literal(true),
    data: z.object({ updated: z.number().int(), unread_count: z.number().int() }),
  })
  .meta({ id: 'MarkReadResult' });
