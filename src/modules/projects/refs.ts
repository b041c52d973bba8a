import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { projects, projectTasks } from './tables.ts';

/** What other modules may ask of projects: whether a referenced project (live) or task exists. */
export async function assertProjectExists(ctx: Ctx, id: number, field = 'project_id'): Promise<void> {
  const [row] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(scoped(ctx, projects), eq(projects.id, id)));
  if (!row) throw new AppError('not_found', 'Project not found', field);
}

export async function assertTaskExists(ctx: Ctx, id: number, field = 'task_id'): Promise<void> {
  const [row] = await ctx.db
    .select({ id: projectTasks.id })
    .from(projectTasks)
    .where(and(scoped(ctx, projectTasks), eq(projectTasks.id, id)));
  if (!row) throw new AppError('not_found', 'Task not found', field);
}
