import { and, asc, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { prepareContent, syncMentions } from './mentions.ts';
import { getNote } from './notes.ts';
import type { CommentRow, NoteRow } from './present.ts';
import type { CommentInput } from './schema.ts';
import { noteComments } from './tables.ts';

/**
 * Comments on notes (spec §11). They live as long as their note and are seen by whoever sees it.
 * Only their author or an admin may change or delete them.
 */

/** Pipedrive has no comments on lead notes (behaviour §6.2): a note linked to nothing but a lead. */
function isLeadOnly(n: NoteRow): boolean {
  return (
    n.leadId !== null &&
    n.dealId === null &&
    n.personId === null &&
    n.orgId === null &&
    n.projectId === null &&
    n.taskId === null
  );
}

export async function listComments(
  ctx: Ctx,
  noteId: number,
  page: { start: number; limit: number },
): Promise<{ rows: CommentRow[]; more: boolean }> {
  await getNote(ctx, noteId);
  const rows = await ctx.db
    .select()
    .from(noteComments)
    .where(
      and(
        eq(noteComments.companyId, ctx.companyId),
        eq(noteComments.noteId, noteId),
        eq(noteComments.activeFlag, true),
      ),
    )
    .orderBy(asc(noteComments.addTime), asc(noteComments.id))
    .limit(page.limit + 1)
    .offset(page.start);
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

export async function getComment(ctx: Ctx, noteId: number, commentId: string): Promise<CommentRow> {
  await getNote(ctx, noteId);
  const [row] = await ctx.db
    .select()
    .from(noteComments)
    .where(
      and(
        eq(noteComments.companyId, ctx.companyId),
        eq(noteComments.noteId, noteId),
        eq(noteComments.id, commentId),
        eq(noteComments.activeFlag, true),
      ),
    );
  if (!row) throw notFound('Comment');
  return row;
}

export async function addComment(ctx: Ctx, noteId: number, input: CommentInput): Promise<CommentRow> {
  return inTx(ctx, async (ctx) => {
    const note = await getNote(ctx, noteId);
    if (isLeadOnly(note)) throw new AppError('bad_request', 'Comments are not available on lead notes');
    const content = await prepareContent(ctx, input.content);
    const now = new Date();
    const [row] = await ctx.db
      .insert(noteComments)
      .values({
        companyId: ctx.companyId,
        noteId,
        userId: ctx.user.id,
        content: content.html,
        addTime: now,
        updateTime: now,
      })
      .returning();
    if (!row) throw new AppError('internal', 'comment not created');
    await syncMentions(ctx, { noteId, commentId: row.id }, content.mentionedUserIds);
    await recordEvent(ctx, { itemType: 'comment', itemId: row.id, action: 'create' });
    return row;
  });
}

function assertMayChange(ctx: Ctx, c: CommentRow): void {
  if (c.userId !== ctx.user.id && !ctx.user.isAdmin) {
    throw new AppError('forbidden', 'Only the author of a comment or an admin can change it');
  }
}

export async function updateComment(
  ctx: Ctx,
  noteId: number,
  commentId: string,
  input: CommentInput,
): Promise<CommentRow> {
  return inTx(ctx, async (ctx) => {
    assertMayChange(ctx, await getComment(ctx, noteId, commentId));
    const content = await prepareContent(ctx, input.content);
    const [row] = await ctx.db
      .update(noteComments)
      .set({ content: content.html, updaterId: ctx.user.id, updateTime: new Date() })
      .where(and(eq(noteComments.companyId, ctx.companyId), eq(noteComments.id, commentId)))
      .returning();
    if (!row) throw notFound('Comment');
    await syncMentions(ctx, { noteId, commentId }, content.mentionedUserIds);
    await recordEvent(ctx, { itemType: 'comment', itemId: commentId, action: 'change' });
    return row;
  });
}

export async function deleteComment(ctx: Ctx, noteId: number, commentId: string): Promise<void> {
  return inTx(ctx, async (ctx) => {
    assertMayChange(ctx, await getComment(ctx, noteId, commentId));
    await ctx.db
      .update(noteComments)
      .set({ activeFlag: false, updaterId: ctx.user.id, updateTime: new Date() })
      .where(and(eq(noteComments.companyId, ctx.companyId), eq(noteComments.id, commentId)));
    await recordEvent(ctx, { itemType: 'comment', itemId: commentId, action: 'delete' });
  });
}
