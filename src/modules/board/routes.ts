import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, ErrorResponse, errors, single } from '../../http/responses.ts';
import { inTx } from '../context.ts';
import { moveDealOnBoard } from '../deals/move.ts';
import { presentPipeline } from '../pipelines/present.ts';
import { getBoard } from './board.ts';
import { getCard, listCards } from './cards.ts';
import { Board, BoardQuery, Card, CardsQuery, MoveBody, StageVisit } from './schema.ts';
import { stageHistory } from './stage-history.ts';

const moveErrors = { ...errors, 403: ErrorResponse, 409: ErrorResponse } as const;

/** The pipeline board (kanban) of the web app, under /api/ext. */
export async function boardRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Board'];

  r.get(
    '/pipelines/:id/board',
    {
      schema: {
        tags,
        summary: "A pipeline's stages with deal counts, total and weighted values (server-side sums)",
        params: idParam,
        querystring: BoardQuery,
        response: { 200: single(Board), ...errors },
      },
    },
    async (req) => {
      const board = await getBoard(ctxOf(req), req.params.id, req.query);
      return ok({ ...board, pipeline: presentPipeline(board.pipeline) });
    },
  );

  r.get(
    '/stages/:id/cards',
    {
      schema: {
        tags,
        summary: "A stage's deal cards in kanban order",
        params: idParam,
        querystring: CardsQuery,
        response: { 200: cursorPage(Card), ...errors },
      },
    },
    async (req) => {
      const page = await listCards(ctxOf(req), req.params.id, req.query);
      return cursorList(page.rows, page.nextCursor);
    },
  );

  r.post(
    '/deals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a deal card to a stage and a place in it (before or after another card)',
        params: idParam,
        body: MoveBody,
        response: { 200: single(Card), ...moveErrors },
      },
    },
    async (req) =>
      ok(
        await inTx(ctxOf(req), async (ctx) => {
          const moved = await moveDealOnBoard(ctx, req.params.id, req.body);
          return getCard(ctx, moved.deal.id, moved.stage);
        }),
      ),
  );

  r.get(
    '/deals/:id/stage-history',
    {
      schema: {
        tags,
        summary: 'The stages a deal went through and the days it spent in each',
        params: idParam,
        response: { 200: single(z.array(StageVisit)), ...errors },
      },
    },
    async (req) => ok(await stageHistory(ctxOf(req), req.params.id)),
  );
}
