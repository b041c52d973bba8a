import { and, asc, count, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError } from '../errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { scoped } from '../scope.ts';
import { customFieldDefs } from './defs.ts';
import { type FieldRef, type Formula, isFormulaError } from './formula/ast.ts';
import { parseFormula } from './formula/parse.ts';
import { toSql } from './formula/to-sql.ts';
import type { FieldDef } from './types.ts';

/**
 * Formula fields of deals: their results are stored in the deal's `custom_fields` under the formula
 * field's key (double: a number; monetary: `{value, currency}` in the deal's currency), absent when
 * empty. One SQL expression computes them (toSql), so the one-row UPDATE of a write and the batched
 * UPDATEs of a recalculation give the same value.
 */

/** The deal fields built in that a formula reads, as columns of the deals row. */
const SYSTEM_INPUTS: Readonly<Record<string, { ref: FieldRef; column: SQL }>> = {
  value: { ref: { fieldType: 'monetary' }, column: sql`${deals.value}` },
  probability: { ref: { fieldType: 'double' }, column: sql`${deals.probability}` },
};

/** Deal fields a write must change for formulas to be recomputed (custom fields aside). */
export const FORMULA_INPUT_COLUMNS = ['value', 'probability', 'currency'] as const;

interface LiveFormula {
  def: FieldDef;
  formula: Formula;
}

/** The live formula fields of the company's deals whose formula parses against today's fields. */
export function liveFormulas(defs: readonly FieldDef[]): LiveFormula[] {
  const byKey = new Map(defs.filter((d) => !d.isDeleted).map((d) => [d.key, d]));
  const known = (key: string): FieldRef | undefined => {
    const system = SYSTEM_INPUTS[key];
    if (system) return system.ref;
    const def = byKey.get(key);
    return def ? { fieldType: def.fieldType, isFormula: def.formula !== null } : undefined;
  };
  const out: LiveFormula[] = [];
  for (const def of byKey.values()) {
    if (def.formula === null) continue;
    const formula = parseFormula(def.formula, known);
    if (!isFormulaError(formula)) out.push({ def, formula });
  }
  return out;
}

/** The value a formula reads for `key`, over the deals row: a column or a custom value. */
function inputColumn(defs: ReadonlyMap<string, FieldDef>, key: string): SQL {
  const system = SYSTEM_INPUTS[key];
  if (system) return system.column;
  const def = defs.get(key);
  if (def?.fieldType === 'monetary') return sql`(${deals.customFields} -> ${key} ->> 'value')`;
  if (def?.fieldType === 'double') return sql`(${deals.customFields} ->> ${key})`;
  return sql`NULL`;
}

/** `custom_fields` with the formulas' results in place of their stored values. */
function withResults(defs: readonly FieldDef[], formulas: readonly LiveFormula[]): SQL {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const keys = formulas.map((f) => f.def.key);
  const results = formulas.map(({ def, formula }) => {
    const value = toSql(formula, (key) => inputColumn(byKey, key));
    const stored =
      def.fieldType === 'monetary'
        ? sql`CASE WHEN r.v IS NULL THEN NULL ELSE jsonb_build_object('value', r.v, 'currency', ${deals.currency}) END`
        : sql`to_jsonb(r.v)`;
    return sql`${def.key}::text, (SELECT ${stored} FROM (SELECT ${value} AS v) AS r)`;
  });
  return sql`(${deals.customFields} - ${sql.param(keys)}::text[]) || jsonb_strip_nulls(jsonb_build_object(${sql.join(results, sql`, `)}))`;
}

/**
 * Recomputes every formula field of the deals `where` selects (a one-row UPDATE on a write, in its
 * transaction). Answers the deals as they are after it, none when the company has no formula.
 */
export async function recomputeFormulas(
  ctx: TxCtx,
  where: SQL,
  defs?: readonly FieldDef[],
): Promise<(typeof deals.$inferSelect)[]> {
  const all = defs ?? (await customFieldDefs(ctx, 'deal'));
  const formulas = liveFormulas(all);
  if (formulas.length === 0) return [];
  return ctx.db
    .update(deals)
    .set({ customFields: withResults(all, formulas) })
    .where(and(eq(deals.companyId, ctx.companyId), where))
    .returning();
}

export const RECALCULATE_FORMULA = 'recalculate_formula';
/** Deals per UPDATE of a recalculation. */
const BATCH = 1000;

/**
 * Queues the recalculation of one formula field on every deal of the company (its formula changed):
 * a job on the jobs table, whose progress counts deals; answers the job.
 */
export async function recalculateFormulaField(ctx: Ctx, fieldKey: string): Promise<JobRow> {
  const defs = await customFieldDefs(ctx, 'deal');
  if (!liveFormulas(defs).some((f) => f.def.key === fieldKey)) {
    throw new AppError('not_found', 'Formula field not found', 'field_code');
  }
  const [row] = await ctx.db
    .select({ n: count() })
    .from(deals)
    .where(scoped(ctx, deals, { deleted: 'too', visibility: 'any' }));
  return enqueueJob(ctx, { kind: RECALCULATE_FORMULA, payload: { fieldKey }, total: row?.n ?? 0 });
}

/**
 * The job: deals in id order, BATCH at a time, one set-based UPDATE each (deleted deals too: their
 * values come back with them), progress saved with each batch. A formula deleted or broken
 * meanwhile ends the job with nothing more to do.
 */
export const recalculateFormulaHandler: JobHandler = async ({ job, ctx, progress, breathe }) => {
  const fieldKey = String(job.payload.fieldKey);
  let after = 0;
  let done = 0;
  for (;;) {
    await breathe();
    const updated = await inTx(ctx, async (tx) => {
      const defs = await customFieldDefs(tx, 'deal');
      const formula = liveFormulas(defs).find((f) => f.def.key === fieldKey);
      if (!formula) return null;
      const batch = tx.db
        .select({ id: deals.id })
        .from(deals)
        .where(and(scoped(tx, deals, { deleted: 'too', visibility: 'any' }), gt(deals.id, after)))
        .orderBy(asc(deals.id))
        .limit(BATCH);
      const rows = await tx.db
        .update(deals)
        .set({ customFields: withResults(defs, [formula]) })
        .where(and(eq(deals.companyId, tx.companyId), inArray(deals.id, batch)))
        .returning({ id: deals.id });
      done += rows.length;
      if (rows.length > 0) await progress(tx, done);
      return rows;
    });
    if (updated === null || updated.length === 0) return { updated: done };
    after = Math.max(...updated.map((r) => r.id));
  }
};

/**
 * What a formula gives for one deal the caller sees, by the same SQL a recalculation stores (nothing is
 * written): null when a field it reads is empty or it divides by zero. A deal the caller cannot see is
 * a 404 naming `deal_id`.
 */
export async function formulaValueOfDeal(
  ctx: Ctx,
  defs: readonly FieldDef[],
  formula: Formula,
  dealId: number,
): Promise<{ value: number | null; currency: string }> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const value = toSql(formula, (key) => inputColumn(byKey, key));
  const [row] = await ctx.db
    .select({ value: sql<string | null>`${value}`, currency: deals.currency })
    .from(deals)
    .where(and(scoped(ctx, deals), eq(deals.id, dealId)));
  if (!row) throw new AppError('not_found', 'Deal not found', 'deal_id');
  return { value: row.value === null ? null : Number(row.value), currency: row.currency };
}
