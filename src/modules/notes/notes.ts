import { and, asc, type Column, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound } from '../errors.ts';
import { findLeadRef } from '../leads/refs.ts';
import { leads } from '../leads/tables.ts';
import { assertProjectExists, assertTaskExists } from '../projects/refs.ts';
import { liveRows, visibleRows } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { prepareContent, syncMentions } from './mentions.ts';
import type { NoteRow } from './present.ts';
import type { AddNoteInput, ListNotesInput, NoteSortField, UpdateNoteInput } from './schema.ts';
import { noteComments, notes } from './tables.ts';

/**
 * A note is visible to admins, to its author, and to whoever can see at least one of the lead, deal,
 * person or organization it is attached to (their visibility rule, whether or not they are deleted).
 * Whoever can see a note may edit and delete it; only admins may give it another author.
 */
export function noteVisible(ctx: Ctx): SQL | undefined {
  if (ctx.user.isAdmin) return undefined;
  const linked = (table: typeof leads | typeof deals | typeof persons | typeof organizations, link: Column) =>
    sql`(${link} IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} WHERE ${table.companyId} = ${notes.companyId} AND ${table.id} = ${link} AND ${liveRows(table, 'too')} AND ${visibleRows(ctx, table)}))`;
  return sql`(${notes.userId} = ${ctx.user.id} OR ${linked(leads, notes.leadId)} OR ${linked(deals, notes.dealId)} OR ${linked(persons, notes.personId)} OR ${linked(organizations, notes.orgId)})`;
}

// ---------------------------------------------------------------- reading

const sortColumns: Record<NoteSortField, Column> = {
  id: notes.id,
  user_id: notes.userId,
  deal_id: notes.dealId,
  person_id: notes.personId,
  org_id: notes.orgId,
  content: notes.content,
  add_time: notes.addTime,
  update_time: notes.updateTime,
};

const nextDay = (ymd: string) => new Date(new Date(`${ymd}T00:00:00Z`).getTime() + 86_400_000);

/**
 * GET /notes. Default order: newest first, `add_time DESC, id DESC` (index notes_company_idx); a
 * `sort` expression is followed by `id` so that pages are stable.
 */
export async function listNotes(
  ctx: Ctx,
  q: ListNotesInput,
  page: { start: number; limit: number },
): Promise<{ rows: NoteRow[]; more: boolean }> {
  const flag = (col: Column, v: boolean | undefined) => (v === undefined ? undefined : eq(col, v));
  const keys = q.sort ?? [{ field: 'add_time', direction: 'desc' }];
  const order = keys.map((k) => (k.direction === 'asc' ? asc : desc)(sortColumns[k.field]));
  if (!keys.some((k) => k.field === 'id')) order.push((keys[0]?.direction === 'asc' ? asc : desc)(notes.id));
  const rows = await ctx.db
    .select()
    .from(notes)
    .where(
      and(
        eq(notes.companyId, ctx.companyId),
        eq(notes.activeFlag, true),
        q.user_id !== undefined ? eq(notes.userId, q.user_id) : undefined,
        q.lead_id !== undefined ? eq(notes.leadId, q.lead_id) : undefined,
        q.deal_id !== undefined ? eq(notes.dealId, q.deal_id) : undefined,
        q.person_id !== undefined ? eq(notes.personId, q.person_id) : undefined,
        q.org_id !== undefined ? eq(notes.orgId, q.org_id) : undefined,
        q.project_id !== undefined ? eq(notes.projectId, q.project_id) : undefined,
        q.task_id !== undefined ? eq(notes.taskId, q.task_id) : undefined,
        q.start_date !== undefined ? gte(notes.addTime, new Date(`${q.start_date}T00:00:00Z`)) : undefined,
        q.end_date !== undefined ? lt(notes.addTime, nextDay(q.end_date)) : undefined,
        q.updated_since !== undefined ? gte(notes.updateTime, q.updated_since) : undefined,
        flag(notes.pinnedToLeadFlag, q.pinned_to_lead_flag),
        flag(notes.pinnedToDealFlag, q.pinned_to_deal_flag),
        flag(notes.pinnedToOrganizationFlag, q.pinned_to_organization_flag),
        flag(notes.pinnedToPersonFlag, q.pinned_to_person_flag),
        flag(notes.pinnedToProjectFlag, q.pinned_to_project_flag),
        flag(notes.pinnedToTaskFlag, q.pinned_to_task_flag),
        noteVisible(ctx),
      ),
    )
    .orderBy(...order)
    .limit(page.limit + 1)
    .offset(page.start);
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** A live note the caller can see; 404 otherwise (deleted, another company's, not visible). */
export async function getNote(ctx: Ctx, id: number): Promise<NoteRow> {
  const [row] = await ctx.db
    .select()
    .from(notes)
    .where(
      and(eq(notes.companyId, ctx.companyId), eq(notes.id, id), eq(notes.activeFlag, true), noteVisible(ctx)),
    );
  if (!row) throw notFound('Note');
  return row;
}

// ---------------------------------------------------------------- writing

type Links = Pick<NoteRow, 'leadId' | 'dealId' | 'personId' | 'orgId' | 'projectId' | 'taskId'>;

/** Checks the links that a request sets (and that differ from `before`): each must exist and be visible. */
async function assertLinks(ctx: Ctx, next: Links, before?: Links): Promise<void> {
  const changed = <K extends keyof Links>(k: K) => next[k] !== null && next[k] !== before?.[k];
  if (changed('leadId')) await findLeadRef(ctx, next.leadId as string, 'lead_id');
  if (changed('dealId')) await findDealRef(ctx, next.dealId as number, 'deal_id');
  if (changed('personId')) await assertPersonExists(ctx, next.personId as number, 'person_id');
  if (changed('orgId')) await assertOrganizationExists(ctx, next.orgId as number, 'org_id');
  if (changed('projectId')) await assertProjectExists(ctx, next.projectId as number, 'project_id');
  if (changed('taskId')) await assertTaskExists(ctx, next.taskId as number, 'task_id');
  const linked = Object.values(next).some((v) => v !== null);
  if (!linked) {
    throw new AppError(
      'validation_failed',
      'Validation failed: a note needs at least one of lead_id, deal_id, person_id, org_id, project_id, task_id',
      'deal_id',
    );
  }
}

/** Authors: anyone may write as themself; only admins as another (active) user of the company. */
async function assertAuthor(ctx: Ctx, userId: number): Promise<void> {
  if (userId === ctx.user.id) return;
  if (!ctx.user.isAdmin)
    throw new AppError('forbidden', 'Only admins can set another author (user_id)', 'user_id');
  await assertUsersExist(ctx, [userId], 'user_id');
}

const pick = <T>(v: T | undefined, fallback: T): T => (v === undefined ? fallback : v);

export async function addNote(ctx: Ctx, input: AddNoteInput): Promise<NoteRow> {
  return inTx(ctx, async (ctx) => {
    const links: Links = {
      leadId: input.lead_id ?? null,
      dealId: input.deal_id ?? null,
      personId: input.person_id ?? null,
      orgId: input.org_id ?? null,
      projectId: input.project_id ?? null,
      taskId: input.task_id ?? null,
    };
    await assertLinks(ctx, links);
    const userId = input.user_id ?? ctx.user.id;
    await assertAuthor(ctx, userId);
    const content = await prepareContent(ctx, input.content);
    const now = new Date();
    const [row] = await ctx.db
      .insert(notes)
      .values({
        companyId: ctx.companyId,
        userId,
        content: content.html,
        ...links,
        pinnedToLeadFlag: input.pinned_to_lead_flag ?? false,
        pinnedToDealFlag: input.pinned_to_deal_flag ?? false,
        pinnedToPersonFlag: input.pinned_to_person_flag ?? false,
        pinnedToOrganizationFlag: input.pinned_to_organization_flag ?? false,
        pinnedToProjectFlag: input.pinned_to_project_flag ?? false,
        pinnedToTaskFlag: input.pinned_to_task_flag ?? false,
        addTime: input.add_time ?? now,
        updateTime: now,
      })
      .returning();
    if (!row) throw new AppError('internal', 'note not created');
    await syncMentions(ctx, { noteId: row.id, commentId: null }, content.mentionedUserIds);
    await recordEvent(ctx, { itemType: 'note', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updateNote(ctx: Ctx, id: number, input: UpdateNoteInput): Promise<NoteRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getNote(ctx, id);
    const links: Links = {
      leadId: pick(input.lead_id, before.leadId),
      dealId: pick(input.deal_id, before.dealId),
      personId: pick(input.person_id, before.personId),
      orgId: pick(input.org_id, before.orgId),
      projectId: pick(input.project_id, before.projectId),
      taskId: pick(input.task_id, before.taskId),
    };
    await assertLinks(ctx, links, before);
    if (input.user_id !== undefined && input.user_id !== before.userId)
      await assertAuthor(ctx, input.user_id);
    const content = input.content === undefined ? undefined : await prepareContent(ctx, input.content);
    const [row] = await ctx.db
      .update(notes)
      .set({
        userId: input.user_id ?? before.userId,
        content: content?.html ?? before.content,
        ...links,
        pinnedToLeadFlag: pick(input.pinned_to_lead_flag, before.pinnedToLeadFlag),
        pinnedToDealFlag: pick(input.pinned_to_deal_flag, before.pinnedToDealFlag),
        pinnedToPersonFlag: pick(input.pinned_to_person_flag, before.pinnedToPersonFlag),
        pinnedToOrganizationFlag: pick(input.pinned_to_organization_flag, before.pinnedToOrganizationFlag),
        pinnedToProjectFlag: pick(input.pinned_to_project_flag, before.pinnedToProjectFlag),
        pinnedToTaskFlag: pick(input.pinned_to_task_flag, before.pinnedToTaskFlag),
        addTime: input.add_time ?? before.addTime,
        lastUpdateUserId: ctx.user.id,
        updateTime: new Date(),
      })
      .where(and(eq(notes.companyId, ctx.companyId), eq(notes.id, id)))
      .returning();
    if (!row) throw notFound('Note');
    if (content) await syncMentions(ctx, { noteId: id, commentId: null }, content.mentionedUserIds);
    await recordEvent(ctx, { itemType: 'note', itemId: id, action: 'change' });
    return row;
  });
}

/** Soft-deletes a note and its comments; the note answers 404 afterwards. */
export async function deleteNote(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getNote(ctx, id);
    const now = new Date();
    await ctx.db
      .update(notes)
      .set({ activeFlag: false, lastUpdateUserId: ctx.user.id, updateTime: now })
      .where(and(eq(notes.companyId, ctx.companyId), eq(notes.id, id)));
    await ctx.db
      .update(noteComments)
      .set({ activeFlag: false, updaterId: ctx.user.id, updateTime: now })
      .where(
        and(
          eq(noteComments.companyId, ctx.companyId),
          eq(noteComments.noteId, id),
          eq(noteComments.activeFlag, true),
        ),
      );
    await recordEvent(ctx, { itemType: 'note', itemId: id, action: 'delete' });
  });
}
