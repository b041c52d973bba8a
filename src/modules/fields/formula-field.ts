import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { requireAdmin } from '../users/permissions.ts';
import { customFieldDefs } from './defs.ts';
import { type FieldRef, isFormulaError } from './formula/ast.ts';
import { format } from './formula/format.ts';
import { parseFormula } from './formula/parse.ts';
import { formulaValueOfDeal, recalculateFormulaField } from './recalc.ts';
import { type FieldRow, getField } from './service.ts';
import { systemField } from './system.ts';
import { fieldDefinitions } from './tables.ts';
import { type FieldDef, FORMULA_RESULT_TYPES } from './types.ts';

/** A formula field's expression: canonical (fields by key) and for people (fields by name). */
export interface FormulaView {
  field_code: string;
  expression: string | null;
  readable: string | null;
}

/** The deal fields a formula may read: the deal's value and the live custom number and money fields. */
function knownFields(defs: FieldDef[], target: string) {
  const value = systemField('deal', 'value');
  return (key: string): FieldRef | undefined => {
    if (key === value?.key) return { fieldType: 'monetary' };
    const def = defs.find((d) => d.key === key && !d.isDeleted);
    if (!def) return undefined;
    return { fieldType: def.fieldType, isFormula: def.formula !== null || def.key === target };
  };
}

function nameOf(defs: FieldDef[]) {
  return (key: string) =>
    `{${defs.find((d) => d.key === key)?.name ?? systemField('deal', key)?.name ?? key}}`;
}

async function formulaTarget(ctx: Ctx, code: string): Promise<FieldRow> {
  const field = await getField(ctx, 'deal', { code });
  if (field.kind === 'system')
    throw invalid('field_code', `${code} is a built-in field and cannot hold a formula`);
  return field.row;
}

function view(row: Pick<FieldRow, 'key' | 'formula'>, defs: FieldDef[]): FormulaView {
  if (row.formula === null) return { field_code: row.key, expression: null, readable: null };
  const parsed = parseFormula(row.formula, (key) => {
    const def = defs.find((d) => d.key === key);
    return def ? { fieldType: def.fieldType } : key === 'value' ? { fieldType: 'monetary' } : undefined;
  });
  return {
    field_code: row.key,
    expression: row.formula,
    readable: isFormulaError(parsed) ? row.formula : format(parsed, nameOf(defs)),
  };
}

export async function getFormula(ctx: Ctx, code: string): Promise<FormulaView> {
  const row = await formulaTarget(ctx, code);
  return view(row, await customFieldDefs(ctx, 'deal'));
}

/** The formulas of every live deal field that has one (the field list's flag, one request), in order. */
export async function listFormulas(ctx: Ctx): Promise<FormulaView[]> {
  const defs = await customFieldDefs(ctx, 'deal');
  return defs.filter((d) => !d.isDeleted && d.formula !== null).map((d) => view(d, defs));
}

/**
 * Sets (or with null removes) the formula of a double or monetary deal field. The expression is kept
 * in its canonical form (fields by key in braces); values are then recalculated.
 */
export async function setFormula(ctx: Ctx, code: string, expression: string | null): Promise<FormulaView> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'fields');
    const row = await formulaTarget(ctx, code);
    if (!FORMULA_RESULT_TYPES.includes(row.fieldType as FieldDef['fieldType']))
      throw invalid('field_code', `only double and monetary fields hold a formula, not ${row.fieldType}`);
    const defs = await customFieldDefs(ctx, 'deal');
    let canonical: string | null = null;
    if (expression !== null) {
      const parsed = parseFormula(expression, knownFields(defs, row.key));
      if (isFormulaError(parsed))
        throw new AppError(
          'validation_failed',
          `Validation failed: expression: ${parsed.message} (at position ${parsed.position})`,
          'expression',
        );
      const reader = defs.find(
        (d) => d.formula !== null && d.key !== row.key && !d.isDeleted && d.formula.includes(`{${row.key}}`),
      );
      if (reader)
        throw invalid(
          'field_code',
          `the formula of ${reader.name} reads this field; a formula cannot read another`,
        );
      canonical = format(parsed, (key) => `{${key}}`);
    }
    const [updated] = await ctx.db
      .update(fieldDefinitions)
      .set({ formula: canonical, updateTime: new Date(), lastUpdatedByUserId: ctx.user.id })
      .where(and(scoped(ctx, fieldDefinitions), eq(fieldDefinitions.id, row.id)))
      .returning();
    if (!updated) throw new AppError('internal', 'formula not stored');
    await recordEvent(ctx, {
      itemType: 'field',
      itemId: row.id,
      action: 'change',
      changes: [{ field_key: 'formula', old_value: row.formula, new_value: canonical }],
    });
    // in the same transaction: the recalculation it starts is there exactly when the formula is.
    // A formula taken away leaves the last results as the field's plain values.
    if (canonical !== null) await recalculateFormulaField(ctx, row.key);
    return view(updated, defs);
  });
}

/** What the formula editor shows while one types: valid or where not, the readable form, a deal's value. */
export interface FormulaPreview {
  valid: boolean;
  error?: { code: string; message: string; position: number };
  /** fields by name; null while the expression is not a formula */
  readable: string | null;
  /** the formula over `deal_id`'s values, computed as stored (only when valid and a deal is named) */
  value?: number | null;
  currency?: string;
}

/**
 * Checks an expression as `setFormula` would, for the field `field_code` when it exists (a formula
 * cannot read its own field) or a field not yet made, and computes it over one deal. Nothing is written.
 * An expression that is no formula is an answer (`valid: false` with the position), not a refusal.
 */
export async function previewFormula(
  ctx: Ctx,
  input: { expression: string; deal_id?: number | undefined; field_code?: string | undefined },
): Promise<FormulaPreview> {
  const target = input.field_code === undefined ? null : await formulaTarget(ctx, input.field_code);
  const defs = await customFieldDefs(ctx, 'deal');
  const parsed = parseFormula(input.expression, knownFields(defs, target?.key ?? ''));
  if (isFormulaError(parsed)) {
    return {
      valid: false,
      error: { code: parsed.code, message: parsed.message, position: parsed.position },
      readable: null,
    };
  }
  const readable = format(parsed, nameOf(defs));
  if (input.deal_id === undefined) return { valid: true, readable };
  const { value, currency } = await formulaValueOfDeal(ctx, defs, parsed, input.deal_id);
  return { valid: true, readable, value, currency };
}
