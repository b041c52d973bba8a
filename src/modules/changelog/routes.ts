import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { errors } from '../../http/responses.ts';
import { getChangelog } from './changelog.ts';
import type { ChangelogItem } from './entries.ts';
import { getDealFlow } from './flow.ts';
import {
  ChangelogQuery,
  ChangelogResponse,
  FlowQuery,
  FlowResponse,
  TimelineQuery,
  TimelineResponse,
} from './schema.ts';
import { getDealTimeline } from './timeline.ts';

const CHANGELOGS: { path: string; item: ChangelogItem; tag: string }[] = [
  { path: '/deals/:id/changelog', item: 'deal', tag: 'Deals' },
  { path: '/persons/:id/changelog', item: 'person', tag: 'Persons' },
  { path: '/organizations/:id/changelog', item: 'organization', tag: 'Organizations' },
];

/** v1 changelogs of deals, persons and organizations, and the deal flow (spec §6.8). */
export async function changelogRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const { path, item, tag } of CHANGELOGS) {
    r.get(
      path,
      {
        schema: {
          tags: [tag],
          params: idParam,
          querystring: ChangelogQuery,
          response: { 200: ChangelogResponse, ...errors },
        },
      },
      async (req) => {
        const page = await getChangelog(ctxOf(req), item, req.params.id, req.query);
        return cursorList(page.data, page.nextCursor);
      },
    );
  }

  r.get(
    '/deals/:id/flow',
    {
      schema: {
        tags: ['Deals'],
        params: idParam,
        querystring: FlowQuery,
        response: { 200: FlowResponse, ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const flow = await getDealFlow(ctxOf(req), req.params.id, { ...req.query, ...page });
      // spread rather than offsetList's `extra`, which would lose the type of related_objects
      return { ...offsetList(flow.data, page.start, page.limit, flow.more), related_objects: flow.related };
    },
  );
}

/** The deal's timeline for the web app: changes, files, documents and invoices with their actors. */
export async function changelogRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/deals/:id/timeline',
    {
      schema: {
        tags: ['Deals'],
        summary:
          "The deal's timeline, newest first: field changes, files uploaded or deleted, documents made, viewed or accepted, invoices made, sent, paid, voided or given a PDF",
        params: idParam,
        querystring: TimelineQuery,
        response: { 200: TimelineResponse, ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const timeline = await getDealTimeline(ctxOf(req), req.params.id, { ...page, kinds: req.query.kinds });
      return offsetList(timeline.data, page.start, page.limit, timeline.more);
    },
  );
}
