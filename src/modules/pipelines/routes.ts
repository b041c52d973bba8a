import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import { presentPipeline, presentStage } from './present.ts';
import {
  AddPipelineBody,
  AddStageBody,
  ListPipelinesQuery,
  ListStagesQuery,
  Pipeline,
  Stage,
  UpdatePipelineBody,
  UpdateStageBody,
} from './schema.ts';
import * as service from './service.ts';

/** v2 pipelines and stages (spec §9). */
export async function pipelineRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Pipelines'];

  r.get(
    '/pipelines',
    { schema: { tags, querystring: ListPipelinesQuery, response: { 200: cursorPage(Pipeline), ...errors } } },
    async (req) => {
      const page = await service.listPipelines(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentPipeline), page.nextCursor);
    },
  );
  r.get(
    '/pipelines/:id',
    { schema: { tags, params: idParam, response: { 200: single(Pipeline), ...errors } } },
    async (req) => ok(presentPipeline(await service.getPipeline(ctxOf(req), req.params.id))),
  );
  r.post(
    '/pipelines',
    { schema: { tags, body: AddPipelineBody, response: { 200: single(Pipeline), ...errors } } },
    async (req) => ok(presentPipeline(await service.addPipeline(ctxOf(req), req.body))),
  );
  r.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: UpdatePipelineBody,
        response: { 200: single(Pipeline), ...errors },
      },
    },
    async (req) => ok(presentPipeline(await service.updatePipeline(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/pipelines/:id',
    { schema: { tags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } } },
    async (req) => {
      await service.deletePipeline(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );

  const stageTags = ['Stages'];
  r.get(
    '/stages',
    {
      schema: {
        tags: stageTags,
        querystring: ListStagesQuery,
        response: { 200: cursorPage(Stage), ...errors },
      },
    },
    async (req) => {
      const page = await service.listStages(ctxOf(req), req.query);
      return cursorList(page.rows.map(presentStage), page.nextCursor);
    },
  );
  r.get(
    '/stages/:id',
    { schema: { tags: stageTags, params: idParam, response: { 200: single(Stage), ...errors } } },
    async (req) => ok(presentStage(await service.getStage(ctxOf(req), req.params.id))),
  );
  r.post(
    '/stages',
    { schema: { tags: stageTags, body: AddStageBody, response: { 200: single(Stage), ...errors } } },
    async (req) => ok(presentStage(await service.addStage(ctxOf(req), req.body))),
  );
  r.patch(
    '/stages/:id',
    {
      schema: {
        tags: stageTags,
        params: idParam,
        body: UpdateStageBody,
        response: { 200: single(Stage), ...errors },
      },
    },
    async (req) => ok(presentStage(await service.updateStage(ctxOf(req), req.params.id, req.body))),
  );
  r.delete(
    '/stages/:id',
    {
      schema: { tags: stageTags, params: idParam, response: { 200: deletedId(z.number().int()), ...errors } },
    },
    async (req) => {
      await service.deleteStage(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}
