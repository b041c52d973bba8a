/** Custom fields in detail views, lists and the board: values between the API and the inline editors. */

export { ColumnPicker, CustomCell, type CustomColumns, useCustomColumns } from './columns.tsx';
export { CustomFieldRows, type CustomFieldsProps, CustomFieldsSection } from './custom-fields-section.tsx';
export { CardFieldContext, CustomValue, useCardField } from './custom-value.tsx';
export { CustomFieldFilter, type FieldFilterValue, filterableFields } from './filter.tsx';
export { type ListEntity, useListFields } from './list-fields.ts';
export { useUserPreference } from './preferences.ts';
