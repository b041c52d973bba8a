import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';
import { deals } from '../deals/tables.ts';

export const PROJECT_STATUSES = ['open', 'completed', 'canceled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A project board: the phases a company's projects move through (Pipedrive's "board"). */
export const projectBoards = pgTable(
  'project_boards',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    orderNr: integer('order_nr').notNull().default(1),
    isDeleted: boolean('is_deleted').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('project_boards_company_idx').on(t.companyId, t.orderNr, t.id)],
);

export const projectPhases = pgTable(
  'project_phases',
  {
    id: id(),
    companyId: companyId(),
    boardId: bigint('board_id', { mode: 'number' })
      .notNull()
      .references(() => projectBoards.id),
    name: text('name').notNull(),
    orderNr: integer('order_nr').notNull().default(1),
    isDeleted: boolean('is_deleted').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('project_phases_board_idx').on(t.companyId, t.boardId, t.orderNr, t.id)],
);

/**
 * A project: post-sale work with its tasks, on a board in a phase. Links to deals are rows of
 * project_deals; one person and one organization sit on the row (v2 answers them as one-element
 * arrays). Deleting is soft (status "deleted" in the API); archiving sets archive_time.
 */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    companyId: companyId(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('open'),
    boardId: bigint('board_id', { mode: 'number' })
      .notNull()
      .references(() => projectBoards.id),
    phaseId: bigint('phase_id', { mode: 'number' })
      .notNull()
      .references(() => projectPhases.id),
    /** the card's place in its phase on the board: a move is one row update */
    position: doublePrecision('position').notNull().default(0),
    ownerId: ref('owner_id').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    labelIds: integer('label_ids').array().notNull().default(sql`'{}'::integer[]`),
    personId: ref('person_id'),
    orgId: ref('org_id'),
    healthStatus: integer('health_status'),
    templateId: ref('template_id'),
    statusChangeTime: tstz('status_change_time'),
    archiveTime: tstz('archive_time'),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('projects_company_idx').on(t.companyId, t.id),
    index('projects_phase_idx').on(t.companyId, t.phaseId, t.position),
    index('projects_person_idx').on(t.companyId, t.personId),
    index('projects_org_idx').on(t.companyId, t.orgId),
  ],
);

/** A project's deals. The row exists only for the link: a purged deal takes it along (references.ts). */
export const projectDeals = pgTable(
  'project_deals',
  {
    companyId: companyId(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    addTime: addTime(),
  },
  (t) => [
    uniqueIndex('project_deals_uq').on(t.companyId, t.projectId, t.dealId),
    index('project_deals_deal_idx').on(t.companyId, t.dealId),
  ],
);

/** A task of a project; a subtask has a parent (one level deep). Deleting one deletes its subtasks. */
export const projectTasks = pgTable(
  'project_tasks',
  {
    id: id(),
    companyId: companyId(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    parentTaskId: ref('parent_task_id'),
    title: text('title').notNull(),
    description: text('description'),
    creatorId: ref('creator_id'),
    assigneeIds: bigint('assignee_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    isDone: boolean('is_done').notNull().default(false),
    isMilestone: boolean('is_milestone').notNull().default(false),
    dueDate: date('due_date', { mode: 'string' }),
    startDate: date('start_date', { mode: 'string' }),
    priority: integer('priority'),
    markedAsDoneTime: tstz('marked_as_done_time'),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('project_tasks_project_idx').on(t.companyId, t.projectId, t.id),
    index('project_tasks_company_idx').on(t.companyId, t.id),
  ],
);

/** A project template: what a new project made from it starts with (board, description, tasks). */
export const projectTemplates = pgTable(
  'project_templates',
  {
    id: id(),
    companyId: companyId(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    boardId: ref('board_id'),
    ownerId: ref('owner_id').notNull(),
    isDeleted: boolean('is_deleted').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('project_templates_company_idx').on(t.companyId, t.id)],
);

/** A task of a template; its due date in a project is the project's start plus `dueInDays`. */
export const projectTemplateTasks = pgTable(
  'project_template_tasks',
  {
    id: id(),
    companyId: companyId(),
    templateId: bigint('template_id', { mode: 'number' })
      .notNull()
      .references(() => projectTemplates.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    dueInDays: integer('due_in_days'),
  },
  (t) => [index('project_template_tasks_idx').on(t.companyId, t.templateId, t.position)],
);
