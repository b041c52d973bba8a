import { and, asc, eq, inArray } from 'drizzle-orm';
import type { StatementCtx } from '../context.ts';
import { scoped } from '../scope.ts';
import { fieldDefinitions, fieldOptions } from './tables.ts';
import type { CustomFieldType, FieldDef, FieldEntity } from './types.ts';

/**
 * The company's custom fields of one entity, deleted ones too (values of a deleted field stay stored and
 * its name stays readable in history; writes that name it are ignored), each with its live options in
 * order. The one read the values layer makes: two statements, whatever the number of fields.
 */
export async function customFieldDefs(ctx: StatementCtx, entity: FieldEntity): Promise<FieldDef[]> {
  const rows = await ctx.db
    .select()
    .from(fieldDefinitions)
    .where(and(scoped(ctx, fieldDefinitions, { deleted: 'too' }), eq(fieldDefinitions.entity, entity)))
    .orderBy(asc(fieldDefinitions.orderNr), asc(fieldDefinitions.id));
  const withOptions = rows.filter((r) => r.fieldType === 'enum' || r.fieldType === 'set').map((r) => r.id);
  const options =
    withOptions.length === 0
      ? []
      : await ctx.db
          .select()
          .from(fieldOptions)
          .where(and(scoped(ctx, fieldOptions), inArray(fieldOptions.fieldId, withOptions)))
          .orderBy(asc(fieldOptions.orderNr), asc(fieldOptions.id));
  return rows.map((r) => ({
    id: r.id,
    entity,
    key: r.key,
    name: r.name,
    fieldType: r.fieldType as CustomFieldType,
    formula: r.formula,
    isDeleted: r.isDeleted,
    requiredStageIds: requiredStageIds(r.requiredFields),
    options: options
      .filter((o) => o.fieldId === r.id)
      .map((o) => ({
        id: o.id,
        label: o.label,
        color: o.color,
        orderNr: o.orderNr,
        addTime: o.addTime,
        updateTime: o.updateTime,
      })),
  }));
}

/** The stage ids of `required_fields` (v2: `{enabled, stage_ids, statuses}`) when it is enabled. */
function requiredStageIds(required: Record<string, unknown> | null): number[] {
  if (required?.enabled !== true || !Array.isArray(required.stage_ids)) return [];
  return required.stage_ids.filter((id): id is number => typeof id === 'number');
}
