import { z } from 'zod';
import { entityId, name255, text, ymd } from '../../http/fields.ts';
import { sqlTime } from '../../http/formats.ts';
import { qId, v2Paging } from '../../http/query.ts';
import type { BoardRow, PhaseRow } from './boards.ts';
import type { ProjectWithDeals, TaskRow } from './present.ts';
import { type AddProjectInput, statusList, type TaskInput } from './schema.ts';

/**
 * v1 projects and tasks (spec API-2 §5.2): the same use cases as v2 in v1's shapes — one org_id and
 * person_id, `labels`, PUT, "YYYY-MM-DD HH:MM:SS" times, `done` as 0|1.
 */

const v1Time = (d: Date | null) => sqlTime(d);
const NO_LEADS = 'a lead cannot be linked to a project; convert it to a deal first';

export const ProjectV1 = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    status: z.string(),
    board_id: z.number().int(),
    phase_id: z.number().int(),
    owner_id: z.number().int(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
    deal_ids: z.array(z.number().int()),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    labels: z.array(z.number().int()),
    health_status: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    status_change_time: z.string().nullable(),
    archive_time: z.string().nullable(),
  })
  .meta({ id: 'ProjectV1' });

export function presentProjectV1(p: ProjectWithDeals) {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    status: p.isDeleted ? 'deleted' : p.status,
    board_id: p.boardId,
    phase_id: p.phaseId,
    owner_id: p.ownerId,
    start_date: p.startDate,
    end_date: p.endDate,
    deal_ids: p.dealIds,
    person_id: p.personId,
    org_id: p.orgId,
    labels: p.labelIds,
    health_status: p.healthStatus,
    add_time: v1Time(p.addTime) as string,
    update_time: v1Time(p.updateTime) as string,
    status_change_time: v1Time(p.statusChangeTime),
    archive_time: v1Time(p.archiveTime),
  };
}

export const TaskV1 = z
  .object({
    id: z.number().int(),
    title: z.string(),
    project_id: z.number().int(),
    description: z.string().nullable(),
    parent_task_id: z.number().int().nullable(),
    assignee_id: z.number().int().nullable(),
    assignee_ids: z.array(z.number().int()),
    done: z.union([z.literal(0), z.literal(1)]),
    due_date: z.string().nullable(),
    creator_id: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    marked_as_done_time: z.string().nullable(),
  })
  .meta({ id: 'TaskV1' });

export function presentTaskV1(t: TaskRow) {
  return {
    id: t.id,
    title: t.title,
    project_id: t.projectId,
    description: t.description,
    parent_task_id: t.parentTaskId,
    assignee_id: t.assigneeIds[0] ?? null,
    assignee_ids: t.assigneeIds,
    done: (t.isDone ? 1 : 0) as 0 | 1,
    due_date: t.dueDate,
    creator_id: t.creatorId,
    add_time: v1Time(t.addTime) as string,
    update_time: v1Time(t.updateTime) as string,
    marked_as_done_time: v1Time(t.markedAsDoneTime),
  };
}

export const BoardV1 = z.object({ id: z.number().int(), name: z.string(), order_nr: z.number().int() });
export const presentBoardV1 = (b: BoardRow | PhaseRow) => ({ id: b.id, name: b.name, order_nr: b.orderNr });

const projectV1Fields = {
  title: name255,
  board_id: entityId.optional(),
  phase_id: entityId.optional(),
  description: text(100_000).optional(),
  status: z.enum(['open', 'completed', 'canceled']).optional(),
  owner_id: entityId.optional(),
  start_date: ymd.nullable().optional(),
  end_date: ymd.nullable().optional(),
  deal_ids: z
    .array(entityId, { error: 'expected deal ids (numbers); leads cannot be linked' })
    .max(100)
    .optional(),
  org_id: entityId.nullable().optional(),
  person_id: entityId.nullable().optional(),
  labels: z.array(entityId).max(20).optional(),
  health_status: z.number().int().min(0).max(10).nullable().optional(),
  lead_id: z.unknown().optional().describe(`refused: ${NO_LEADS}`),
};

function refuseLead(b: { lead_id?: unknown }, c: z.RefinementCtx) {
  if (b.lead_id !== undefined) c.addIssue({ code: 'custom', path: ['lead_id'], message: NO_LEADS });
}

export const AddProjectV1Body = z
  .object({ ...projectV1Fields, template_id: entityId.optional() })
  .superRefine(refuseLead);
export const UpdateProjectV1Body = z
  .object({ ...projectV1Fields, title: name255.optional() })
  .superRefine(refuseLead);

type ProjectV1Input = Partial<z.output<typeof AddProjectV1Body>>;

/** A v1 body as the v2 use cases take it. */
export function fromV1(b: ProjectV1Input): Omit<AddProjectInput, 'title'> & { title?: string } {
  const out: Omit<AddProjectInput, 'title'> & { title?: string } = {
    title: b.title,
    board_id: b.board_id,
    phase_id: b.phase_id,
    description: b.description,
    status: b.status,
    owner_id: b.owner_id,
    start_date: b.start_date,
    end_date: b.end_date,
    deal_ids: b.deal_ids,
    label_ids: b.labels,
    health_status: b.health_status,
    template_id: b.template_id,
  };
  if (b.person_id !== undefined) out.person_ids = b.person_id === null ? [] : [b.person_id];
  if (b.org_id !== undefined) out.org_ids = b.org_id === null ? [] : [b.org_id];
  return out;
}

export const ListProjectsV1Query = z.object({
  ...v2Paging,
  filter_id: qId.optional(),
  status: statusList.optional(),
  phase_id: qId.optional(),
  include_archived: z.enum(['true', 'false', '1', '0']).optional(),
});

/** `assignee_ids` typed as a Set arrives as `{}` (spec API-2 §0): read as not given. */
const assigneeIdsV1 = z
  .union([z.array(entityId).max(50), z.strictObject({})], { error: 'expected an array of user ids' })
  .transform((v) => (Array.isArray(v) ? v : undefined));

const taskV1Fields = {
  title: name255,
  project_id: entityId,
  description: text(100_000).nullable().optional(),
  parent_task_id: entityId.nullable().optional(),
  assignee_id: entityId.nullable().optional(),
  assignee_ids: assigneeIdsV1.optional(),
  done: z.union([z.literal(0), z.literal(1)], { error: 'expected 0 or 1' }).optional(),
  due_date: ymd.nullable().optional(),
};
export const AddTaskV1Body = z.object(taskV1Fields);
export const UpdateTaskV1Body = z.object({
  ...taskV1Fields,
  title: name255.optional(),
  project_id: entityId.optional(),
});

export function taskFromV1(b: Partial<z.output<typeof AddTaskV1Body>>): TaskInput {
  return {
    title: b.title,
    project_id: b.project_id,
    description: b.description,
    parent_task_id: b.parent_task_id,
    assignee_id: b.assignee_id,
    assignee_ids: b.assignee_ids,
    done: b.done === undefined ? undefined : b.done === 1,
    due_date: b.due_date,
  };
}

export const ListTasksV1Query = z.object({
  ...v2Paging,
  assignee_id: qId.optional(),
  project_id: qId.optional(),
  parent_task_id: z.union([z.literal('null'), qId], { error: 'expected a task id or null' }).optional(),
  done: z.enum(['0', '1']).optional(),
});
