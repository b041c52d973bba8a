import type { ComponentType, ReactNode } from 'react';
import type { Translate } from '../../i18n/provider.tsx';

/** What an editor gets: the value being edited, and how to change it or save it at once. */
export interface EditorProps<V, O> {
  /** the field's label, also the editor's (its input is named by it) */
  label: string;
  value: V;
  onChange: (value: V) => void;
  /** saves this value now: a pick in a list or a calendar needs no Save */
  commit: (value: V) => void;
  options: O;
  /** the server's or the validation's message, shown on the field */
  error: ReactNode;
  saving: boolean;
}

/**
 * One kind of field: its editor, how its value shows, when it is empty, when two values are the same
 * and what cannot be saved. Registered by name in `fieldTypes` (registry.ts); custom fields add one entry
 * per Pipedrive field type.
 */
export interface FieldType<V, O> {
  Editor: ComponentType<EditorProps<V, O>>;
  /** the value as the view shows it (not called for an empty value) */
  Show: ComponentType<{ value: V; options: O }>;
  isEmpty: (value: V) => boolean;
  equals: (a: V, b: V) => boolean;
  /** a message when `value` cannot be saved */
  validate?: (value: V, options: O, t: Translate, label: string) => string | undefined;
}

/** Builds a field type; `equals` defaults to the same JSON. */
export function fieldType<V, O = Record<string, never>>(
  def: Omit<FieldType<V, O>, 'equals'> & { equals?: (a: V, b: V) => boolean },
): FieldType<V, O> {
  return { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b), ...def };
}
