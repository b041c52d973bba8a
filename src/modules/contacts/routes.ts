import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import type { Ctx } from '../context.ts';
import { defsForValues } from '../fields/present-values.ts';
import { customValueFilter } from '../fields/value-filter.ts';
import {
  type OrganizationRow,
  type PersonRow,
  type PresentOptions,
  presentOrganization,
  presentPerson,
} from './present.ts';
import {
  AddOrganizationBody,
  AddPersonBody,
  type GetContactInput,
  GetContactQuery,
  ListOrganizationsQuery,
  ListPersonsQuery,
  Organization,
  Person,
  UpdateOrganizationBody,
  UpdatePersonBody,
} from './schema.ts';
import * as service from './service.ts';

/** How the request wants contacts shown, with the entity's fields when any record has values. */
async function optionsOf(
  ctx: Ctx,
  entity: 'person' | 'organization',
  rows: readonly { customFields: Record<string, unknown> }[],
  q: Partial<GetContactInput> = {},
): Promise<PresentOptions> {
  return {
    customFields: q.custom_fields,
    includeFields: q.include_fields,
    optionLabels: q.include_option_labels,
    defs: await defsForValues(ctx, entity, rows),
  };
}

async function personOut(ctx: Ctx, row: PersonRow, q?: Partial<GetContactInput>) {
  return presentPerson(row, await optionsOf(ctx, 'person', [row], q));
}

async function organizationOut(ctx: Ctx, row: OrganizationRow, q?: Partial<GetContactInput>) {
  return presentOrganization(row, await optionsOf(ctx, 'organization', [row], q));
}

const deleted = deletedId(z.number().int());

/** v2 persons and organizations (spec §7, §8). Search lives in the search module. */
export async function contactRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const tags = ['Persons'];
  r.get(
    '/persons',
    { schema: { tags, querystring: ListPersonsQuery, response: { 200: cursorPage(Person), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      const contains = await customValueFilter(ctx, 'person', req.query);
      const page = await service.listPersons(ctx, { ...req.query, custom_contains: contains });
      const opts = await optionsOf(ctx, 'person', page.rows, req.query);
      return cursorList(
        page.rows.map((p) => presentPerson(p, opts)),
        page.nextCursor,
      );
    },
  );
  r.get(
    '/persons/:id',
    {
      schema: {
        tags,
        params: idParam,
        querystring: GetContactQuery,
        response: { 200: single(Person), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await personOut(ctx, await service.getPerson(ctx, req.params.id), req.query));
    },
  );
  r.post(
    '/persons',
    { schema: { tags, body: AddPersonBody, response: { 200: single(Person), ...errors } } },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await personOut(ctx, await service.addPerson(ctx, req.body)));
    },
  );
  r.patch(
    '/persons/:id',
    {
      schema: { tags, params: idParam, body: UpdatePersonBody, response: { 200: single(Person), ...errors } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await personOut(ctx, await service.updatePerson(ctx, req.params.id, req.body)));
    },
  );
  r.delete(
    '/persons/:id',
    { schema: { tags, params: idParam, response: { 200: deleted, ...errors } } },
    async (req) => {
      await service.deletePerson(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );

  const orgTags = ['Organizations'];
  r.get(
    '/organizations',
    {
      schema: {
        tags: orgTags,
        querystring: ListOrganizationsQuery,
        response: { 200: cursorPage(Organization), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const contains = await customValueFilter(ctx, 'organization', req.query);
      const page = await service.listOrganizations(ctx, { ...req.query, custom_contains: contains });
      const opts = await optionsOf(ctx, 'organization', page.rows, req.query);
      return cursorList(
        page.rows.map((o) => presentOrganization(o, opts)),
        page.nextCursor,
      );
    },
  );
  r.get(
    '/organizations/:id',
    {
      schema: {
        tags: orgTags,
        params: idParam,
        querystring: GetContactQuery,
        response: { 200: single(Organization), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await organizationOut(ctx, await service.getOrganization(ctx, req.params.id), req.query));
    },
  );
  r.post(
    '/organizations',
    {
      schema: {
        tags: orgTags,
        body: AddOrganizationBody,
        response: { 200: single(Organization), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await organizationOut(ctx, await service.addOrganization(ctx, req.body)));
    },
  );
  r.patch(
    '/organizations/:id',
    {
      schema: {
        tags: orgTags,
        params: idParam,
        body: UpdateOrganizationBody,
        response: { 200: single(Organization), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ok(await organizationOut(ctx, await service.updateOrganization(ctx, req.params.id, req.body)));
    },
  );
  r.delete(
    '/organizations/:id',
    { schema: { tags: orgTags, params: idParam, response: { 200: deleted, ...errors } } },
    async (req) => {
      await service.deleteOrganization(ctxOf(req), req.params.id);
      return ok({ id: req.params.id });
    },
  );
}
