import { z } from 'zod';
import { customFields, entityId, name255, text, ymd } from '../../http/fields.ts';
import { qBool, qCsv, qId, v2Paging } from '../../http/query.ts';

// ---------------------------------------------------------------- boards and phases

export const Board = z
  .object({
    id: z.number().int(),
    name: z.string(),
    order_nr: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'ProjectBoard' });

export const Phase = z
  .object({
    id: z.number().int(),
    name: z.string(),
    board_id: z.number().int(),
    order_nr: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'ProjectPhase' });

const orderNr = z.number().int('expected an integer').min(1).max(10_000);

export const AddBoardBody = z.object({ name: name255, order_nr: orderNr.optional() });
export const UpdateBoardBody = AddBoardBody.partial();
export type BoardInput = z.output<typeof UpdateBoardBody>;

export const AddPhaseBody = z.object({ name: name255, board_id: entityId, order_nr: orderNr.optional() });
export const UpdatePhaseBody = AddPhaseBody.partial();
export type PhaseInput = z.output<typeof UpdatePhaseBody>;

export const PhasesQuery = z.object({ board_id: qId });

// ---------------------------------------------------------------- projects

export const Project = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    status: z.enum(['open', 'completed', 'canceled', 'deleted']),
    board_id: z.number().int(),
    phase_id: z.number().int(),
    owner_id: z.number().int(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
    deal_ids: z.array(z.number().int()),
    person_ids: z.array(z.number().int()),
    org_ids: z.array(z.number().int()),
    label_ids: z.array(z.number().int()),
    health_status: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    status_change_time: z.string().nullable(),
    archive_time: z.string().nullable(),
    custom_fields: z.record(z.string(), z.unknown()),
    position: z.number().describe("Pipewright's: the card's place in its phase"),
  })
  .meta({ id: 'Project' });

/** Leads are never linked to projects (behaviour §3.10): a lead key names itself in the refusal. */
const LEAD_KEYS = ['lead_id', 'lead_ids'] as const;
const NO_LEADS = 'a lead cannot be linked to a project; convert it to a deal first';

const oneOrNone = (what: string) =>
  z.array(entityId).max(1, `Pipewright links at most one ${what} to a project`);

const projectFields = {
  title: name255,
  description: text(100_000).optional(),
  status: z.enum(['open', 'completed', 'canceled']).optional(),
  board_id: entityId.optional(),
  phase_id: entityId.optional(),
  owner_id: entityId.optional(),
  start_date: ymd.nullable().optional(),
  end_date: ymd.nullable().optional(),
  deal_ids: z
    .array(entityId, { error: 'expected deal ids (numbers); leads cannot be linked' })
    .max(100)
    .optional(),
  person_ids: oneOrNone('person').optional(),
  org_ids: oneOrNone('organization').optional(),
  label_ids: z.array(entityId).max(20).optional(),
  health_status: z.number().int().min(0).max(10).nullable().optional(),
  custom_fields: customFields.optional(),
  lead_id: z.unknown().optional().describe(`refused: ${NO_LEADS}`),
  lead_ids: z.unknown().optional().describe(`refused: ${NO_LEADS}`),
};

function refuseLeads(b: Record<string, unknown>, c: z.RefinementCtx) {
  for (const k of LEAD_KEYS) {
    if (b[k] !== undefined) c.addIssue({ code: 'custom', path: [k], message: NO_LEADS });
  }
  const s = b.start_date as string | null | undefined;
  const e = b.end_date as string | null | undefined;
  if (s && e && e < s)
    c.addIssue({ code: 'custom', path: ['end_date'], message: 'must not be before start_date' });
}

export const AddProjectBody = z
  .object({ ...projectFields, template_id: entityId.optional() })
  .superRefine(refuseLeads);
export type AddProjectInput = z.output<typeof AddProjectBody>;

export const UpdateProjectBody = z
  .object({
    ...projectFields,
    title: name255.optional(),
    position: z.number().finite().optional().describe("Pipewright's: the card's place in its phase"),
  })
  .superRefine(refuseLeads);
export type UpdateProjectInput = z.output<typeof UpdateProjectBody>;

export const statusList = qCsv.pipe(
  z.array(
    z.enum(['open', 'completed', 'canceled', 'deleted'], {
      error: 'expected open, completed, canceled or deleted',
    }),
  ),
);

export const ListProjectsQuery = z.object({
  filter_id: qId.optional(),
  status: statusList.optional(),
  phase_id: qId.optional(),
  deal_id: qId.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  ...v2Paging,
});
export type ListProjectsInput = z.output<typeof ListProjectsQuery>;

export const ArchivedProjectsQuery = ListProjectsQuery.pick({
  filter_id: true,
  status: true,
  phase_id: true,
  limit: true,
  cursor: true,
});

export const ChangelogEntry = z.object({
  time: z.string(),
  actor_user_id: z.number().int().nullable(),
  change_source: z.string().nullable(),
  change_source_user_agent: z.string().nullable(),
  old_values: z.record(z.string(), z.unknown()),
  new_values: z.record(z.string(), z.unknown()),
});
export const ChangelogQuery = z.object({ ...v2Paging });

// ---------------------------------------------------------------- tasks

export const Task = z
  .object({
    id: z.number().int(),
    title: z.string(),
    creator_id: z.number().int().nullable(),
    description: z.string().nullable(),
    project_id: z.number().int(),
    is_done: z.boolean(),
    is_milestone: z.boolean(),
    due_date: z.string().nullable(),
    start_date: z.string().nullable(),
    parent_task_id: z.number().int().nullable(),
    assignee_ids: z.array(z.number().int()),
    priority: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    marked_as_done_time: z.string().nullable(),
  })
  .meta({ id: 'ProjectTask' });

/** 0|1 in Pipedrive's request types, booleans in its responses: both are accepted. */
const flag = z
  .union([z.literal(0), z.literal(1), z.boolean()], { error: 'expected 0, 1, true or false' })
  .transform((v) => v === 1 || v === true);

const taskFields = {
  title: name255,
  project_id: entityId,
  parent_task_id: entityId.nullable().optional(),
  description: text(100_000).nullable().optional(),
  done: flag.optional(),
  milestone: flag.optional(),
  due_date: ymd.nullable().optional(),
  start_date: ymd.nullable().optional(),
  assignee_id: entityId.nullable().optional(),
  assignee_ids: z.array(entityId).max(50).optional(),
  priority: z.number().int().min(0).max(100).nullable().optional(),
};

export const AddTaskBody = z.object(taskFields);
export const UpdateTaskBody = z.object({
  ...taskFields,
  title: name255.optional(),
  project_id: entityId.optional(),
});
export type TaskInput = z.output<typeof UpdateTaskBody>;

export const ListTasksQuery = z.object({
  ...v2Paging,
  is_done: qBool.optional(),
  is_milestone: qBool.optional(),
  assignee_id: qId.optional(),
  project_id: qId.optional(),
  parent_task_id: z
    .union([z.literal('null'), qId], { error: 'expected a task id or null' })
    .optional()
    .describe('a task id, or null for root tasks only'),
});
export type ListTasksInput = z.output<typeof ListTasksQuery>;

// ---------------------------------------------------------------- templates

export const Template = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    projects_board_id: z.number().int().nullable(),
    owner_id: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'ProjectTemplate' });

export const TemplateTask = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  due_in_days: z.number().int().nullable(),
});

export const TemplateWithTasks = Template.extend({ tasks: z.array(TemplateTask) }).meta({
  id: 'ProjectTemplateWithTasks',
});

export const TemplatesQuery = z.object({ ...v2Paging });

export const AddTemplateBody = z.object({
  title: name255,
  description: text(100_000).optional(),
  projects_board_id: entityId.optional(),
  tasks: z
    .array(
      z.object({
        title: name255,
        description: text(100_000).nullable().optional(),
        due_in_days: z.number().int().min(0).max(3650).nullable().optional(),
      }),
    )
    .max(200)
    .optional(),
});
export type AddTemplateInput = z.output<typeof AddTemplateBody>;
