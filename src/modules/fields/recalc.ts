import type { Ctx } from '../context.ts';

/**
 * Recomputes a formula field's values on every deal of the company after its formula changed. A stub
 * until the values layer fills it (a background job, one set-based UPDATE per batch).
 */
export async function recalculateFormulaField(_ctx: Ctx, _fieldKey: string): Promise<void> {}
