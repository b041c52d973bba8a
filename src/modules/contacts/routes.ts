import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, ok } from '../../http/envelope.ts';
import { idParam } from '../../http/query.ts';
import { cursorPage, deletedId, errors, single } from '../../http/responses.ts';
import { type PresentOptions, presentOrganization, presentPerson } from './present.ts';
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

const optionsOf = (q: GetContactInput): PresentOptions => ({
  customFields: q.custom_fields,
  includeFields: q.include_fields,
});

const deleted = deletedId(z.number().int());

/** v2 persons and organizations (spec §7, §8). Search lives in the search module. */
export async function contactRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const tags = ['Persons'];
  r.get(
    '/persons',
    { schema: { tags, querystring: ListPersonsQuery, response: { 200: cursorPage(Person), ...errors } } },
    async (req) => {
      const page = await service.listPersons(ctxOf(req), req.query);
      const opts = optionsOf(req.query);
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
    async (req) =>
      ok(presentPerson(await service.getPerson(ctxOf(req), req.params.id), optionsOf(req.query))),
  );
  r.post(
    '/persons',
    { schema: { tags, body: AddPersonBody, response: { 200: single(Person), ...errors } } },
    async (req) => ok(presentPerson(await service.addPerson(ctxOf(req), req.body))),
  );
  r.patch(
    '/persons/:id',
    {
      schema: { tags, params: idParam, body: UpdatePersonBody, response: { 200: single(Person), ...errors } },
    },
    async (req) => ok(presentPerson(await service.updatePerson(ctxOf(req), req.params.id, req.body))),
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
      const page = await service.listOrganizations(ctxOf(req), req.query);
      const opts = optionsOf(req.query);
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
    async (req) =>
      ok(presentOrganization(await service.getOrganization(ctxOf(req), req.params.id), optionsOf(req.query))),
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
    async (req) => ok(presentOrganization(await service.addOrganization(ctxOf(req), req.body))),
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
    async (req) =>
      ok(presentOrganization(await service.updateOrganization(ctxOf(req), req.params.id, req.body))),
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
