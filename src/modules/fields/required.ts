import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { customFieldDefs } from './defs.ts';
import type { StoredValues } from './values.ts';

/**
 * A deal may enter a stage only with a value in every field that requires one there
 * (`required_fields.stage_ids`): otherwise a 400 naming the first such field.
 */
export async function assertRequiredValues(ctx: Ctx, stageId: number, stored: StoredValues): Promise<void> {
  const defs = await customFieldDefs(ctx, 'deal');
  for (const def of defs) {
    if (def.isDeleted || def.formula !== null || !def.requiredStageIds.includes(stageId)) continue;
    const v = stored[def.key];
    const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) throw invalid(`custom_fields.${def.key}`, `${def.name} is required in this stage`);
  }
}
