import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { ok } from '../../http/envelope.ts';
import { qCsvIds } from '../../http/query.ts';
import { errors, single } from '../../http/responses.ts';
import { organizationPeopleCounts } from './related.ts';

export const PeopleCountsQuery = z.object({ ids: qCsvIds });

export const PeopleCount = z
  .object({ org_id: z.number().int(), people_count: z.number().int() })
  .meta({ id: 'OrganizationPeopleCount' });

/**
 * Pipewright's own contact look-ups (under /api/ext). GET /organizations/people-counts?ids=1,2,3:
 * the number of people of each organization, for the People column of the organizations list.
 */
export async function contactRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/organizations/people-counts',
    {
      schema: {
        tags: ['Organizations'],
        description:
          'People per organization (at most 100 ids). Unknown, deleted, foreign and invisible ' +
          'organizations are left out; only people the caller may see are counted.',
        querystring: PeopleCountsQuery,
        response: { 200: single(z.array(PeopleCount)), ...errors },
      },
    },
    async (req) => ok(await organizationPeopleCounts(ctxOf(req), req.query.ids)),
  );
}
