import type { MessageId } from '../../../i18n/messages/en.ts';

/** The types a custom field may have (Pipedrive's 16), in the order the Add dialog offers them. */
export const CUSTOM_TYPES = [
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
export type CustomType = (typeof CUSTOM_TYPES)[number];

const TYPE_NAMES: Record<string, MessageId> = {
  varchar: 'settings.fields.type.varchar',
  varchar_auto: 'settings.fields.type.varchar_auto',
  text: 'settings.fields.type.text',
  double: 'settings.fields.type.double',
  int: 'settings.fields.type.double',
  monetary: 'settings.fields.type.monetary',
  date: 'settings.fields.type.date',
  daterange: 'settings.fields.type.daterange',
  time: 'settings.fields.type.time',
  timerange: 'settings.fields.type.timerange',
  enum: 'settings.fields.type.enum',
  set: 'settings.fields.type.set',
  user: 'settings.fields.type.user',
  org: 'settings.fields.type.org',
  people: 'settings.fields.type.people',
  phone: 'settings.fields.type.phone',
  address: 'settings.fields.type.address',
  status: 'settings.fields.type.status',
  stage: 'settings.fields.type.stage',
  visible_to: 'settings.fields.type.visible_to',
  boolean: 'settings.fields.type.boolean',
  varchar_options: 'settings.fields.type.varchar_options',
  deal: 'settings.fields.type.deal',
  lead: 'settings.fields.type.lead',
  activity: 'settings.fields.type.activity',
  billing_frequency: 'settings.fields.type.billing_frequency',
  picture: 'settings.fields.type.picture',
  pipeline: 'settings.fields.type.pipeline',
  price_list: 'settings.fields.type.price_list',
  project: 'settings.fields.type.project',
};

/** The message naming a field type; types without one show as Pipedrive names them. */
export const typeName = (type: string): MessageId | null => TYPE_NAMES[type] ?? null;

/** Types whose values are options. */
export const hasOptions = (type: string) => type === 'enum' || type === 'set';

/** Types a deal field's formula can compute. */
export const canHoldFormula = (entity: string, type: string) =>
  entity === 'deal' && (type === 'double' || type === 'monetary');
