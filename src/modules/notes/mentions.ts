import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx, TxCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { notifyOfMentions } from '../notifications/service.ts';
import { users } from '../users/tables.ts';
import { sanitizeNoteHtml } from './sanitize.ts';
import { mentions } from './tables.ts';

export interface PreparedContent {
  /** sanitised HTML, as stored */
  html: string;
  /** active users of the company mentioned in it */
  mentionedUserIds: number[];
}

async function activeUserIds(ctx: Ctx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.companyId, ctx.companyId),
        eq(users.activeFlag, true),
        sql`${users.id} = ANY(${sql.param(ids)}::bigint[])`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Sanitises the HTML of a note or comment and resolves its @mentions: mentions of anyone but an
 * active user of the caller's company are turned into plain text. Empty content is a 400.
 */
export async function prepareContent(ctx: Ctx, raw: string): Promise<PreparedContent> {
  const first = sanitizeNoteHtml(raw);
  if (first.isEmpty) throw invalid('content', 'must not be empty (after removing unsafe HTML)');
  const active = await activeUserIds(ctx, first.mentionedUserIds);
  if (active.size === first.mentionedUserIds.length) {
    return { html: first.html, mentionedUserIds: first.mentionedUserIds };
  }
  const kept = sanitizeNoteHtml(first.html, (id) => active.has(id));
  return { html: kept.html, mentionedUserIds: kept.mentionedUserIds };
}

/**
 * Makes the stored mentions of a note (commentId null) or of one comment match `userIds`: new ones
 * get a row and a notification (none for the caller mentioning themself); removed ones are deleted
 * without a notification; unchanged ones are left alone, so re-saving notifies nobody again.
 */
export async function syncMentions(
  ctx: TxCtx,
  target: { noteId: number; commentId: string | null },
  userIds: number[],
): Promise<void> {
  const scope = and(
    eq(mentions.companyId, ctx.companyId),
    eq(mentions.noteId, target.noteId),
    target.commentId === null ? isNull(mentions.commentId) : eq(mentions.commentId, target.commentId),
  );
  const existing = await ctx.db
    .select({ id: mentions.id, userId: mentions.mentionedUserId })
    .from(mentions)
    .where(scope);
  const wanted = new Set(userIds);
  const had = new Set(existing.map((m) => m.userId));
  const removed = existing.filter((m) => !wanted.has(m.userId)).map((m) => m.id);
  const added = [...wanted].filter((id) => !had.has(id));

  if (removed.length > 0) {
    await ctx.db
      .delete(mentions)
      .where(and(scope, sql`${mentions.id} = ANY(${sql.param(removed)}::bigint[])`));
  }
  if (added.length === 0) return;
  const by = ctx.user.id;
  await ctx.db.insert(mentions).values(
    added.map((userId) => ({
      companyId: ctx.companyId,
      noteId: target.noteId,
      commentId: target.commentId,
      mentionedUserId: userId,
      byUserId: by,
    })),
  );
  await notifyOfMentions(
    ctx,
    added
      .filter((userId) => userId !== by)
      .map((userId) => ({ userId, noteId: target.noteId, commentId: target.commentId, actorUserId: by })),
  );
}

/** Mentioned user ids of a note (commentId null) or of one of its comments. */
export async function mentionedUserIds(
  ctx: Ctx,
  target: { noteId: number; commentId: string | null },
): Promise<number[]> {
  const rows = await ctx.db
    .select({ userId: mentions.mentionedUserId })
    .from(mentions)
    .where(
      and(
        eq(mentions.companyId, ctx.companyId),
        eq(mentions.noteId, target.noteId),
        target.commentId === null ? isNull(mentions.commentId) : eq(mentions.commentId, target.commentId),
      ),
    )
    .orderBy(mentions.id);
  return rows.map((r) => r.userId);
}
