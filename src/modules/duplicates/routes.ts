import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { errors, single } from '../../http/responses.ts';
import { mergeOrganizations, mergePersons } from '../contacts/merge.ts';
import { presentOrganization, presentPerson } from '../contacts/present.ts';
import { inTx } from '../context.ts';
import { dismissPair } from './dismissals.ts';
import { mergeInfo } from './merge-info.ts';
import { listDuplicatePairs, type PairSide } from './pairs.ts';
import { presentMergedOrganization, presentMergedPerson } from './present-v1.ts';
import {
  DismissBody,
  DismissResponse,
  DuplicatesQuery,
  DuplicatesResponse,
  duplicateQueryOf,
  MergeBody,
  MergedOrganizationV1,
  MergedPersonV1,
  mergeWithIdOf,
  PairsQuery,
  PairsResponse,
} from './schema.ts';
import { findDuplicates } from './service.ts';

/**
 * GET /api/ext/duplicates: duplicate candidates of a person or an organization (an existing one by
 * `id`, or the fields of a new one), best first, with a score and the reasons of each.
 */
export async function duplicateRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/duplicates',
    {
      schema: {
        tags: ['Duplicates'],
        description:
          'Duplicate candidates, best first. Persons match by e-mail, phone (E.164; national forms are read ' +
          'in `country`, by default the region of the caller locale) and name: the same folded name, or a ' +
          'similar one (typos, a missing part, a stray space); organization, address and birthday add ' +
          'evidence. Same name and one of e-mail, phone, organization, address, birthday is Pipedrive’s ' +
          'rule widened (score ≥ 0.9); `band` very_likely (≥ 0.8) always needs more than a similar name. ' +
          '`details` spell out how each field matched. Organizations match by folded name; same name and ' +
          'address is the top band.',
        querystring: DuplicatesQuery,
        response: { 200: DuplicatesResponse, ...errors },
      },
    },
    async (req) => {
      const result = await findDuplicates(ctxOf(req), duplicateQueryOf(req.query));
      if (result.itemType === 'person') {
        return ok(
          result.candidates.map((c) => ({
            item: {
              ...presentPerson(c.row),
              owner_name: c.ownerName,
              organization_name: c.organizationName,
              open_deals_count: c.openDealsCount,
            },
            score: c.score,
            reasons: c.reasons,
            band: c.band,
            details: c.details,
          })),
        );
      }
      return ok(
        result.candidates.map((c) => ({
          item: {
            ...presentOrganization(c.row),
            owner_name: c.ownerName,
            open_deals_count: c.openDealsCount,
          },
          score: c.score,
          reasons: c.reasons,
          band: c.band,
          details: c.details,
        })),
      );
    },
  );
}

const presentSide = (s: PairSide) => ({
  id: s.id,
  name: s.name,
  owner_id: s.ownerId,
  owner_name: s.ownerName,
  emails: s.emails,
  phones: s.phones,
  organization_name: s.organizationName,
  address: s.address,
  open_deals_count: s.openDealsCount,
  open_leads_count: s.openLeadsCount,
});

/**
 * The merge tool's list: GET /api/ext/duplicates/pairs (pairs.ts) and POST …/pairs/dismiss ("not a
 * duplicate", dismissals.ts).
 */
export async function duplicatePairRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/duplicates/pairs',
    {
      schema: {
        tags: ['Duplicates'],
        description:
          'Pairs of live persons (or organizations) the caller sees that the duplicate matcher puts in a band, ' +
          'each pair once, lower id first, strongest first within a page. Records are walked by id and each ' +
          'is looked up as GET /api/ext/duplicates?id= does; pairs said not to be duplicates are left out. ' +
          'A page may be short, even empty, while `next_cursor` is set: the walk goes on from there.',
        querystring: PairsQuery,
        response: { 200: PairsResponse, ...errors },
      },
    },
    async (req) => {
      const page = await listDuplicatePairs(ctxOf(req), {
        kind: req.query.kind,
        cursor: req.query.cursor,
        limit: req.query.limit ?? 20,
      });
      return {
        success: true as const,
        data: page.pairs.map((p) => ({
          items: [presentSide(p.items[0]), presentSide(p.items[1])] as [
            ReturnType<typeof presentSide>,
            ReturnType<typeof presentSide>,
          ],
          score: p.score,
          band: p.band,
          reasons: p.reasons,
          details: p.details,
        })),
        additional_data: { next_cursor: page.nextCursor },
      };
    },
  );
  r.post(
    '/duplicates/pairs/dismiss',
    {
      schema: {
        tags: ['Duplicates'],
        description:
          'Says two persons (or two organizations) are not duplicates: the pair leaves the list of pairs and ' +
          'the look-up of either (GET /api/ext/duplicates?id=). Saying it again changes nothing.',
        body: DismissBody,
        response: { 200: DismissResponse, ...errors },
      },
    },
    async (req) => {
      const [a, b] = req.body.ids as [number, number];
      const done = await dismissPair(ctxOf(req), req.body.kind, [a, b]);
      return ok({ kind: done.kind, ids: done.ids });
    },
  );
}

/**
 * v1 PUT /persons/{id}/merge and /organizations/{id}/merge {merge_with_id}: the `merge_with_id`
 * record survives (spec §2.6).
 */
export async function mergeRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.put(
    '/persons/:id/merge',
    {
      schema: {
        tags: ['Persons'],
        params: idParam,
        body: MergeBody,
        response: { 200: single(MergedPersonV1), ...errors },
      },
    },
    async (req) => {
      const mergeWithId = mergeWithIdOf(req.body);
      return ok(
        await inTx(ctxOf(req), async (ctx) => {
          const { survivor, mergedId } = await mergePersons(ctx, req.params.id, mergeWithId);
          const info = await mergeInfo(ctx, 'person', survivor);
          return presentMergedPerson(survivor, info, mergedId, ctx.companyId);
        }),
      );
    },
  );
  r.put(
    '/organizations/:id/merge',
    {
      schema: {
        tags: ['Organizations'],
        params: idParam,
        body: MergeBody,
        response: { 200: single(MergedOrganizationV1), ...errors },
      },
    },
    async (req) => {
      const mergeWithId = mergeWithIdOf(req.body);
      return ok(
        await inTx(ctxOf(req), async (ctx) => {
          const { survivor, mergedId } = await mergeOrganizations(ctx, req.params.id, mergeWithId);
          const info = await mergeInfo(ctx, 'organization', survivor);
          return presentMergedOrganization(survivor, info, mergedId, ctx.companyId);
        }),
      );
    },
  );
}
