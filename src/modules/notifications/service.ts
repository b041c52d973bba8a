import { type AnyColumn, and, eq, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { chatbots } from '../chatbots/tables.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { inTx } from '../context.ts';
import { notes } from '../notes/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { webForms } from '../web-forms/tables.ts';
import { type NotificationKind, notifications } from './tables.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** A user told of a mention in a note (commentId null) or a comment, by `actorUserId`. */
export interface MentionNotice {
  userId: number;
  noteId: number;
  commentId: string | null;
  actorUserId: number;
}

/** Tells each user of their mention, in the caller's transaction. */
export async function notifyOfMentions(ctx: TxCtx, notices: readonly MentionNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await ctx.db
    .insert(notifications)
    .values(notices.map((n) => ({ companyId: ctx.companyId, kind: 'mention' as const, ...n })));
}

/** A lead or deal made for `userId` by a web form's submission or a chatbot conversation. */
export interface NewItemNotice {
  userId: number;
  kind: Exclude<NotificationKind, 'mention'>;
  leadId: string | null;
  dealId: number | null;
  webFormId?: number;
  chatbotId?: number;
  subject: string | null;
}

const newItemValues = (ctx: Pick<Ctx, 'companyId'>, n: NewItemNotice) => ({
  companyId: ctx.companyId,
  userId: n.userId,
  kind: n.kind,
  leadId: n.leadId,
  dealId: n.dealId,
  webFormId: n.webFormId ?? null,
  chatbotId: n.chatbotId ?? null,
  subject: n.subject,
});

/** Tells the owner of a new lead or deal, in the transaction that made it. */
export async function notifyOfNewItem(ctx: TxCtx, notice: NewItemNotice): Promise<void> {
  await ctx.db.insert(notifications).values(newItemValues(ctx, notice));
}

/**
 * The same notice as a common table expression, for a use case that writes its rows in one statement
 * (a web form's submission): `db.with(…, notice).select()…` sends it with the rest.
 */
export function newItemNoticeFrom(ctx: TxCtx, alias: string, notice: NewItemNotice) {
  return ctx.db
    .$with(alias)
    .as(ctx.db.insert(notifications).values(newItemValues(ctx, notice)).returning({ id: notifications.id }));
}

/** The caller's own notifications: never anyone else's, whoever the caller is. */
const own = (ctx: Ctx) =>
  and(eq(notifications.companyId, ctx.companyId), eq(notifications.userId, ctx.user.id));

const KEYSET: Keyset = {
  column: notifications.addTime,
  id: notifications.id,
  direction: 'desc',
  kind: 'date',
};

export interface ListedNotification extends NotificationRow {
  actorName: string | null;
  webFormName: string | null;
  chatbotName: string | null;
  /** for a mention: what the note hangs on */
  note: {
    leadId: string | null;
    dealId: number | null;
    personId: number | null;
    orgId: number | null;
  } | null;
}

/** Names by id from a query, or none when there is nothing to look up. */
async function namesById(query: PromiseLike<{ id: number; name: string }[]> | undefined) {
  return new Map((query ? await query : []).map((r) => [r.id, r.name]));
}

const idsOf = (rows: NotificationRow[], pick: (r: NotificationRow) => number | null) => [
  ...new Set(rows.map(pick).filter((x): x is number => x !== null)),
];

const anyOf = (column: AnyColumn, ids: number[]) => sql`${column} = ANY(${sql.param(ids)}::bigint[])`;

/** One page of the caller's notifications, newest first, and how many are unread. */
export async function listNotifications(
  ctx: Ctx,
  q: { cursor?: string | undefined; limit?: number | undefined; unreadOnly?: boolean | undefined } = {},
): Promise<{ rows: ListedNotification[]; nextCursor: string | null; unreadCount: number }> {
  const limit = q.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        own(ctx),
        q.unreadOnly ? eq(notifications.isRead, false) : undefined,
        keysetAfter(KEYSET, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(KEYSET))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.addTime, id: r.id }));
  const p = page.rows;
  const actorIds = idsOf(p, (r) => r.actorUserId);
  const formIds = idsOf(p, (r) => r.webFormId);
  const botIds = idsOf(p, (r) => r.chatbotId);
  const noteIds = idsOf(p, (r) => r.noteId);
  // one after the other: the embedded database has one connection
  const actors = await namesById(
    actorIds.length
      ? ctx.db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.companyId, ctx.companyId), anyOf(users.id, actorIds)))
      : undefined,
  );
  const forms = await namesById(
    formIds.length
      ? ctx.db
          .select({ id: webForms.id, name: webForms.name })
          .from(webForms)
          .where(and(scoped(ctx, webForms, { deleted: 'too' }), anyOf(webForms.id, formIds)))
      : undefined,
  );
  const bots = await namesById(
    botIds.length
      ? ctx.db
          .select({ id: chatbots.id, name: chatbots.name })
          .from(chatbots)
          .where(and(scoped(ctx, chatbots, { deleted: 'too' }), anyOf(chatbots.id, botIds)))
      : undefined,
  );
  const noteRows = noteIds.length
    ? await ctx.db
        .select({
          id: notes.id,
          leadId: notes.leadId,
          dealId: notes.dealId,
          personId: notes.personId,
          orgId: notes.orgId,
        })
        .from(notes)
        .where(and(eq(notes.companyId, ctx.companyId), anyOf(notes.id, noteIds)))
    : [];
  const unread = await unreadCount(ctx);
  const noteById = new Map(noteRows.map((n) => [n.id, n]));
  return {
    rows: p.map((r) => {
      const n = r.noteId === null ? undefined : noteById.get(r.noteId);
      return {
        ...r,
        actorName: r.actorUserId === null ? null : (actors.get(r.actorUserId) ?? null),
        webFormName: r.webFormId === null ? null : (forms.get(r.webFormId) ?? null),
        chatbotName: r.chatbotId === null ? null : (bots.get(r.chatbotId) ?? null),
        note: n ? { leadId: n.leadId, dealId: n.dealId, personId: n.personId, orgId: n.orgId } : null,
      };
    }),
    nextCursor: page.nextCursor,
    unreadCount: unread,
  };
}

/** How many of the caller's notifications are unread. */
export async function unreadCount(ctx: Ctx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(own(ctx), eq(notifications.isRead, false)));
  return row?.n ?? 0;
}

/**
 * Marks the caller's notifications read: the ones named (ids of others' notifications are left
 * alone, as unknown ones are) or all of them. Answers how many changed and how many stay unread.
 */
export async function markRead(
  ctx: Ctx,
  which: { ids: number[] } | { all: true },
): Promise<{ updated: number; unreadCount: number }> {
  return inTx(ctx, async (tx) => {
    const changed = await tx.db
      .update(notifications)
      .set({ isRead: true })
      .where(
        and(
          own(tx),
          eq(notifications.isRead, false),
          'ids' in which ? anyOf(notifications.id, which.ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return { updated: changed.length, unreadCount: await unreadCount(tx) };
  });
}
