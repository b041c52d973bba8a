/** The entities whose fields a company defines. Leads use the deal fields, as in Pipedrive. */
export const FIELD_ENTITIES = ['deal', 'person', 'organization', 'product'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];

/** The field types a custom field may have (Pipedrive's 16 custom types). */
export const CUSTOM_FIELD_TYPES = [
  'varchar',
  'varchar_auto',
  'text',
  'double',
  'monetary',
  'date',
  'daterange',
  'time',
  'timerange',
  'enum',
  'set',
  'user',
  'org',
  'people',
  'phone',
  'address',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Types whose values are option ids. */
export const OPTION_TYPES: readonly CustomFieldType[] = ['enum', 'set'];

/** Types a deal formula field may have (its result), and the types a formula may read. */
export const FORMULA_RESULT_TYPES: readonly CustomFieldType[] = ['double', 'monetary'];

/** The parts of an address value, after `value` (v2 `custom_fields[key]`, v1 `<key>_<part>`). */
export const ADDRESS_PARTS = [
  'subpremise',
  'street_number',
  'route',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
  'formatted_address',
] as const;

export interface FieldOption {
  id: number;
  label: string;
  color: string | null;
  orderNr: number;
  addTime: Date;
  updateTime: Date;
}

/** A company's custom field as the values layer reads it: the definition and its live options. */
export interface FieldDef {
  id: number;
  entity: FieldEntity;
  key: string;
  name: string;
  fieldType: CustomFieldType;
  /** deals: the formula of a double or monetary field; its values are computed, never written */
  formula: string | null;
  isDeleted: boolean;
  /** deals: the stages a deal may enter only with a value here (`required_fields` when enabled) */
  requiredStageIds: number[];
  options: FieldOption[];
}
