import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList, ok } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { cursorPage, deletedId, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import { presentDeal } from '../deals/present.ts';
import { Deal } from '../deals/schema.ts';
import { presentParticipant, relatedObjects } from './present.ts';
import {
  AddParticipantBody,
  ChangelogQuery,
  Participant,
  ParticipantChange,
  ParticipantsQuery,
  participantParams,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Deals'];
const conflict = { ...errors, 409: ErrorResponse } as const;

const RelatedUsers = z.record(z.string(), z.unknown());
const ListResponse = offsetPage(Participant).extend({
  related_objects: z.object({ user: RelatedUsers, person: RelatedUsers, organization: RelatedUsers }),
});
const ChangelogResponse = z.object({
  success: z.literal(true),
  data: z.array(ParticipantChange),
  additional_data: z.object({
    next_cursor: z.string().nullable(),
    limit: z.number().int(),
    more_items_in_collection: z.boolean(),
  }),
});

/** v1 deal participants (API-1 §6.6, API-2 §4.2): extra persons on a deal. Deals only. */
export async function participantRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/deals/:id/participants',
    {
      schema: {
        tags,
        params: idParam,
        querystring: ParticipantsQuery,
        response: { 200: ListResponse, ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const res = await service.listParticipants(ctxOf(req), req.params.id, page);
      return {
        ...offsetList(res.rows.map(presentParticipant), page.start, page.limit, res.more),
        related_objects: relatedObjects(res.rows),
      };
    },
  );
  r.post(
    '/deals/:id/participants',
    {
      schema: {
        tags,
        params: idParam,
        body: AddParticipantBody,
        response: {
          200: single(Participant).extend({ related_objects: ListResponse.shape.related_objects }),
          ...conflict,
        },
      },
    },
    async (req) => {
      const view = await service.addParticipant(ctxOf(req), req.params.id, req.body.person_id);
      return { ...ok(presentParticipant(view)), related_objects: relatedObjects([view]) };
    },
  );
  r.delete(
    '/deals/:id/participants/:deal_participant_id',
    {
      schema: { tags, params: participantParams, response: { 200: deletedId(z.number().int()), ...errors } },
    },
    async (req) => {
      await service.deleteParticipant(ctxOf(req), req.params.id, req.params.deal_participant_id);
      return ok({ id: req.params.deal_participant_id });
    },
  );
  r.get(
    '/deals/:id/participantsChangelog',
    {
      schema: {
        tags,
        params: idParam,
        querystring: ChangelogQuery,
        response: { 200: ChangelogResponse, ...errors },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 100;
      const page = await service.participantsChangelog(ctxOf(req), req.params.id, req.query);
      return {
        success: true as const,
        data: page.rows,
        additional_data: {
          next_cursor: page.nextCursor,
          limit,
          more_items_in_collection: page.nextCursor !== null,
        },
      };
    },
  );
}

/** Pipewright's own: the deals a person takes part in (the person page's "Participant" deals). */
export async function participantRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/persons/:id/participant-deals',
    {
      schema: {
        tags: ['Persons'],
        description:
          'Deals the person takes part in as a participant, newest first; only deals the caller sees.',
        params: idParam,
        querystring: ChangelogQuery,
        response: { 200: cursorPage(Deal), ...errors },
      },
    },
    async (req) => {
      const page = await service.participantDeals(ctxOf(req), req.params.id, req.query);
      return cursorList(
        page.rows.map((d) => presentDeal(d)),
        page.nextCursor,
      );
    },
  );
}
