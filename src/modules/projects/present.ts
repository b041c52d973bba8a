import { rfc3339 } from '../../http/formats.ts';
import type { BoardRow, PhaseRow } from './boards.ts';
import type { projects, projectTasks, projectTemplates, projectTemplateTasks } from './tables.ts';

export type ProjectRow = typeof projects.$inferSelect;
/** A project with its linked deals (project_deals), as every read answers it. */
export type ProjectWithDeals = ProjectRow & { dealIds: number[] };
export type TaskRow = typeof projectTasks.$inferSelect;
export type TemplateRow = typeof projectTemplates.$inferSelect;
export type TemplateTaskRow = typeof projectTemplateTasks.$inferSelect;

const time = (d: Date) => rfc3339(d) as string;
const timeOrNull = (d: Date | null) => (d ? time(d) : null);

export function presentBoard(b: BoardRow) {
  return {
    id: b.id,
    name: b.name,
    order_nr: b.orderNr,
    add_time: time(b.addTime),
    update_time: time(b.updateTime),
  };
}

export function presentPhase(p: PhaseRow) {
  return {
    id: p.id,
    name: p.name,
    board_id: p.boardId,
    order_nr: p.orderNr,
    add_time: time(p.addTime),
    update_time: time(p.updateTime),
  };
}

/** The fields of a project its changelog follows: declared once, read by every path that writes. */
export const PROJECT_TRACKED = [
  'title',
  'description',
  'status',
  'board_id',
  'phase_id',
  'owner_id',
  'start_date',
  'end_date',
  'deal_ids',
  'person_ids',
  'org_ids',
  'label_ids',
  'health_status',
  'archive_time',
] as const;

export function presentProject(p: ProjectWithDeals) {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    status: p.isDeleted ? ('deleted' as const) : p.status,
    board_id: p.boardId,
    phase_id: p.phaseId,
    owner_id: p.ownerId,
    start_date: p.startDate,
    end_date: p.endDate,
    deal_ids: p.dealIds,
    person_ids: p.personId === null ? [] : [p.personId],
    org_ids: p.orgId === null ? [] : [p.orgId],
    label_ids: p.labelIds,
    health_status: p.healthStatus,
    add_time: time(p.addTime),
    update_time: time(p.updateTime),
    status_change_time: timeOrNull(p.statusChangeTime),
    archive_time: timeOrNull(p.archiveTime),
    custom_fields: {},
    position: p.position,
  };
}

export function presentTask(t: TaskRow) {
  return {
    id: t.id,
    title: t.title,
    creator_id: t.creatorId,
    description: t.description,
    project_id: t.projectId,
    is_done: t.isDone,
    is_milestone: t.isMilestone,
    due_date: t.dueDate,
    start_date: t.startDate,
    parent_task_id: t.parentTaskId,
    assignee_ids: t.assigneeIds,
    priority: t.priority,
    add_time: time(t.addTime),
    update_time: time(t.updateTime),
    marked_as_done_time: timeOrNull(t.markedAsDoneTime),
  };
}

export function presentTemplate(t: TemplateRow) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    projects_board_id: t.boardId,
    owner_id: t.ownerId,
    add_time: time(t.addTime),
    update_time: time(t.updateTime),
  };
}

export function presentTemplateWithTasks(t: TemplateRow, tasks: TemplateTaskRow[]) {
  return {
    ...presentTemplate(t),
    tasks: tasks.map((k) => ({
      id: k.id,
      title: k.title,
      description: k.description,
      due_in_days: k.dueInDays,
    })),
  };
}
