import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeholderCtx, prepared, statementValues } from '../../db/prepared.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import { fieldDefinitions, fieldOptions } from './tables.ts';
import type { CustomFieldType, FieldDef, FieldEntity } from './types.ts';

/** An option as the definitions statement aggregates it (jsonb: times as text). */
interface RawOption {
  id: number;
  label: string;
  color: string | null;
  order_nr: number;
  add_time: string;
  update_time: string;
}

/**
 * One statement, prepared once per connection: every list of deals, persons or organizations with a
 * custom value reads it, so it must cost one round trip (two statements and Drizzle's building of them
 * took 2.9 ms of a 100-deal list on the embedded database; bench/fields.ts).
 */
const definitionsOf = (db: Db) => {
  const ctx = placeholderCtx(db, false);
  const o = sql.raw('o');
  // the select list names columns without their table: the outer row is named in words
  const d = sql.raw('field_definitions');
  return db
    .select({
      id: fieldDefinitions.id,
      key: fieldDefinitions.key,
      name: fieldDefinitions.name,
      fieldType: fieldDefinitions.fieldType,
      formula: fieldDefinitions.formula,
      isDeleted: fieldDefinitions.isDeleted,
      requiredFields: fieldDefinitions.requiredFields,
      options: sql<
        RawOption[]
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', ${o}.id, 'label', ${o}.label,
          'color', ${o}.color, 'order_nr', ${o}.order_nr, 'add_time', ${o}.add_time, 'update_time', ${o}.update_time)
          ORDER BY ${o}.order_nr, ${o}.id), '[]'::jsonb)
        FROM ${fieldOptions} ${o}
        WHERE ${o}.company_id = ${d}.company_id AND ${o}.field_id = ${d}.id
          AND ${o}.is_deleted = false)`,
    })
    .from(fieldDefinitions)
    .where(
      and(
        scoped(ctx, fieldDefinitions, { deleted: 'too' }),
        eq(fieldDefinitions.entity, sql.placeholder('entity')),
      ),
    )
    .orderBy(asc(fieldDefinitions.orderNr), asc(fieldDefinitions.id));
};

/**
 * The company's custom fields of one entity, deleted ones too (values of a deleted field stay stored and
 * its name stays readable in history; writes that name it are ignored), each with its live options in
 * order. The one read the values layer makes: one statement, whatever the number of fields.
 */
export async function customFieldDefs(ctx: Ctx, entity: FieldEntity): Promise<FieldDef[]> {
  const rows = await prepared(ctx.db, 'custom_field_defs', definitionsOf).execute(
    statementValues(ctx, { entity }),
  );
  return rows.map((r) => ({
    id: r.id,
    entity,
    key: r.key,
    name: r.name,
    fieldType: r.fieldType as CustomFieldType,
    formula: r.formula,
    isDeleted: r.isDeleted,
    requiredStageIds: requiredStageIds(r.requiredFields),
    options: r.options.map((o) => ({
      id: o.id,
      label: o.label,
      color: o.color,
      orderNr: o.order_nr,
      addTime: new Date(o.add_time),
      updateTime: new Date(o.update_time),
    })),
  }));
}

/** The stage ids of `required_fields` (v2: `{enabled, stage_ids, statuses}`) when it is enabled. */
function requiredStageIds(required: Record<string, unknown> | null): number[] {
  if (required?.enabled !== true || !Array.isArray(required.stage_ids)) return [];
  return required.stage_ids.filter((id): id is number => typeof id === 'number');
}
