import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, ErrorResponse, errors, single } from '../../http/responses.ts';
import * as boards from './boards.ts';
import * as projects from './projects.ts';
import { PhasesQuery } from './schema.ts';
import * as tasks from './tasks.ts';
import {
  AddProjectV1Body,
  AddTaskV1Body,
  BoardV1,
  fromV1,
  ListProjectsV1Query,
  ListTasksV1Query,
  ProjectV1,
  presentBoardV1,
  presentProjectV1,
  presentTaskV1,
  TaskV1,
  taskFromV1,
  UpdateProjectV1Body,
  UpdateTaskV1Body,
} from './v1.ts';

const writeErrors = { ...errors, 409: ErrorResponse } as const;
/** v1 deletes answer the id inside a second envelope (DeleteProjectResponse). */
const doubleWrapped = single(
  z.object({ success: z.literal(true), data: z.object({ id: z.number().int() }) }),
).extend({ additional_data: z.null() });
const okNull = <T>(data: T) => ({ success: true as const, data, additional_data: null });
const withNull = <T extends z.ZodType>(data: T) => single(data).extend({ additional_data: z.null() });

/** v1 projects, boards, phases and tasks (spec API-2 §5.2): thin wrappers of the v2 use cases. */
export async function projectRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Projects'];

  r.get(
    '/projects/boards',
    { schema: { tags, response: { 200: single(z.array(BoardV1)), ...errors } } },
    async (req) => ok((await boards.ensureBoards(ctxOf(req))).map(presentBoardV1)),
  );
  r.get(
    '/projects/boards/:id',
    { schema: { tags, params: idParam, response: { 200: single(BoardV1), ...errors } } },
    async (req) => ok(presentBoardV1(await boards.getBoard(ctxOf(req), req.params.id))),
  );
  r.get(
    '/projects/phases',
    { schema: { tags, querystring: PhasesQuery, response: { 200: single(z.array(BoardV1)), ...errors } } },
    async (req) => ok((await boards.listPhases(ctxOf(req), req.query.board_id)).map(presentBoardV1)),
  );
  r.get(
    '/projects/phases/:id',
    { schema: { tags, params: idParam, response: { 200: single(BoardV1), ...errors } } },
    async (req) => ok(presentBoardV1(await boards.getPhase(ctxOf(req), req.params.id))),
  );

  r.get(
    '/projects',
    {
      schema: { tags, querystring: ListProjectsV1Query, response: { 200: cursorPage(ProjectV1), ...errors } },
    },
    async (req) => {
      const { include_archived, ...q } = req.query;
      const archived = include_archived === 'true' || include_archived === '1' ? 'any' : false;
      const page = await projects.listProjects(ctxOf(req), q, archived);
      return cursorList(page.rows.map(presentProjectV1), page.nextCursor);
    },
  );
  r.get(
    '/projects/:id',
    { schema: { tags, params: idParam, response: { 200: withNull(ProjectV1), ...errors } } },
    async (req) => okNull(presentProjectV1(await projects.getProject(ctxOf(req), req.params.id))),
  );
  r.post(
    '/projects',
    { schema: { tags, body: AddProjectV1Body, response: { 200: withNull(ProjectV1), ...writeErrors } } },
    async (req) => {
      const input = { ...fromV1(req.body), title: req.body.title };
      return okNull(presentProjectV1(await projects.addProject(ctxOf(req), input)));
    },
  );
  r.put(
    '/projects/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateProjectV1Body,
        response: { 200: withNull(ProjectV1), ...writeErrors },
      },
    },
    async (req) => {
      const p = await projects.updateProject(ctxOf(req), req.params.id, fromV1(req.body));
      return okNull(presentProjectV1(p));
    },
  );
  r.delete(
    '/projects/:id',
    { schema: { tags, params: idParam, response: { 200: doubleWrapped, ...errors } } },
    async (req) => {
      await projects.deleteProject(ctxOf(req), req.params.id);
      return okNull({ success: true as const, data: { id: req.params.id } });
    },
  );
  r.post(
    '/projects/:id/archive',
    { schema: { tags, params: idParam, response: { 200: withNull(ProjectV1), ...errors } } },
    async (req) => okNull(presentProjectV1(await projects.archiveProject(ctxOf(req), req.params.id))),
  );
  r.get(
    '/projects/:id/tasks',
    { schema: { tags, params: idParam, response: { 200: cursorPage(TaskV1), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      await projects.getProject(ctx, req.params.id);
      const page = await tasks.listTasks(ctx, { project_id: req.params.id, limit: 500 });
      return cursorList(page.rows.map(presentTaskV1), page.nextCursor);
    },
  );

  const taskTags = ['Tasks'];
  r.get(
    '/tasks',
    {
      schema: {
        tags: taskTags,
        querystring: ListTasksV1Query,
        response: { 200: cursorPage(TaskV1), ...errors },
      },
    },
    async (req) => {
      const { done, ...q } = req.query;
      const page = await tasks.listTasks(ctxOf(req), {
        ...q,
        is_done: done === undefined ? undefined : done === '1',
      });
      return cursorList(page.rows.map(presentTaskV1), page.nextCursor);
    },
  );
  r.get(
    '/tasks/:id',
    { schema: { tags: taskTags, params: idParam, response: { 200: withNull(TaskV1), ...errors } } },
    async (req) => okNull(presentTaskV1(await tasks.getTask(ctxOf(req), req.params.id))),
  );
  r.post(
    '/tasks',
    { schema: { tags: taskTags, body: AddTaskV1Body, response: { 200: withNull(TaskV1), ...writeErrors } } },
    async (req) => {
      const input = { ...taskFromV1(req.body), title: req.body.title, project_id: req.body.project_id };
      return okNull(presentTaskV1(await tasks.addTask(ctxOf(req), input)));
    },
  );
  r.put(
    '/tasks/:id',
    {
      schema: {
        tags: taskTags,
        params: idParam,
        body: UpdateTaskV1Body,
        response: { 200: withNull(TaskV1), ...writeErrors },
      },
    },
    async (req) =>
      okNull(presentTaskV1(await tasks.updateTask(ctxOf(req), req.params.id, taskFromV1(req.body)))),
  );
  r.delete(
    '/tasks/:id',
    { schema: { tags: taskTags, params: idParam, response: { 200: doubleWrapped, ...errors } } },
    async (req) => {
      await tasks.deleteTask(ctxOf(req), req.params.id);
      return okNull({ success: true as const, data: { id: req.params.id } });
    },
  );
}
