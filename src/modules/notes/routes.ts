import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { offsetList, ok } from '../../http/envelope.ts';
import { v1Page } from '../../http/query.ts';
import { ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import { inTx } from '../context.ts';
import * as comments from './comments.ts';
import { presentNotes, presentOneNote } from './names.ts';
import * as notes from './notes.ts';
import { presentComment } from './present.ts';
import {
  AddNoteBody,
  Comment,
  CommentBody,
  CommentParams,
  ListCommentsQuery,
  ListNotesQuery,
  Note,
  NoteParams,
  UpdateNoteBody,
} from './schema.ts';

const writeErrors = { ...errors, 403: ErrorResponse } as const;
const NotePage = offsetPage(Note);
const CommentPage = offsetPage(Comment);
const Deleted = single(z.literal(true));

/** v1 notes and their comments (spec §11); registered under /api/v1 and /v1. */
export async function noteRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Notes'];

  r.get(
    '/notes',
    { schema: { tags, querystring: ListNotesQuery, response: { 200: NotePage, ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = v1Page(req.query);
      const { rows, more } = await notes.listNotes(ctx, req.query, page);
      const data = await presentNotes(ctx, rows);
      return offsetList(data, page.start, page.limit, more) as z.input<typeof NotePage>;
    },
  );
  r.get(
    '/notes/:id',
    { schema: { tags, params: NoteParams, response: { 200: single(Note), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await presentOneNote(ctx, await notes.getNote(ctx, req.params.id)));
    },
  );
  r.post(
    '/notes',
    { schema: { tags, body: AddNoteBody, response: { 201: single(Note), ...writeErrors } } },
    async (req, reply) => {
      const note = await inTx(ctxOf(req), async (ctx) =>
        presentOneNote(ctx, await notes.addNote(ctx, req.body)),
      );
      reply.code(201);
      return ok(note);
    },
  );
  r.put(
    '/notes/:id',
    {
      schema: {
        tags,
        params: NoteParams,
        body: UpdateNoteBody,
        response: { 200: single(Note), ...writeErrors },
      },
    },
    async (req) =>
      ok(
        await inTx(ctxOf(req), async (ctx) =>
          presentOneNote(ctx, await notes.updateNote(ctx, req.params.id, req.body)),
        ),
      ),
  );
  r.delete(
    '/notes/:id',
    { schema: { tags, params: NoteParams, response: { 200: Deleted, ...writeErrors } } },
    async (req) => {
      await notes.deleteNote(ctxOf(req), req.params.id);
      return ok(true as const);
    },
  );

  // ---------------------------------------------------------------- comments

  r.get(
    '/notes/:id/comments',
    {
      schema: {
        tags,
        params: NoteParams,
        querystring: ListCommentsQuery,
        response: { 200: CommentPage, ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const { rows, more } = await comments.listComments(ctxOf(req), req.params.id, page);
      return offsetList(rows.map(presentComment), page.start, page.limit, more) as z.input<
        typeof CommentPage
      >;
    },
  );
  r.get(
    '/notes/:id/comments/:commentId',
    { schema: { tags, params: CommentParams, response: { 200: single(Comment), ...errors } } },
    async (req) =>
      ok(presentComment(await comments.getComment(ctxOf(req), req.params.id, req.params.commentId))),
  );
  r.post(
    '/notes/:id/comments',
    {
      schema: {
        tags,
        params: NoteParams,
        body: CommentBody,
        response: { 201: single(Comment), ...writeErrors },
      },
    },
    async (req, reply) => {
      const row = await comments.addComment(ctxOf(req), req.params.id, req.body);
      reply.code(201);
      return ok(presentComment(row));
    },
  );
  r.put(
    '/notes/:id/comments/:commentId',
    {
      schema: {
        tags,
        params: CommentParams,
        body: CommentBody,
        response: { 200: single(Comment), ...writeErrors },
      },
    },
    async (req) =>
      ok(
        presentComment(
          await inTx(ctxOf(req), (ctx) =>
            comments.updateComment(ctx, req.params.id, req.params.commentId, req.body),
          ),
        ),
      ),
  );
  r.delete(
    '/notes/:id/comments/:commentId',
    { schema: { tags, params: CommentParams, response: { 200: Deleted, ...writeErrors } } },
    async (req) => {
      await comments.deleteComment(ctxOf(req), req.params.id, req.params.commentId);
      return ok(true as const);
    },
  );
}
