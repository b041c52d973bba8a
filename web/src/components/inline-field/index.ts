/** One inline field editor for every record's detail view: `<InlineField type="date" …/>`. */
export { FieldRow, InlineField, type InlineFieldProps } from './inline-field.tsx';
export { type FieldTypeName, fieldTypes, type OptionsOf, type ValueOf } from './registry.ts';
export type { EditorProps, FieldType } from './types.ts';
