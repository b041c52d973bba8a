import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import { inTx } from '../context.ts';
import { listActivities } from './list.ts';
import { presentActivity, presentActivityType } from './present.ts';
import {
  Activity,
  ActivityType,
  AddActivityBody,
  AddActivityTypeBody,
  GetActivityQuery,
  ListActivitiesQuery,
  UpdateActivityBody,
  UpdateActivityTypeBody,
} from './schema.ts';
import * as service from './service.ts';
import * as types from './types.ts';

const list = <T extends z.ZodType>(item: T) => z.object({ success: z.literal(true), data: z.array(item) });

/** v1 activity types (Pipedrive's /activityTypes). */
export async function activityRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ActivityTypes'];

  r.get(
    '/activityTypes',
    { schema: { tags, response: { 200: list(ActivityType), ...errors } } },
    async (req) =>
      ok((await inTx(ctxOf(req), (ctx) => types.listActivityTypes(ctx))).map(presentActivityType)),
  );
  r.post(
    '/activityTypes',
    { schema: { tags, body: AddActivityTypeBody, response: { 201: single(ActivityType), ...errors } } },
    async (req, reply) => {
      const row = await types.addActivityType(ctxOf(req), req.body);
      return reply.code(201).send(ok(presentActivityType(row)));
    },
  );
  r.put(
    '/activityTypes/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateActivityTypeBody,
        response: { 200: single(ActivityType), ...errors },
      },
    },
    async (req) =>
      ok(presentActivityType(await types.updateActivityType(ctxOf(req), req.params.id, req.body ?? {}))),
  );
  r.delete(
    '/activityTypes/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await types.deleteActivityType(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}

/** v2 activities (spec §10). */
export async function activityRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Activities'];

  r.get(
    '/activities',
    {
      schema: { tags, querystring: ListActivitiesQuery, response: { 200: cursorPage(Activity), ...errors } },
    },
    async (req) => {
      const page = await listActivities(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentActivity), page.nextCursor);
    },
  );
  r.get(
    '/activities/:id',
    {
      schema: {
        tags,
        params: idParam,
        querystring: GetActivityQuery,
        response: { 200: single(Activity), ...errors },
      },
    },
    async (req) => ok(presentActivity(await service.getActivity(ctxOf(req), req.params.id))),
  );
  r.post(
    '/activities',
    { schema: { tags, body: AddActivityBody, response: { 200: single(Activity), ...errors } } },
    async (req) => ok(presentActivity(await service.addActivity(ctxOf(req), req.body ?? {}))),
  );
  r.patch(
    '/activities/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdateActivityBody,
        response: { 200: single(Activity), ...errors },
      },
    },
    async (req) =>
      ok(presentActivity(await service.updateActivity(ctxOf(req), req.params.id, req.body ?? {}))),
  );
  r.delete(
    '/activities/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await service.deleteActivity(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}
