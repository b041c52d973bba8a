import { and, asc, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { AppError, notFound } from '../errors.ts';
import { customFieldDefs } from '../fields/defs.ts';
import { scoped } from '../scope.ts';
import { placeholderValues } from './fill.ts';
import type { TemplateBodyT, UpdateTemplateBodyT } from './schema.ts';
import { documentTemplates, type TemplateRow } from './tables.ts';
import {
  assertPlaceholders,
  CUSTOM_PREFIX,
  fillTemplate,
  PLACEHOLDERS,
  sanitizeRichText,
} from './template-html.ts';

/** The keys of the company's live custom deal fields: what {{deal.custom.<key>}} may name. */
async function customKeys(ctx: Ctx): Promise<Set<string>> {
  return new Set((await customFieldDefs(ctx, 'deal')).filter((d) => !d.isDeleted).map((d) => d.key));
}

/** A body as it is stored: sanitised, every placeholder known (400 naming the first unknown one). */
async function cleanBody(ctx: Ctx, body: string): Promise<string> {
  const clean = sanitizeRichText(body);
  assertPlaceholders(clean, await customKeys(ctx));
  return clean;
}

/** The placeholders a template can use, custom deal fields included (the editor's picker). */
export async function listPlaceholders(ctx: Ctx) {
  const defs = (await customFieldDefs(ctx, 'deal')).filter((d) => !d.isDeleted);
  return [
    ...PLACEHOLDERS.map((key) => ({
      key,
      group: (key === 'products' ? 'products' : key.split('.')[0]) as
        | 'deal'
        | 'person'
        | 'organization'
        | 'owner'
        | 'company'
        | 'date'
        | 'products',
      name: key,
    })),
    ...defs.map((d) => ({ key: `${CUSTOM_PREFIX}${d.key}`, group: 'custom' as const, name: d.name })),
  ];
}

export async function listTemplates(ctx: Ctx): Promise<TemplateRow[]> {
  return ctx.db
    .select()
    .from(documentTemplates)
    .where(scoped(ctx, documentTemplates))
    .orderBy(asc(documentTemplates.name), asc(documentTemplates.id))
    .limit(500);
}

export async function getTemplate(ctx: Ctx, id: number, field = 'id'): Promise<TemplateRow> {
  const [row] = await ctx.db
    .select()
    .from(documentTemplates)
    .where(and(scoped(ctx, documentTemplates), eq(documentTemplates.id, id)));
  if (!row) throw new AppError('not_found', 'Document template not found', field);
  return row;
}

export async function createTemplate(ctx: Ctx, input: TemplateBodyT): Promise<TemplateRow> {
  return inTx(ctx, async (ctx) => {
    const body = await cleanBody(ctx, input.body);
    const [row] = await ctx.db
      .insert(documentTemplates)
      .values({ companyId: ctx.companyId, name: input.name, body, userId: ctx.user.id })
      .returning();
    if (!row) throw new AppError('internal', 'template not created');
    await recordEvent(ctx, {
      itemType: 'document_template',
      itemId: row.id,
      action: 'create',
      changes: [{ field_key: 'name', old_value: null, new_value: row.name }],
    });
    return row;
  });
}

export async function updateTemplate(ctx: Ctx, id: number, input: UpdateTemplateBodyT): Promise<TemplateRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getTemplate(ctx, id);
    const body = input.body === undefined ? before.body : await cleanBody(ctx, input.body);
    const [row] = await ctx.db
      .update(documentTemplates)
      .set({ name: input.name ?? before.name, body, updateTime: new Date() })
      .where(and(scoped(ctx, documentTemplates), eq(documentTemplates.id, id)))
      .returning();
    if (!row) throw notFound('Document template');
    const changes = [];
    if (row.name !== before.name)
      changes.push({ field_key: 'name', old_value: before.name, new_value: row.name });
    if (row.body !== before.body) changes.push({ field_key: 'body', old_value: null, new_value: null });
    await recordEvent(ctx, { itemType: 'document_template', itemId: id, action: 'change', changes });
    return row;
  });
}

export async function deleteTemplate(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await getTemplate(ctx, id);
    const now = new Date();
    await ctx.db
      .update(documentTemplates)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(scoped(ctx, documentTemplates), eq(documentTemplates.id, id)));
    await recordEvent(ctx, { itemType: 'document_template', itemId: id, action: 'delete' });
  });
}

/** The body as it would be saved, filled from a deal when one is named (nothing is written). */
export async function previewTemplate(ctx: Ctx, input: { body: string; deal_id?: number | undefined }) {
  const body = await cleanBody(ctx, input.body);
  if (input.deal_id === undefined) return { body };
  const deal = await getDeal(ctx, input.deal_id).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found')
      throw new AppError('not_found', 'Deal not found', 'deal_id');
    throw e;
  });
  const { values, productsHtml } = await placeholderValues(ctx, deal);
  return { body: fillTemplate(body, values, productsHtml) };
}
