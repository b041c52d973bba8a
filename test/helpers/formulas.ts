import type { FieldRef } from '../../src/modules/fields/formula/ast.ts';

/** A 40-hex custom field key, and a formula field's. */
export const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const FORMULA_KEY = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';

const FIELDS: Readonly<Record<string, FieldRef>> = {
  value: { fieldType: 'monetary' },
  probability: { fieldType: 'double' },
  activities_count: { fieldType: 'int' },
  [HEX]: { fieldType: 'double' },
  title: { fieldType: 'varchar' },
  expected_close_date: { fieldType: 'date' },
  [FORMULA_KEY]: { fieldType: 'monetary', isFormula: true },
};

/** The fields the formula tests know, as the fields module will describe them. */
export const knownField = (key: string): FieldRef | undefined =>
  Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
