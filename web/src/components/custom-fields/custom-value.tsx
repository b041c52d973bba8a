import { createContext, useContext } from 'react';
import type { Field } from '../../api/fields.ts';
import { type FieldType, fieldTypes } from '../inline-field/index.ts';
import { editorOf, optionsOf, toEditor, type Wire } from './adapters.ts';
import { useNamed } from './named.ts';

/** A custom value shown read-only as its type shows it (a list's label, an amount, a day…); nothing when empty. */
export function CustomValue({ field, wire }: { field: Field; wire: Wire }) {
  const type = editorOf(field);
  const def = fieldTypes[type] as unknown as FieldType<unknown, unknown>;
  const value = useNamed(field, toEditor(field, wire));
  if (wire === undefined || wire === null || def.isEmpty(value)) return null;
  const options = type === 'enum' || type === 'set' ? { data: optionsOf(field) } : {};
  return <def.Show value={value} options={options} />;
}

/** The deal field the board's cards show (chosen in the board's settings), or null. */
export const CardFieldContext = createContext<Field | null>(null);

export const useCardField = () => useContext(CardFieldContext);
