import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import { cursorList, offsetList, ok } from '../../http/envelope.ts';
import { idParam, v1Page } from '../../http/query.ts';
import { cursorPage, ErrorResponse, errors, offsetPage, single } from '../../http/responses.ts';
import { getFormula, listFormulas, previewFormula, setFormula } from './formula-field.ts';
import * as options from './options.ts';
import { reorderFields, reorderOptions } from './order.ts';
import { presentFieldV1, presentFieldV2, presentNoteField, presentOptionV2 } from './present.ts';
import { type SaveFieldInput, saveField } from './save-field.ts';
import {
  AddOptionsBody,
  DeleteOptionsBody,
  FieldCodeParam,
  FieldOrderBody,
  FieldOrderResult,
  FormulaBody,
  FormulaPreview,
  FormulaPreviewBody,
  FormulaView,
  OptionOrderBody,
  OptionsResponse,
  SavedField,
  saveFieldBody,
  UpdateOptionsBody,
  V1BulkDeleteQuery,
  V1Field,
  V1ListQuery,
  V1NoteField,
  V2DeletedField,
  V2Field,
  v1AddBody,
  v1UpdateBody,
  v2AddBody,
  v2GetQuery,
  v2ListQuery,
  v2UpdateBody,
} from './schema.ts';
import * as service from './service.ts';
import { SYSTEM_FIELDS } from './system.ts';
import type { FieldEntity } from './types.ts';

/** v2 field lists that are read-only: built-in fields only. */
const READ_ONLY: [segment: string, entity: 'activity' | 'project', tag: string][] = [
  ['activityFields', 'activity', 'ActivityFields'],
  ['projectFields', 'project', 'ProjectFields'],
];

/** The fields routes of each entity, by the path segment Pipedrive gives them. */
const ENTITIES: [segment: string, entity: FieldEntity, tag: string][] = [
  ['dealFields', 'deal', 'DealFields'],
  ['personFields', 'person', 'PersonFields'],
  ['organizationFields', 'organization', 'OrganizationFields'],
  ['productFields', 'product', 'ProductFields'],
];

const optionsResult = (rows: service.OptionRow[]) => ({
  success: true as const,
  data: rows.map(presentOptionV2),
  additional_data: null,
});

const writeErrors = { ...errors, 403: ErrorResponse } as const;

/** v1 field routes (spec-2 §1.1): numeric ids, PUT, offset pages; lead, activity and note fields read-only. */
export async function fieldRoutesV1(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const [segment, entity, tag] of ENTITIES) {
    const tags = [tag];
    r.get(
      `/${segment}`,
      { schema: { tags, querystring: V1ListQuery, response: { 200: offsetPage(V1Field), ...errors } } },
      async (req) => {
        const page = v1Page(req.query);
        const { fields, more } = await service.listFieldsOffset(ctxOf(req), entity, page);
        return offsetList(fields.map(presentFieldV1), page.start, page.limit, more);
      },
    );
    r.get(
      `/${segment}/:id`,
      { schema: { tags, params: idParam, response: { 200: single(V1Field), ...errors } } },
      async (req) => ok(presentFieldV1(await service.getField(ctxOf(req), entity, { id: req.params.id }))),
    );
    r.post(
      `/${segment}`,
      { schema: { tags, body: v1AddBody(entity), response: { 200: single(V1Field), ...writeErrors } } },
      async (req) => {
        const b = req.body as z.output<ReturnType<typeof v1AddBody>> & { add_visible_flag?: boolean };
        const field = await service.addField(ctxOf(req), entity, {
          field_name: b.name,
          field_type: b.field_type,
          options: b.options,
          ui_visibility: { add_visible_flag: b.add_visible_flag ?? true },
        });
        return ok(presentFieldV1(field));
      },
    );
    r.put(
      `/${segment}/:id`,
      {
        schema: {
          tags,
          params: idParam,
          body: v1UpdateBody(entity),
          response: { 200: single(V1Field), ...writeErrors },
        },
      },
      async (req) => {
        const b = req.body as z.output<ReturnType<typeof v1UpdateBody>> & { add_visible_flag?: boolean };
        const field = await service.updateField(
          ctxOf(req),
          entity,
          { id: req.params.id },
          {
            field_name: b.name,
            options: b.options,
            ui_visibility:
              b.add_visible_flag === undefined ? undefined : { add_visible_flag: b.add_visible_flag },
          },
        );
        return ok(presentFieldV1(field));
      },
    );
    r.delete(
      `/${segment}/:id`,
      {
        schema: {
          tags,
          params: idParam,
          response: { 200: single(z.object({ id: z.number().int() })), ...writeErrors },
        },
      },
      async (req) => {
        await service.deleteField(ctxOf(req), entity, { id: req.params.id });
        return ok({ id: req.params.id });
      },
    );
    r.delete(
      `/${segment}`,
      {
        schema: {
          tags,
          querystring: V1BulkDeleteQuery,
          response: { 200: single(z.object({ id: z.array(z.number().int()) })), ...writeErrors },
        },
      },
      async (req) => ok({ id: await service.deleteFields(ctxOf(req), entity, req.query.ids) }),
    );
  }

  r.get(
    '/leadFields',
    {
      schema: {
        tags: ['LeadFields'],
        querystring: V1ListQuery,
        response: { 200: offsetPage(V1Field), ...errors },
      },
    },
    async (req) => {
      const page = v1Page(req.query);
      const { fields, more } = await service.listFieldsOffset(ctxOf(req), 'lead', page);
      return offsetList(fields.map(presentFieldV1), page.start, page.limit, more);
    },
  );
  r.get(
    '/activityFields',
    { schema: { tags: ['ActivityFields'], response: { 200: offsetPage(V1Field), ...errors } } },
    async (req) => {
      const limit = SYSTEM_FIELDS.activity.length;
      const { fields } = await service.listFieldsOffset(ctxOf(req), 'activity', { start: 0, limit });
      return offsetList(fields.map(presentFieldV1), 0, limit, false);
    },
  );
  r.get(
    '/noteFields',
    { schema: { tags: ['NoteFields'], response: { 200: offsetPage(V1NoteField), ...errors } } },
    async (req) => {
      const limit = SYSTEM_FIELDS.note.length;
      const { fields } = await service.listFieldsOffset(ctxOf(req), 'note', { start: 0, limit });
      return offsetList(fields.map(presentNoteField), 0, limit, false);
    },
  );
}

/** v2 field routes (spec-2 §1.2): field_code, PATCH, cursor pages, options as top-level arrays. */
export async function fieldRoutesV2(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const [segment, entity, tag] of ENTITIES) {
    const tags = [tag];
    const code = (req: { params: { field_code: string } }) => ({ code: req.params.field_code });
    r.get(
      `/${segment}`,
      {
        schema: { tags, querystring: v2ListQuery(entity), response: { 200: cursorPage(V2Field), ...errors } },
      },
      async (req) => {
        const { include_fields, limit, cursor } = req.query as z.output<ReturnType<typeof v2ListQuery>>;
        const page = await service.listFieldsCursor(ctxOf(req), entity, { cursor, limit: limit ?? 100 });
        return cursorList(
          page.fields.map((f) => presentFieldV2(f, { include: include_fields })),
          page.nextCursor,
        );
      },
    );
    r.get(
      `/${segment}/:field_code`,
      {
        schema: {
          tags,
          params: FieldCodeParam,
          querystring: v2GetQuery(entity),
          response: { 200: single(V2Field), ...errors },
        },
      },
      async (req) => {
        const { include_fields } = req.query as z.output<ReturnType<typeof v2GetQuery>>;
        const field = await service.getField(ctxOf(req), entity, code(req));
        return ok(presentFieldV2(field, { include: include_fields }));
      },
    );
    r.post(
      `/${segment}`,
      { schema: { tags, body: v2AddBody(entity), response: { 200: single(V2Field), ...writeErrors } } },
      async (req) => {
        const body = req.body as service.AddFieldInput;
        return ok(presentFieldV2(await service.addField(ctxOf(req), entity, body)));
      },
    );
    r.patch(
      `/${segment}/:field_code`,
      {
        schema: {
          tags,
          params: FieldCodeParam,
          body: v2UpdateBody(entity),
          response: { 200: single(V2Field), ...writeErrors },
        },
      },
      async (req) => {
        const body = req.body as service.FieldInput;
        return ok(presentFieldV2(await service.updateField(ctxOf(req), entity, code(req), body)));
      },
    );
    r.delete(
      `/${segment}/:field_code`,
      { schema: { tags, params: FieldCodeParam, response: { 200: single(V2DeletedField), ...writeErrors } } },
      async (req) => ok(presentFieldV2(await service.deleteField(ctxOf(req), entity, code(req)))),
    );
    const optionsRoute = { tags, params: FieldCodeParam, response: { 200: OptionsResponse, ...writeErrors } };
    r.post(
      `/${segment}/:field_code/options`,
      { schema: { ...optionsRoute, body: AddOptionsBody } },
      async (req) => {
        const added = await options.addOptions(ctxOf(req), entity, req.params.field_code, req.body);
        return optionsResult(added);
      },
    );
    r.patch(
      `/${segment}/:field_code/options`,
      { schema: { ...optionsRoute, body: UpdateOptionsBody } },
      async (req) => {
        const updated = await options.updateOptions(ctxOf(req), entity, req.params.field_code, req.body);
        return optionsResult(updated);
      },
    );
    r.delete(
      `/${segment}/:field_code/options`,
      { schema: { ...optionsRoute, body: DeleteOptionsBody } },
      async (req) => {
        const deleted = await options.deleteOptions(ctxOf(req), entity, req.params.field_code, req.body);
        return optionsResult(deleted);
      },
    );
  }

  for (const [segment, entity, tag] of READ_ONLY) {
    const roTags = [tag];
    r.get(
      `/${segment}`,
      {
        schema: {
          tags: roTags,
          querystring: v2ListQuery(entity),
          response: { 200: cursorPage(V2Field), ...errors },
        },
      },
      async (req) => {
        const { include_fields, limit, cursor } = req.query as z.output<ReturnType<typeof v2ListQuery>>;
        const page = await service.listFieldsCursor(ctxOf(req), entity, { cursor, limit: limit ?? 100 });
        return cursorList(
          page.fields.map((f) => presentFieldV2(f, { include: include_fields })),
          page.nextCursor,
        );
      },
    );
    r.get(
      `/${segment}/:field_code`,
      {
        schema: {
          tags: roTags,
          params: FieldCodeParam,
          querystring: v2GetQuery(entity),
          response: { 200: single(V2Field), ...errors },
        },
      },
      async (req) => {
        const { include_fields } = req.query as z.output<ReturnType<typeof v2GetQuery>>;
        const field = await service.getField(ctxOf(req), entity, { code: req.params.field_code });
        return ok(presentFieldV2(field, { include: include_fields }));
      },
    );
  }
}

/** Pipewright's own: the order of custom fields and options, the formula of a deal field. */
export async function fieldRoutesExt(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [segment, entity, tag] of ENTITIES) {
    r.put(
      `/${segment}/order`,
      {
        schema: {
          tags: [tag],
          body: FieldOrderBody,
          response: { 200: single(z.array(FieldOrderResult)), ...writeErrors },
        },
      },
      async (req) => ok(await reorderFields(ctxOf(req), entity, req.body.field_codes)),
    );
    r.put(
      `/${segment}/:field_code/options/order`,
      {
        schema: {
          tags: [tag],
          params: FieldCodeParam,
          body: OptionOrderBody,
          response: { 200: OptionsResponse, ...writeErrors },
        },
      },
      async (req) =>
        optionsResult(await reorderOptions(ctxOf(req), entity, req.params.field_code, req.body.option_ids)),
    );
    r.put(
      `/${segment}/:field_code`,
      {
        schema: {
          tags: [tag],
          summary:
            'Save a custom field in one transaction: name, options, important/required settings, formula',
          params: FieldCodeParam,
          body: saveFieldBody(entity),
          response: { 200: single(SavedField), ...writeErrors },
        },
      },
      async (req) => {
        const saved = await saveField(ctxOf(req), entity, req.params.field_code, req.body as SaveFieldInput);
        return ok({ field: presentFieldV2(saved.field), formula: saved.formula });
      },
    );
  }
  const tags = ['DealFields'];
  r.post(
    '/dealFields/formula/preview',
    { schema: { tags, body: FormulaPreviewBody, response: { 200: single(FormulaPreview), ...errors } } },
    async (req) => ok(await previewFormula(ctxOf(req), req.body)),
  );
  r.get(
    '/dealFields/formulas',
    {
      schema: {
        tags,
        summary: 'The formulas of the deal fields that have one (the rest are plain fields)',
        response: { 200: single(z.array(FormulaView)), ...errors },
      },
    },
    async (req) => ok(await listFormulas(ctxOf(req))),
  );
  r.get(
    '/dealFields/:field_code/formula',
    { schema: { tags, params: FieldCodeParam, response: { 200: single(FormulaView), ...errors } } },
    async (req) => ok(await getFormula(ctxOf(req), req.params.field_code)),
  );
  r.put(
    '/dealFields/:field_code/formula',
    {
      schema: {
        tags,
        params: FieldCodeParam,
        body: FormulaBody,
        response: { 200: single(FormulaView), ...writeErrors },
      },
    },
    async (req) => ok(await setFormula(ctxOf(req), req.params.field_code, req.body.expression)),
  );
}
