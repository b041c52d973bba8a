import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { fieldDefinitions, fieldOptions } from '../../src/modules/fields/tables.ts';
import type { CustomFieldType, FieldEntity } from '../../src/modules/fields/types.ts';
import type { Maker } from './tenant.ts';

export interface MadeField {
  id: number;
  key: string;
  name: string;
  options: { id: number; label: string }[];
}

/**
 * A custom field of the tenant's company, with its options. Inserted through `t.db` for now: the
 * fields API (addField, on branch h-fapi) replaces this insert once merged.
 */
export async function makeField(
  t: Maker,
  entity: FieldEntity,
  o: {
    /** a fixed key (tests that name one); random otherwise */
    key?: string;
    name: string;
    field_type: CustomFieldType;
    options?: string[];
    formula?: string;
    required_fields?: object;
  },
): Promise<MadeField> {
  const key = o.key ?? randomBytes(20).toString('hex');
  const [row] = await t.db
    .insert(fieldDefinitions)
    .values({
      companyId: t.ctx.companyId,
      entity,
      key,
      name: o.name,
      fieldType: o.field_type,
      formula: o.formula ?? null,
      requiredFields: (o.required_fields as Record<string, unknown> | undefined) ?? null,
      createdByUserId: t.ctx.user.id,
    })
    .returning();
  if (!row) throw new Error('field not made');
  const options = await Promise.all(
    (o.options ?? []).map(async (label, n) => {
      const [opt] = await t.db
        .insert(fieldOptions)
        .values({ companyId: t.ctx.companyId, fieldId: row.id, label, orderNr: n })
        .returning();
      if (!opt) throw new Error('option not made');
      return { id: opt.id, label };
    }),
  );
  return { id: row.id, key, name: o.name, options };
}

/** Deletes a field as the fields API does (soft). */
export async function deleteFieldRow(t: Maker, id: number): Promise<void> {
  await t.db
    .update(fieldDefinitions)
    .set({ isDeleted: true, deleteTime: new Date() })
    .where(eq(fieldDefinitions.id, id));
}

/** Deletes an option as the fields API does (soft). */
export async function deleteOptionRow(t: Maker, id: number): Promise<void> {
  await t.db
    .update(fieldOptions)
    .set({ isDeleted: true, deleteTime: new Date() })
    .where(eq(fieldOptions.id, id));
}
