import { and, asc, eq, inArray, isNotNull, isNull, max, type SQL, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { diffFields, recordEvent } from '../audit/service.ts';
import { auditEvents } from '../audit/tables.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound } from '../errors.ts';
import { systemField } from '../fields/system.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { users } from '../users/tables.ts';
import { ensureBoards, firstPhase, getBoard, getPhase } from './boards.ts';
import { PROJECT_TRACKED, type ProjectWithDeals, presentProject } from './present.ts';
import type { AddProjectInput, ListProjectsInput, UpdateProjectInput } from './schema.ts';
import { projectDeals, projects, projectTasks } from './tables.ts';
import { getTemplate, templateTasks } from './templates.ts';

const DAY = 86_400_000;

/** Attaches each project's deal ids (one query for the page). */
async function withDeals(ctx: Ctx, rows: (typeof projects.$inferSelect)[]): Promise<ProjectWithDeals[]> {
  if (rows.length === 0) return [];
  const links = await ctx.db
    .select({ projectId: projectDeals.projectId, dealId: projectDeals.dealId })
    .from(projectDeals)
    .where(
      and(
        eq(projectDeals.companyId, ctx.companyId),
        inArray(
          projectDeals.projectId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(projectDeals.dealId));
  return rows.map((r) => ({
    ...r,
    dealIds: links.filter((l) => l.projectId === r.id).map((l) => l.dealId),
  }));
}

/** Live projects by default; `deleted` in the status filter lets the deleted ones in. */
function listWhere(ctx: Ctx, q: ListProjectsInput, archived: boolean | 'any'): SQL {
  const statuses = q.status ?? [];
  const wantDeleted = statuses.includes('deleted');
  const live = statuses.filter((s) => s !== 'deleted') as ('open' | 'completed' | 'canceled')[];
  let statusCond: SQL | undefined;
  if (wantDeleted && live.length > 0) {
    statusCond = sql`(${projects.isDeleted} OR ${inArray(projects.status, live)})`;
  } else if (wantDeleted) statusCond = eq(projects.isDeleted, true);
  else if (live.length > 0) statusCond = inArray(projects.status, live);
  const dealCond =
    q.deal_id === undefined
      ? undefined
      : sql`EXISTS (SELECT 1 FROM ${projectDeals} WHERE ${projectDeals.companyId} = ${ctx.companyId}
          AND ${projectDeals.projectId} = ${projects.id} AND ${projectDeals.dealId} = ${q.deal_id})`;
  return and(
    scoped(ctx, projects, { deleted: wantDeleted ? 'too' : 'live' }),
    archived === 'any'
      ? undefined
      : archived
        ? isNotNull(projects.archiveTime)
        : isNull(projects.archiveTime),
    statusCond,
    q.phase_id === undefined ? undefined : eq(projects.phaseId, q.phase_id),
    q.person_id === undefined ? undefined : eq(projects.personId, q.person_id),
    q.org_id === undefined ? undefined : eq(projects.orgId, q.org_id),
    dealCond,
  ) as SQL;
}

/** `archived`: false (the default) live lists, true the archived ones, 'any' both (v1 include_archived). */
export async function listProjects(ctx: Ctx, q: ListProjectsInput, archived: boolean | 'any' = false) {
  if (q.filter_id !== undefined) {
    throw new AppError('not_found', 'Filter not found', 'filter_id');
  }
  const k: Keyset = { column: projects.id, id: projects.id, direction: 'asc', kind: 'number' };
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(and(listWhere(ctx, q, archived), keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  return { rows: await withDeals(ctx, page.rows), nextCursor: page.nextCursor };
}

export async function getProject(ctx: Ctx, id: number, field?: string): Promise<ProjectWithDeals> {
  const [row] = await ctx.db
    .select()
    .from(projects)
    .where(and(scoped(ctx, projects), eq(projects.id, id)));
  if (!row) throw new AppError('not_found', 'Project not found', field);
  const [withLinks] = await withDeals(ctx, [row]);
  return withLinks as ProjectWithDeals;
}

/** Every deal must be a live deal of the company that the caller sees; a lead id never is. */
async function assertDeals(ctx: Ctx, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(and(scoped(ctx, deals), inArray(deals.id, unique)));
  if (found.length !== unique.length)
    throw new AppError('not_found', 'Deal not found (deal_ids)', 'deal_ids');
  return unique.sort((a, b) => a - b);
}

function assertLabels(ids: number[]) {
  const known = new Set((systemField('project', 'labels')?.options ?? []).map((o) => Number(o.id)));
  if (ids.some((id) => !known.has(id))) {
    throw new AppError('validation_failed', 'Validation failed: label_ids: unknown label', 'label_ids');
  }
}

/** Where a project goes: the phase decides the board; a board alone its first phase; neither, the first board. */
async function placement(ctx: Ctx, boardId: number | undefined, phaseId: number | undefined) {
  if (phaseId !== undefined) {
    const phase = await getPhase(ctx, phaseId, 'phase_id');
    if (boardId !== undefined && boardId !== phase.boardId) {
      throw new AppError(
        'validation_failed',
        'Validation failed: phase_id: not a phase of board_id',
        'phase_id',
      );
    }
    return { boardId: phase.boardId, phaseId: phase.id };
  }
  const board =
    boardId !== undefined ? await getBoard(ctx, boardId, 'board_id') : (await ensureBoards(ctx))[0];
  if (!board) throw new AppError('conflict', 'The company has no project board');
  return { boardId: board.id, phaseId: (await firstPhase(ctx, board.id)).id };
}

async function endOfPhase(ctx: Ctx, phaseId: number): Promise<number> {
  const [m] = await ctx.db
    .select({ m: max(projects.position) })
    .from(projects)
    .where(and(scoped(ctx, projects), eq(projects.phaseId, phaseId)));
  return (m?.m ?? 0) + 1;
}

async function assertContacts(ctx: Ctx, input: UpdateProjectInput) {
  const person = input.person_ids?.[0];
  const org = input.org_ids?.[0];
  if (person !== undefined) await assertPersonExists(ctx, person, 'person_ids');
  if (org !== undefined) await assertOrganizationExists(ctx, org, 'org_ids');
  if (input.owner_id !== undefined) await assertUsersExist(ctx, [input.owner_id], 'owner_id');
  if (input.label_ids) assertLabels(input.label_ids);
}

async function setDeals(ctx: TxCtx, projectId: number, dealIds: number[]) {
  await ctx.db
    .delete(projectDeals)
    .where(and(eq(projectDeals.companyId, ctx.companyId), eq(projectDeals.projectId, projectId)));
  if (dealIds.length === 0) return;
  await ctx.db
    .insert(projectDeals)
    .values(dealIds.map((dealId) => ({ companyId: ctx.companyId, projectId, dealId })));
}

/** A new project; with template_id, the template's tasks come with it in the same transaction. */
export async function addProject(ctx: Ctx, input: AddProjectInput): Promise<ProjectWithDeals> {
  return inTx(ctx, async (ctx) => {
    const template =
      input.template_id === undefined ? null : await getTemplate(ctx, input.template_id, 'template_id');
    await assertContacts(ctx, input);
    const dealIds = await assertDeals(ctx, input.deal_ids ?? []);
    const place = await placement(
      ctx,
      input.board_id ?? (input.phase_id === undefined ? (template?.boardId ?? undefined) : undefined),
      input.phase_id,
    );
    const [row] = await ctx.db
      .insert(projects)
      .values({
        companyId: ctx.companyId,
        title: input.title,
        description: input.description ?? template?.description ?? '',
        status: input.status ?? 'open',
        boardId: place.boardId,
        phaseId: place.phaseId,
        position: await endOfPhase(ctx, place.phaseId),
        ownerId: input.owner_id ?? ctx.user.id,
        startDate: input.start_date ?? null,
        endDate: input.end_date ?? null,
        labelIds: input.label_ids ?? [],
        personId: input.person_ids?.[0] ?? null,
        orgId: input.org_ids?.[0] ?? null,
        healthStatus: input.health_status ?? null,
        templateId: template?.id ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal', 'project not created');
    await setDeals(ctx, row.id, dealIds);
    await recordEvent(ctx, { itemType: 'project', itemId: row.id, action: 'create' });
    if (template) await copyTemplateTasks(ctx, row.id, template.id, input.start_date ?? null);
    return { ...row, dealIds };
  });
}

async function copyTemplateTasks(ctx: TxCtx, projectId: number, templateId: number, start: string | null) {
  const tasks = await templateTasks(ctx, templateId);
  if (tasks.length === 0) return;
  const from = start
    ? Date.parse(`${start}T00:00:00Z`)
    : Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const made = await ctx.db
    .insert(projectTasks)
    .values(
      tasks.map((t) => ({
        companyId: ctx.companyId,
        projectId,
        title: t.title,
        description: t.description,
        creatorId: ctx.user.id,
        dueDate: t.dueInDays === null ? null : new Date(from + t.dueInDays * DAY).toISOString().slice(0, 10),
      })),
    )
    .returning({ id: projectTasks.id });
  for (const t of made) await recordEvent(ctx, { itemType: 'project_task', itemId: t.id, action: 'create' });
}

export async function updateProject(
  ctx: Ctx,
  id: number,
  input: UpdateProjectInput,
): Promise<ProjectWithDeals> {
  return inTx(ctx, async (ctx) => {
    const before = await getProject(ctx, id);
    await assertContacts(ctx, input);
    const dealIds = input.deal_ids === undefined ? before.dealIds : await assertDeals(ctx, input.deal_ids);
    const moving =
      input.phase_id !== undefined || (input.board_id !== undefined && input.board_id !== before.boardId);
    const place = moving
      ? await placement(ctx, input.board_id, input.phase_id)
      : { boardId: before.boardId, phaseId: before.phaseId };
    const status = input.status ?? before.status;
    const now = new Date();
    const [row] = await ctx.db
      .update(projects)
      .set({
        title: input.title ?? before.title,
        description: input.description ?? before.description,
        status,
        statusChangeTime: status === before.status ? before.statusChangeTime : now,
        boardId: place.boardId,
        phaseId: place.phaseId,
        position:
          input.position ??
          (place.phaseId === before.phaseId ? before.position : await endOfPhase(ctx, place.phaseId)),
        ownerId: input.owner_id ?? before.ownerId,
        startDate: input.start_date === undefined ? before.startDate : input.start_date,
        endDate: input.end_date === undefined ? before.endDate : input.end_date,
        labelIds: input.label_ids ?? before.labelIds,
        personId: input.person_ids === undefined ? before.personId : (input.person_ids[0] ?? null),
        orgId: input.org_ids === undefined ? before.orgId : (input.org_ids[0] ?? null),
        healthStatus: input.health_status === undefined ? before.healthStatus : input.health_status,
        updateTime: now,
      })
      .where(and(scoped(ctx, projects), eq(projects.id, id)))
      .returning();
    if (!row) throw notFound('Project');
    if (input.deal_ids !== undefined) await setDeals(ctx, id, dealIds);
    const after = { ...row, dealIds };
    await recordChange(ctx, before, after);
    return after;
  });
}

async function recordChange(ctx: TxCtx, before: ProjectWithDeals, after: ProjectWithDeals) {
  const changes = diffFields(presentProject(before), presentProject(after), PROJECT_TRACKED);
  await recordEvent(ctx, { itemType: 'project', itemId: after.id, action: 'change', changes });
}

export async function archiveProject(ctx: Ctx, id: number): Promise<ProjectWithDeals> {
  return inTx(ctx, async (ctx) => {
    const before = await getProject(ctx, id);
    if (before.archiveTime) return before;
    const now = new Date();
    const [row] = await ctx.db
      .update(projects)
      .set({ archiveTime: now, updateTime: now })
      .where(and(scoped(ctx, projects), eq(projects.id, id)))
      .returning();
    if (!row) throw notFound('Project');
    const after = { ...row, dealIds: before.dealIds };
    await recordChange(ctx, before, after);
    return after;
  });
}

/** Marks the project deleted (its tasks stay with it, as Pipedrive keeps a deleted project). */
export async function deleteProject(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getProject(ctx, id);
    const now = new Date();
    await ctx.db
      .update(projects)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(scoped(ctx, projects), eq(projects.id, id)));
    await recordEvent(ctx, { itemType: 'project', itemId: id, action: 'delete' });
  });
}

/** The project's field changes, oldest first, from its audit events. */
export async function projectChangelog(
  ctx: Ctx,
  id: number,
  q: { limit?: number | undefined; cursor?: string | undefined },
) {
  await getProject(ctx, id);
  const k: Keyset = { column: auditEvents.id, id: auditEvents.id, direction: 'asc', kind: 'number' };
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, ctx.companyId),
        eq(auditEvents.itemType, 'project'),
        eq(auditEvents.itemId, String(id)),
        eq(auditEvents.action, 'change'),
        sql`jsonb_array_length(${auditEvents.changes}) > 0`,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map((e) => ({
      time: e.time.toISOString(),
      actor_user_id: e.actorUserId,
      change_source: e.changeSource,
      change_source_user_agent: e.userAgent ?? null,
      old_values: Object.fromEntries(e.changes.map((c) => [c.field_key, c.old_value])),
      new_values: Object.fromEntries(e.changes.map((c) => [c.field_key, c.new_value])),
    })),
  };
}

/** The users who may see the project: every active user of the company (no project permissions yet). */
export async function permittedUsers(ctx: Ctx, id: number): Promise<number[]> {
  await getProject(ctx, id);
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), eq(users.activeFlag, true)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}
