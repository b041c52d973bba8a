import type { z } from 'zod';
import type { Notification } from './schema.ts';
import type { ListedNotification } from './service.ts';

const named = (id: number | null, name: string | null) => (id === null ? null : { id, name });

export function presentNotification(r: ListedNotification): z.input<typeof Notification> {
  return {
    id: r.id,
    kind: r.kind,
    is_read: r.isRead,
    add_time: r.addTime.toISOString(),
    actor: named(r.actorUserId, r.actorName),
    lead_id: r.leadId ?? r.note?.leadId ?? null,
    deal_id: r.dealId ?? r.note?.dealId ?? null,
    person_id: r.note?.personId ?? null,
    org_id: r.note?.orgId ?? null,
    note_id: r.noteId,
    comment_id: r.commentId,
    web_form: named(r.webFormId, r.webFormName),
    chatbot: named(r.chatbotId, r.chatbotName),
    subject: r.subject,
  };
}
