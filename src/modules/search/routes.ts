import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList } from '../../http/envelope.ts';
import { cursorPage, errors } from '../../http/responses.ts';
import type { Scored } from './candidates.ts';
import {
  AnySearchItem,
  DealSearchItem,
  DealSearchQuery,
  FieldSearchHit,
  FieldSearchQuery,
  ItemSearchQuery,
  LeadSearchItem,
  LeadSearchPageV1,
  LeadSearchQueryV1,
  LeadSearchQueryV2,
  OrganizationSearchItem,
  OrganizationSearchQuery,
  PersonSearchItem,
  PersonSearchQuery,
  searchPage,
} from './schema.ts';
import * as service from './service.ts';

const scoredItems = <T>(items: Scored<T>[]) => ({
  items: items.map((s) => ({ result_score: s.score, item: s.item })),
});

/** v2 search envelope: `{success, data:{items:[{result_score, item}]}, additional_data:{next_cursor}}`. */
const searchResult = <T>(page: service.SearchPage<T>) => ({
  success: true as const,
  data: scoredItems(page.items),
  additional_data: { next_cursor: page.nextCursor },
});

/** v2 searches: persons, organizations, deals, leads, itemSearch (spec §4.4, §6.4, §7, §8, §13). */
export async function searchRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/persons/search',
    {
      schema: {
        tags: ['Persons'],
        querystring: PersonSearchQuery,
        response: { 200: searchPage(PersonSearchItem), ...errors },
      },
    },
    async (req) => searchResult(await service.personSearch(ctxOf(req), req.query)),
  );
  r.get(
    '/organizations/search',
    {
      schema: {
        tags: ['Organizations'],
        querystring: OrganizationSearchQuery,
        response: { 200: searchPage(OrganizationSearchItem), ...errors },
      },
    },
    async (req) => searchResult(await service.organizationSearch(ctxOf(req), req.query)),
  );
  r.get(
    '/deals/search',
    {
      schema: {
        tags: ['Deals'],
        querystring: DealSearchQuery,
        response: { 200: searchPage(DealSearchItem), ...errors },
      },
    },
    async (req) => searchResult(await service.dealSearch(ctxOf(req), req.query)),
  );
  r.get(
    '/leads/search',
    {
      schema: {
        tags: ['Leads'],
        querystring: LeadSearchQueryV2,
        response: { 200: searchPage(LeadSearchItem), ...errors },
      },
    },
    async (req) => searchResult(await service.leadSearchV2(ctxOf(req), req.query)),
  );
  r.get(
    '/itemSearch',
    {
      schema: {
        tags: ['ItemSearch'],
        querystring: ItemSearchQuery,
        response: { 200: searchPage(AnySearchItem), ...errors },
      },
    },
    async (req) => searchResult(await service.itemSearch(ctxOf(req), req.query)),
  );
  r.get(
    '/itemSearch/field',
    {
      schema: {
        tags: ['ItemSearch'],
        querystring: FieldSearchQuery,
        response: { 200: cursorPage(FieldSearchHit), ...errors },
      },
    },
    async (req) => {
      const page = await service.fieldSearch(ctxOf(req), req.query);
      return cursorList(page.rows, page.nextCursor);
    },
  );
}

/** v1 lead search with offset pagination (spec §4.1 searchLeads, §4.4). */
export async function searchRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/leads/search',
    {
      schema: {
        tags: ['Leads'],
        querystring: LeadSearchQueryV1,
        response: { 200: LeadSearchPageV1, ...errors },
      },
    },
    async (req) => {
      const page = await service.leadSearchV1(ctxOf(req), req.query);
      const pagination = {
        start: page.start,
        limit: page.limit,
        more_items_in_collection: page.more,
        ...(page.more ? { next_start: page.start + page.limit } : {}),
      };
      return { success: true as const, data: scoredItems(page.items), additional_data: { pagination } };
    },
  );
}
