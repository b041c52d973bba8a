import { and, asc, eq } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { getBoard } from './boards.ts';
import type { TemplateRow, TemplateTaskRow } from './present.ts';
import type { AddTemplateInput } from './schema.ts';
import { projectTemplates, projectTemplateTasks } from './tables.ts';

export async function listTemplates(
  ctx: Ctx,
  q: { limit?: number | undefined; cursor?: string | undefined },
) {
  const k: Keyset = {
    column: projectTemplates.id,
    id: projectTemplates.id,
    direction: 'asc',
    kind: 'number',
  };
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(projectTemplates)
    .where(and(scoped(ctx, projectTemplates), keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
}

export async function getTemplate(ctx: Ctx, id: number, field?: string): Promise<TemplateRow> {
  const [row] = await ctx.db
    .select()
    .from(projectTemplates)
    .where(and(scoped(ctx, projectTemplates), eq(projectTemplates.id, id)));
  if (!row) throw new AppError('not_found', 'Project template not found', field);
  return row;
}

export function templateTasks(ctx: Ctx, templateId: number): Promise<TemplateTaskRow[]> {
  return ctx.db
    .select()
    .from(projectTemplateTasks)
    .where(
      and(eq(projectTemplateTasks.companyId, ctx.companyId), eq(projectTemplateTasks.templateId, templateId)),
    )
    .orderBy(asc(projectTemplateTasks.position), asc(projectTemplateTasks.id));
}

/** A template with its tasks (Pipewright's: Pipedrive's API reads templates but makes none). */
export async function addTemplate(ctx: Ctx, input: AddTemplateInput) {
  return inTx(ctx, async (ctx) => {
    if (input.projects_board_id !== undefined)
      await getBoard(ctx, input.projects_board_id, 'projects_board_id');
    const [row] = await ctx.db
      .insert(projectTemplates)
      .values({
        companyId: ctx.companyId,
        title: input.title,
        description: input.description ?? '',
        boardId: input.projects_board_id ?? null,
        ownerId: ctx.user.id,
      })
      .returning();
    if (!row) throw new AppError('internal', 'template not created');
    const tasks = input.tasks ?? [];
    const made =
      tasks.length === 0
        ? []
        : await ctx.db
            .insert(projectTemplateTasks)
            .values(
              tasks.map((t, i) => ({
                companyId: ctx.companyId,
                templateId: row.id,
                position: i,
                title: t.title,
                description: t.description ?? null,
                dueInDays: t.due_in_days ?? null,
              })),
            )
            .returning();
    await recordEvent(ctx, { itemType: 'project_template', itemId: row.id, action: 'create' });
    return { template: row, tasks: made };
  });
}

export async function deleteTemplate(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getTemplate(ctx, id);
    await ctx.db
      .update(projectTemplates)
      .set({ isDeleted: true, updateTime: new Date() })
      .where(and(scoped(ctx, projectTemplates), eq(projectTemplates.id, id)));
    await recordEvent(ctx, { itemType: 'project_template', itemId: id, action: 'delete' });
  });
}
