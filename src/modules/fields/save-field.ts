import { type Ctx, inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { type FormulaView, getFormula, setFormula } from './formula-field.ts';
import { type Field, getField, ownField, updateField } from './service.ts';
import type { FieldEntity } from './types.ts';

/** What Settings → Data fields saves of a custom field in one call (PUT /api/ext/{entity}Fields/{code}). */
export interface SaveFieldInput {
  field_name?: string | undefined;
  /** every live option in the wanted order: with an id kept (renamed, moved), without added, left out deleted */
  options?: { id?: number | undefined; label: string }[] | undefined;
  important_fields?: { enabled?: boolean | undefined; stage_ids?: number[] | undefined } | undefined;
  required_fields?:
    | {
        enabled?: boolean | undefined;
        stage_ids?: number[] | undefined;
        statuses?: Record<string, ('won' | 'lost')[]> | undefined;
      }
    | undefined;
  /** deal number and money fields: the expression, null to remove it; undefined leaves it */
  formula?: string | null | undefined;
}

/** setFormula names its own body's `expression` and the path's `field_code`; here both are `formula`. */
function asFormulaError(e: unknown): unknown {
  if (!(e instanceof AppError) || (e.field !== 'expression' && e.field !== 'field_code')) return e;
  const message = e.message.replace(
    /^Validation failed: (expression|field_code): /,
    'Validation failed: formula: ',
  );
  return new AppError(e.code, message, 'formula');
}

/**
 * A field's whole edit in one transaction, through the use cases each part has on its own (updateField
 * for the name, the settings and the options as v1 replaces them; setFormula for the formula, which
 * queues its recalculation in the same transaction): a refusal of any part — a bad formula, an option
 * id the field does not have — rolls back every other, so nothing is half saved. The formula is set
 * only when it differs from the stored one, so saving a dialog again queues no recalculation.
 */
export async function saveField(
  ctx: Ctx,
  entity: FieldEntity,
  code: string,
  input: SaveFieldInput,
): Promise<{ field: Field; formula: FormulaView | null }> {
  return inTx(ctx, async (tx) => {
    const { formula, ...settings } = input;
    // a built-in field or another company's is refused before anything is written
    await ownField(tx, entity, { code }, 'changed');
    if (Object.values(settings).some((v) => v !== undefined))
      await updateField(tx, entity, { code }, settings);
    let view: FormulaView | null = null;
    if (entity === 'deal') {
      view = await getFormula(tx, code);
      if (formula !== undefined && formula !== view.expression)
        view = await setFormula(tx, code, formula).catch((e: unknown) => {
          throw asFormulaError(e);
        });
    }
    return { field: await getField(tx, entity, { code }), formula: view };
  });
}
