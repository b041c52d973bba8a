import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { errors } from '../../http/responses.ts';
import { presentNotification } from './present.ts';
import { MarkReadBody, MarkReadResult, NotificationPage, NotificationsQuery } from './schema.ts';
import { listNotifications, markRead } from './service.ts';

/** The caller's own notifications (Pipewright's own endpoints, under /api/ext). */
export async function notificationRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Notifications'];
  r.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: NotificationsQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await listNotifications(ctxOf(req), {
        cursor: q.cursor,
        limit: q.limit,
        unreadOnly: q.unread_only,
      });
      return {
        success: true as const,
        data: page.rows.map(presentNotification),
        additional_data: { next_cursor: page.nextCursor, unread_count: page.unreadCount },
      };
    },
  );
  r.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: "Mark the caller's notifications read: the ids given, or all",
        body: MarkReadBody,
        response: { 200: MarkReadResult, ...errors },
      },
    },
    async (req) => {
      const b = req.body;
      const res = await markRead(ctxOf(req), b.all ? { all: true } : { ids: b.ids ?? [] });
      return ok({ updated: res.updated, unread_count: res.unreadCount });
    },
  );
}
