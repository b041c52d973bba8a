import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { diffFields, recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { placeNewDeal } from '../deals/placement.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { customFieldDefs } from '../fields/defs.ts';
import { assertLabelsExist } from '../leads/labels.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { presentWebForm } from './present.ts';
import {
  type CreateWebFormInput,
  CUSTOM_KEY,
  FORM_CUSTOM_TYPES,
  type FormField,
  type FormSettings,
  type UpdateWebFormInput,
} from './schema.ts';
import { webFormPublicIds, webFormSubmissions, webForms } from './tables.ts';

export type WebFormRow = typeof webForms.$inferSelect;
export type SubmissionRow = typeof webFormSubmissions.$inferSelect;

/** 144 random bits, URL-safe: the id strangers use; nothing can be learned or guessed from it. */
const newPublicId = () => randomBytes(18).toString('base64url');
const newSigningKey = () => randomBytes(32).toString('base64url');

/** The shape a form must have, checked against the company's records (owner, stage, labels, fields). */
interface Definition {
  target: 'lead' | 'deal';
  pipelineId: number | null;
  stageId: number | null;
  ownerId: number;
  labelIds: (string | number)[];
  fields: FormField[];
  settings: FormSettings;
}

async function checkDefinition(
  ctx: Ctx,
  d: Definition,
): Promise<{ pipelineId: number | null; stageId: number | null }> {
  await assertUsersExist(ctx, [d.ownerId], 'owner_id');
  const other = d.target === 'lead' ? 'deal.' : 'lead.';
  d.fields.forEach((f, i) => {
    if (f.maps_to.startsWith(other)) {
      throw invalid(`fields.${i}.maps_to`, `${f.maps_to} does not fit a form whose target is ${d.target}`);
    }
  });
  const maps = new Set(d.fields.map((f) => f.maps_to));
  if (!maps.has('person.name') && !maps.has('person.email') && !maps.has('organization.name')) {
    throw invalid('fields', 'a form needs person.name, person.email or organization.name to make a contact');
  }
  const customs = [
    ...d.fields.flatMap((f, i) =>
      CUSTOM_KEY.test(f.maps_to) ? [{ key: f.maps_to, at: `fields.${i}.maps_to` }] : [],
    ),
    ...d.settings.hidden_fields.flatMap((h, i) =>
      h.maps_to ? [{ key: h.maps_to, at: `settings.hidden_fields.${i}.maps_to` }] : [],
    ),
  ];
  if (customs.length > 0) {
    const defs = new Map((await customFieldDefs(ctx, 'deal')).map((def) => [def.key, def]));
    for (const c of customs) {
      const def = defs.get(c.key);
      if (!def || def.isDeleted) throw new AppError('not_found', `Field not found (${c.at})`, c.at);
      if (def.formula !== null || !(FORM_CUSTOM_TYPES as readonly string[]).includes(def.fieldType)) {
        throw invalid(c.at, `a form can fill fields of type ${FORM_CUSTOM_TYPES.join(', ')} only`);
      }
    }
  }
  if (d.target === 'lead') {
    if (d.pipelineId !== null || d.stageId !== null) {
      throw invalid('stage_id', 'pipeline_id and stage_id are for forms whose target is deal');
    }
    if (!d.labelIds.every((l) => typeof l === 'string'))
      throw invalid('label_ids', 'expected lead label uuids');
    await assertLabelsExist(ctx, d.labelIds as string[]);
    return { pipelineId: null, stageId: null };
  }
  if (!d.labelIds.every((l) => typeof l === 'number')) throw invalid('label_ids', 'expected deal label ids');
  const stage = await placeNewDeal(ctx, {
    pipeline_id: d.pipelineId ?? undefined,
    stage_id: d.stageId ?? undefined,
  });
  return { pipelineId: stage.pipelineId, stageId: stage.id };
}

const audited = (r: WebFormWithPublicId) => presentWebForm(r, '');
const AUDITED_KEYS = [
  'name',
  'target',
  'pipeline_id',
  'stage_id',
  'owner_id',
  'label_ids',
  'visible_to',
  'fields',
  'settings',
] as const;

export async function createWebForm(ctx: Ctx, input: CreateWebFormInput): Promise<WebFormWithPublicId> {
  return inTx(ctx, async (ctx) => {
    const ownerId = input.owner_id ?? ctx.user.id;
    const placed = await checkDefinition(ctx, {
      target: input.target,
      pipelineId: input.pipeline_id ?? null,
      stageId: input.stage_id ?? null,
      ownerId,
      labelIds: input.label_ids,
      fields: input.fields,
      settings: input.settings,
    });
    const publicId = newPublicId();
    const [row] = await ctx.db
      .insert(webForms)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        target: input.target,
        pipelineId: placed.pipelineId,
        stageId: placed.stageId,
        ownerId,
        labelIds: input.label_ids,
        itemVisibleTo: input.visible_to ?? null,
        fields: input.fields,
        settings: input.settings,
        signingKey: newSigningKey(),
      })
      .returning();
    if (!row) throw new AppError('internal', 'web form not created');
    await ctx.db.insert(webFormPublicIds).values({ publicId, companyId: ctx.companyId, formId: row.id });
    const withId = { ...row, publicId };
    await recordEvent(ctx, {
      itemType: 'web_form',
      itemId: row.id,
      action: 'create',
      changes: diffFields({} as ReturnType<typeof audited>, audited(withId), AUDITED_KEYS),
    });
    return withId;
  });
}

export type WebFormWithPublicId = WebFormRow & { publicId: string };

function selectForms(ctx: Ctx) {
  return ctx.db
    .select({ form: webForms, publicId: webFormPublicIds.publicId })
    .from(webForms)
    .innerJoin(
      webFormPublicIds,
      and(eq(webFormPublicIds.companyId, webForms.companyId), eq(webFormPublicIds.formId, webForms.id)),
    );
}

/** The company's live forms, oldest first (a company has a handful; at most 500 are listed). */
export async function listWebForms(ctx: Ctx): Promise<WebFormWithPublicId[]> {
  const rows = await selectForms(ctx).where(scoped(ctx, webForms)).orderBy(asc(webForms.id)).limit(500);
  return rows.map((r) => ({ ...r.form, publicId: r.publicId }));
}

export async function getWebForm(ctx: Ctx, id: number): Promise<WebFormWithPublicId> {
  const [r] = await selectForms(ctx).where(and(scoped(ctx, webForms), eq(webForms.id, id)));
  if (!r) throw notFound('Web form');
  return { ...r.form, publicId: r.publicId };
}

export async function updateWebForm(
  ctx: Ctx,
  id: number,
  input: UpdateWebFormInput,
): Promise<WebFormWithPublicId> {
  return inTx(ctx, async (ctx) => {
    const before = await getWebForm(ctx, id);
    const target = input.target ?? before.target;
    const targetChanged = target !== before.target;
    const labelIds = input.label_ids ?? (targetChanged ? [] : before.labelIds);
    const d: Definition = {
      target,
      pipelineId:
        input.pipeline_id !== undefined ? input.pipeline_id : targetChanged ? null : before.pipelineId,
      stageId:
        input.stage_id !== undefined
          ? input.stage_id
          : input.pipeline_id !== undefined || targetChanged
            ? null
            : before.stageId,
      ownerId: input.owner_id ?? before.ownerId,
      labelIds,
      fields: input.fields ?? before.fields,
      settings: input.settings ?? before.settings,
    };
    const placed = await checkDefinition(ctx, d);
    const [row] = await ctx.db
      .update(webForms)
      .set({
        name: input.name ?? before.name,
        target,
        pipelineId: placed.pipelineId,
        stageId: placed.stageId,
        ownerId: d.ownerId,
        labelIds,
        itemVisibleTo: input.visible_to !== undefined ? input.visible_to : before.itemVisibleTo,
        fields: d.fields,
        settings: d.settings,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, webForms), eq(webForms.id, id)))
      .returning();
    if (!row) throw notFound('Web form');
    const after = { ...row, publicId: before.publicId };
    const changes = diffFields(audited(before), audited(after), AUDITED_KEYS);
    if (changes.length > 0)
      await recordEvent(ctx, { itemType: 'web_form', itemId: id, action: 'change', changes });
    return after;
  });
}

/** Deletes a form: its public page answers 404 from then on; its submissions and what they made stay. */
export async function deleteWebForm(ctx: Ctx, id: number): Promise<void> {
  await inTx(ctx, async (ctx) => {
    const now = new Date();
    const [row] = await ctx.db
      .update(webForms)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(scoped(ctx, webForms), eq(webForms.id, id)))
      .returning({ id: webForms.id });
    if (!row) throw notFound('Web form');
    await recordEvent(ctx, { itemType: 'web_form', itemId: id, action: 'delete' });
  });
}

/** A form's submissions, newest first, `limit + 1` keyset paging on the id. */
export async function listSubmissions(
  ctx: Ctx,
  formId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ rows: SubmissionRow[]; nextCursor: string | null }> {
  await getWebForm(ctx, formId);
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(webFormSubmissions)
    .where(
      and(
        scoped(ctx, webFormSubmissions),
        eq(webFormSubmissions.formId, formId),
        q.cursor !== undefined ? lt(webFormSubmissions.id, Number(q.cursor)) : undefined,
      ),
    )
    .orderBy(desc(webFormSubmissions.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextCursor: more ? String(page[page.length - 1]?.id) : null };
}
