import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent, recordEvents } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import type { TaskRow } from './present.ts';
import { getProject } from './projects.ts';
import type { ListTasksInput, TaskInput } from './schema.ts';
import { projectTasks } from './tables.ts';

export async function listTasks(ctx: Ctx, q: ListTasksInput) {
  const k: Keyset = { column: projectTasks.id, id: projectTasks.id, direction: 'asc', kind: 'number' };
  const limit = q.limit ?? 100;
  const parent: SQL | undefined =
    q.parent_task_id === undefined
      ? undefined
      : q.parent_task_id === 'null'
        ? isNull(projectTasks.parentTaskId)
        : eq(projectTasks.parentTaskId, q.parent_task_id);
  const rows = await ctx.db
    .select()
    .from(projectTasks)
    .where(
      and(
        scoped(ctx, projectTasks),
        q.project_id === undefined ? undefined : eq(projectTasks.projectId, q.project_id),
        q.is_done === undefined ? undefined : eq(projectTasks.isDone, q.is_done),
        q.is_milestone === undefined ? undefined : eq(projectTasks.isMilestone, q.is_milestone),
        q.assignee_id === undefined
          ? undefined
          : sql`${q.assignee_id}::bigint = ANY(${projectTasks.assigneeIds})`,
        parent,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
}

export async function getTask(ctx: Ctx, id: number, field?: string): Promise<TaskRow> {
  const [row] = await ctx.db
    .select()
    .from(projectTasks)
    .where(and(scoped(ctx, projectTasks), eq(projectTasks.id, id)));
  if (!row) throw new AppError('not_found', 'Task not found', field);
  return row;
}

/** `assignee_id` overwrites `assignee_ids` (spec §5.1); the users must be the company's. */
async function assignees(ctx: Ctx, input: TaskInput): Promise<number[] | undefined> {
  let ids: number[] | undefined;
  if (input.assignee_id !== undefined) ids = input.assignee_id === null ? [] : [input.assignee_id];
  else if (input.assignee_ids !== undefined) ids = [...new Set(input.assignee_ids)];
  if (ids) await assertUsersExist(ctx, ids, input.assignee_id !== undefined ? 'assignee_id' : 'assignee_ids');
  return ids;
}

/** A parent must be a root task of the same project (one level of subtasks), and not the task itself. */
async function assertParent(ctx: Ctx, parentId: number, projectId: number, selfId?: number) {
  const parent = await getTask(ctx, parentId, 'parent_task_id');
  const bad = (why: string) =>
    new AppError('validation_failed', `Validation failed: parent_task_id: ${why}`, 'parent_task_id');
  if (parent.id === selfId) throw bad('a task cannot be its own parent');
  if (parent.projectId !== projectId) throw bad('not a task of the same project');
  if (parent.parentTaskId !== null) throw bad('a subtask cannot have subtasks');
}

export async function addTask(
  ctx: Ctx,
  input: TaskInput & { title: string; project_id: number },
): Promise<TaskRow> {
  return inTx(ctx, async (ctx) => {
    await getProject(ctx, input.project_id, 'project_id');
    if (input.parent_task_id != null) await assertParent(ctx, input.parent_task_id, input.project_id);
    const ids = (await assignees(ctx, input)) ?? [];
    const [row] = await ctx.db
      .insert(projectTasks)
      .values({
        companyId: ctx.companyId,
        projectId: input.project_id,
        parentTaskId: input.parent_task_id ?? null,
        title: input.title,
        description: input.description ?? null,
        creatorId: ctx.user.id,
        assigneeIds: ids,
        isDone: input.done ?? false,
        isMilestone: input.milestone ?? false,
        dueDate: input.due_date ?? null,
        startDate: input.start_date ?? null,
        priority: input.priority ?? null,
        markedAsDoneTime: input.done ? new Date() : null,
      })
      .returning();
    if (!row) throw new AppError('internal', 'task not created');
    await recordEvent(ctx, { itemType: 'project_task', itemId: row.id, action: 'create' });
    return row;
  });
}

export async function updateTask(ctx: Ctx, id: number, input: TaskInput): Promise<TaskRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getTask(ctx, id);
    const projectId = input.project_id ?? before.projectId;
    if (projectId !== before.projectId) {
      await getProject(ctx, projectId, 'project_id');
      const [child] = await ctx.db
        .select({ id: projectTasks.id })
        .from(projectTasks)
        .where(and(scoped(ctx, projectTasks), eq(projectTasks.parentTaskId, id)))
        .limit(1);
      if (child) {
        throw new AppError('conflict', 'A task with subtasks cannot move to another project', 'project_id');
      }
    }
    const parentId = input.parent_task_id === undefined ? before.parentTaskId : input.parent_task_id;
    if (parentId !== null && (parentId !== before.parentTaskId || projectId !== before.projectId)) {
      await assertParent(ctx, parentId, projectId, id);
    }
    const ids = (await assignees(ctx, input)) ?? before.assigneeIds;
    const isDone = input.done ?? before.isDone;
    const now = new Date();
    const [row] = await ctx.db
      .update(projectTasks)
      .set({
        projectId,
        parentTaskId: parentId,
        title: input.title ?? before.title,
        description: input.description === undefined ? before.description : input.description,
        assigneeIds: ids,
        isDone,
        isMilestone: input.milestone ?? before.isMilestone,
        dueDate: input.due_date === undefined ? before.dueDate : input.due_date,
        startDate: input.start_date === undefined ? before.startDate : input.start_date,
        priority: input.priority === undefined ? before.priority : input.priority,
        markedAsDoneTime: isDone === before.isDone ? before.markedAsDoneTime : isDone ? now : null,
        updateTime: now,
      })
      .where(and(scoped(ctx, projectTasks), eq(projectTasks.id, id)))
      .returning();
    if (!row) throw notFound('Task');
    await recordEvent(ctx, { itemType: 'project_task', itemId: id, action: 'change' });
    return row;
  });
}

/** Deletes the task and its subtasks. */
export async function deleteTask(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getTask(ctx, id);
    const gone = await ctx.db
      .delete(projectTasks)
      .where(and(scoped(ctx, projectTasks), or(eq(projectTasks.id, id), eq(projectTasks.parentTaskId, id))))
      .returning({ id: projectTasks.id });
    await recordEvents(
      ctx,
      gone.map((t) => ({ itemType: 'project_task' as const, itemId: t.id, action: 'delete' as const })),
    );
  });
}
