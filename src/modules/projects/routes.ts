import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, single } from '../../http/responses.ts';
import * as boards from './boards.ts';
import {
  presentBoard,
  presentPhase,
  presentProject,
  presentTask,
  presentTemplate,
  presentTemplateWithTasks,
} from './present.ts';
import * as projects from './projects.ts';
import {
  AddBoardBody,
  AddPhaseBody,
  AddProjectBody,
  AddTaskBody,
  AddTemplateBody,
  ArchivedProjectsQuery,
  Board,
  ChangelogEntry,
  ChangelogQuery,
  ListProjectsQuery,
  ListTasksQuery,
  Phase,
  PhasesQuery,
  Project,
  Task,
  Template,
  TemplatesQuery,
  TemplateWithTasks,
  UpdateBoardBody,
  UpdatePhaseBody,
  UpdateProjectBody,
  UpdateTaskBody,
} from './schema.ts';
import * as tasks from './tasks.ts';
import * as templates from './templates.ts';

const writeErrors = { ...errors, 409: ErrorResponse } as const;
const unpaged = <T extends z.ZodType>(item: T) =>
  z.object({ success: z.literal(true), data: z.array(item), additional_data: z.null() });
const deleted = deletedId(z.number().int());

/** v2 projects, boards, phases, templates and tasks (spec API-2 §5.1). */
export async function projectRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Projects'];

  r.get(
    '/projects',
    { schema: { tags, querystring: ListProjectsQuery, response: { 200: cursorPage(Project), ...errors } } },
    async (req) => {
      const page = await projects.listProjects(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentProject), page.nextCursor);
    },
  );
  r.get(
    '/projects/archived',
    {
      schema: { tags, querystring: ArchivedProjectsQuery, response: { 200: cursorPage(Project), ...errors } },
    },
    async (req) => {
      const page = await projects.listProjects(ctxOf(req), req.query, true);
      return cursorList(page.rows.map(presentProject), page.nextCursor);
    },
  );
  r.get(
    '/projects/:id',
    { schema: { tags, params: idParam, response: { 200: single(Project), ...errors } } },
    async (req) => ok(presentProject(await projects.getProject(ctxOf(req), req.params.id))),
  );
  r.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Add a project; with template_id its tasks come from the template',
        body: AddProjectBody,
        response: { 200: single(Project), ...writeErrors },
      },
    },
    async (req) => ok(presentProject(await projects.addProject(ctxOf(req), req.body))),
  );
  r.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateProjectBody,
        response: { 200: single(Project), ...writeErrors },
      },
    },
    async (req) => ok(presentProject(await projects.updateProject(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/projects/:id',
    { schema: { tags, params: idParam, response: { 200: deleted, ...errors } } },
    async (req) => {
      await projects.deleteProject(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
  r.post(
    '/projects/:id/archive',
    { schema: { tags, params: idParam, response: { 200: single(Project), ...errors } } },
    async (req) => ok(presentProject(await projects.archiveProject(ctxOf(req), req.params.id))),
  );
  r.get(
    '/projects/:id/changelog',
    {
      schema: {
        tags,
        params: idParam,
        querystring: ChangelogQuery,
        response: { 200: cursorPage(ChangelogEntry), ...errors },
      },
    },
    async (req) => {
      const page = await projects.projectChangelog(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows, page.nextCursor);
    },
  );
  r.get(
    '/projects/:id/permittedUsers',
    { schema: { tags, params: idParam, response: { 200: single(z.array(z.number().int())), ...errors } } },
    async (req) => ok(await projects.permittedUsers(ctxOf(req), req.params.id)),
  );

  const boardTags = ['ProjectBoards'];
  r.get(
    '/boards',
    { schema: { tags: boardTags, response: { 200: unpaged(Board), ...errors } } },
    async (req) => ({
      success: true as const,
      data: (await boards.ensureBoards(ctxOf(req))).map(presentBoard),
      additional_data: null,
    }),
  );
  r.get(
    '/boards/:id',
    { schema: { tags: boardTags, params: idParam, response: { 200: single(Board), ...errors } } },
    async (req) => ok(presentBoard(await boards.getBoard(ctxOf(req), req.params.id))),
  );
  r.post(
    '/boards',
    { schema: { tags: boardTags, body: AddBoardBody, response: { 200: single(Board), ...writeErrors } } },
    async (req) => ok(presentBoard(await boards.addBoard(ctxOf(req), req.body))),
  );
  r.patch(
    '/boards/:id',
    {
      schema: {
        tags: boardTags,
        params: idParam,
        body: UpdateBoardBody,
        response: { 200: single(Board), ...writeErrors },
      },
    },
    async (req) => ok(presentBoard(await boards.updateBoard(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/boards/:id',
    { schema: { tags: boardTags, params: idParam, response: { 200: deleted, ...writeErrors } } },
    async (req) => {
      await boards.deleteBoard(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );

  const phaseTags = ['ProjectPhases'];
  r.get(
    '/phases',
    { schema: { tags: phaseTags, querystring: PhasesQuery, response: { 200: unpaged(Phase), ...errors } } },
    async (req) => ({
      success: true as const,
      data: (await boards.listPhases(ctxOf(req), req.query.board_id)).map(presentPhase),
      additional_data: null,
    }),
  );
  r.get(
    '/phases/:id',
    { schema: { tags: phaseTags, params: idParam, response: { 200: single(Phase), ...errors } } },
    async (req) => ok(presentPhase(await boards.getPhase(ctxOf(req), req.params.id))),
  );
  r.post(
    '/phases',
    { schema: { tags: phaseTags, body: AddPhaseBody, response: { 200: single(Phase), ...writeErrors } } },
    async (req) => ok(presentPhase(await boards.addPhase(ctxOf(req), req.body))),
  );
  r.patch(
    '/phases/:id',
    {
      schema: {
        tags: phaseTags,
        params: idParam,
        body: UpdatePhaseBody,
        response: { 200: single(Phase), ...writeErrors },
      },
    },
    async (req) => ok(presentPhase(await boards.updatePhase(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/phases/:id',
    { schema: { tags: phaseTags, params: idParam, response: { 200: deleted, ...writeErrors } } },
    async (req) => {
      await boards.deletePhase(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );

  const templateTags = ['ProjectTemplates'];
  r.get(
    '/projectTemplates',
    {
      schema: {
        tags: templateTags,
        querystring: TemplatesQuery,
        response: { 200: cursorPage(Template), ...errors },
      },
    },
    async (req) => {
      const page = await templates.listTemplates(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentTemplate), page.nextCursor);
    },
  );
  r.get(
    '/projectTemplates/:id',
    { schema: { tags: templateTags, params: idParam, response: { 200: single(Template), ...errors } } },
    async (req) =>
      ok(presentTemplate(await templates.getTemplate(ctxOf(req), req.params.id)), { additional_data: null }),
  );

  const taskTags = ['Tasks'];
  r.get(
    '/tasks',
    {
      schema: { tags: taskTags, querystring: ListTasksQuery, response: { 200: cursorPage(Task), ...errors } },
    },
    async (req) => {
      const page = await tasks.listTasks(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentTask), page.nextCursor);
    },
  );
  r.get(
    '/tasks/:id',
    { schema: { tags: taskTags, params: idParam, response: { 200: single(Task), ...errors } } },
    async (req) => ok(presentTask(await tasks.getTask(ctxOf(req), req.params.id)), { additional_data: null }),
  );
  r.post(
    '/tasks',
    { schema: { tags: taskTags, body: AddTaskBody, response: { 200: single(Task), ...writeErrors } } },
    async (req) => ok(presentTask(await tasks.addTask(ctxOf(req), req.body)), { additional_data: null }),
  );
  r.patch(
    '/tasks/:id',
    {
      schema: {
        tags: taskTags,
        params: idParam,
        body: UpdateTaskBody,
        response: { 200: single(Task), ...writeErrors },
      },
    },
    async (req) =>
      ok(presentTask(await tasks.updateTask(ctxOf(req), req.params.id, req.body)), { additional_data: null }),
  );
  r.delete(
    '/tasks/:id',
    { schema: { tags: taskTags, params: idParam, response: { 200: deleted, ...errors } } },
    async (req) => {
      await tasks.deleteTask(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}

/** Pipewright's own: templates with their tasks (Pipedrive's API only reads templates). */
export async function projectRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ProjectTemplates'];
  r.post(
    '/projectTemplates',
    {
      schema: {
        tags,
        summary: 'Add a project template with its tasks',
        body: AddTemplateBody,
        response: { 200: single(TemplateWithTasks), ...writeErrors },
      },
    },
    async (req) => {
      const made = await templates.addTemplate(ctxOf(req), req.body);
      return ok(presentTemplateWithTasks(made.template, made.tasks));
    },
  );
  r.get(
    '/projectTemplates/:id',
    {
      schema: {
        tags,
        summary: 'A template with its tasks',
        params: idParam,
        response: { 200: single(TemplateWithTasks), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const t = await templates.getTemplate(ctx, req.params.id);
      return ok(presentTemplateWithTasks(t, await templates.templateTasks(ctx, t.id)));
    },
  );
  r.delete(
    '/projectTemplates/:id',
    { schema: { tags, params: idParam, response: { 200: deleted, ...errors } } },
    async (req) => {
      await templates.deleteTemplate(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}
