import type { z } from 'zod';
import { rfc3339, sqlTime } from '../../http/formats.ts';
import type { V2Field } from './schema.ts';
import {
  defaultImportantFields,
  defaultRequiredFields,
  type Field,
  type FieldRow,
  type OptionRow,
} from './service.ts';
import { codeOf, type ListedEntity } from './system.ts';
import { ADDRESS_PARTS } from './types.ts';

interface Subfield {
  key: string;
  name: string;
  fieldType: string;
}

const PART_NAMES: Record<(typeof ADDRESS_PARTS)[number], string> = {
  subpremise: 'Apartment/suite no',
  street_number: 'House number',
  route: 'Street/road name',
  sublocality: 'District/sublocality',
  locality: 'City/town/village/locality',
  admin_area_level_1: 'State/county',
  admin_area_level_2: 'Region',
  country: 'Country',
  postal_code: 'ZIP/Postal code',
  formatted_address: 'Full/combined address',
};

/** The parts of a custom field's value that v1 shows under their own keys (`<key>_<part>`). */
function subfieldsOf(row: FieldRow): Subfield[] {
  const sub = (suffix: string, what: string, fieldType: string): Subfield => ({
    key: `${row.key}_${suffix}`,
    name: `${row.name} - ${what}`,
    fieldType,
  });
  switch (row.fieldType) {
    case 'monetary':
      return [sub('currency', 'Currency', 'varchar')];
    case 'daterange':
      return [sub('until', 'End date', 'date')];
    case 'timerange':
      return [sub('until', 'End time', 'time')];
    case 'address':
      return ADDRESS_PARTS.map((p) => sub(p, PART_NAMES[p], 'varchar'));
    default:
      return [];
  }
}

const hasOptions = (row: FieldRow) => row.fieldType === 'enum' || row.fieldType === 'set';
const v1Options = (options: readonly OptionRow[]) => options.map((o) => ({ id: o.id, label: o.label }));

const v1Flags = {
  active_flag: true,
  index_visible_flag: true,
  bulk_edit_allowed: true,
  searchable_flag: false,
  filtering_allowed: true,
  sortable_flag: true,
};

/** A field in v1's shape (the client's `Field`): built-in fields with `edit_flag: false`. */
export function presentFieldV1(f: Field) {
  if (f.kind === 'system') {
    const s = f.field;
    return {
      id: s.id,
      key: s.key,
      name: s.name,
      order_nr: s.id - 1,
      field_type: s.fieldType,
      add_time: null,
      update_time: null,
      last_updated_by_user_id: null,
      created_by_user_id: null,
      ...v1Flags,
      edit_flag: false,
      details_visible_flag: true,
      add_visible_flag: s.mandatory,
      important_flag: false,
      mandatory_flag: s.mandatory,
      options: s.options ? s.options.map((o) => ({ id: o.id, label: o.label })) : null,
    };
  }
  const r = f.row;
  const base = {
    id: r.id,
    key: r.key,
    name: r.name,
    order_nr: r.orderNr,
    field_type: r.fieldType,
    add_time: sqlTime(r.addTime),
    update_time: sqlTime(r.updateTime),
    last_updated_by_user_id: r.lastUpdatedByUserId,
    created_by_user_id: r.createdByUserId,
    ...v1Flags,
    edit_flag: true,
    details_visible_flag: r.detailsVisibleFlag,
    add_visible_flag: r.addVisibleFlag,
    important_flag: r.importantFlag,
    mandatory_flag: r.mandatoryFlag,
    options: hasOptions(r) ? v1Options(f.options) : null,
  };
  const extra: {
    options_deleted?: { id: number; label: string }[];
    subfields?: (Omit<typeof base, 'id'> & { id: null; is_subfield: boolean })[];
  } = {};
  if (f.deletedOptions.length > 0) extra.options_deleted = v1Options(f.deletedOptions);
  const subfields = subfieldsOf(r);
  if (subfields.length > 0)
    extra.subfields = subfields.map((s) => ({
      ...base,
      id: null,
      key: s.key,
      name: s.name,
      field_type: s.fieldType,
      options: null,
      is_subfield: true,
    }));
  return Object.assign(base, extra);
}

/** v1 note fields: the narrower shape of GetNoteFieldsResponse. */
export function presentNoteField(f: Field) {
  const v1 = presentFieldV1(f);
  return {
    id: v1.id as number,
    key: v1.key,
    name: v1.name,
    field_type: v1.field_type,
    active_flag: v1.active_flag,
    edit_flag: v1.edit_flag,
    bulk_edit_allowed: v1.bulk_edit_allowed,
    mandatory_flag: v1.mandatory_flag,
    options: v1.options ?? [],
  };
}

export interface V2Options {
  include?: readonly string[] | undefined;
}

/** The namespaces of a built-in field: what a new company's settings say. */
function systemNamespaces(f: Extract<Field, { kind: 'system' }>) {
  return {
    ui_visibility: { add_visible_flag: f.field.mandatory, details_visible_flag: true },
    important_fields: defaultImportantFields(f.entity),
    required_fields: { ...defaultRequiredFields(f.entity), enabled: f.field.mandatory },
  };
}

function customNamespaces(f: Extract<Field, { kind: 'custom' }>) {
  const r = f.row;
  return {
    ui_visibility: {
      ...(r.uiVisibility ?? {}),
      add_visible_flag: r.addVisibleFlag,
      details_visible_flag: r.detailsVisibleFlag,
    },
    important_fields: { ...defaultImportantFields(f.entity), ...(r.importantFields ?? {}) },
    required_fields: { ...defaultRequiredFields(f.entity), ...(r.requiredFields ?? {}) },
  };
}

const hasDescription = (entity: ListedEntity) => entity === 'deal';

/** A field in v2's shape; ui_visibility, important_fields and required_fields only when asked for. */
export function presentFieldV2(f: Field, opts: V2Options = {}) {
  const out: Record<string, unknown> =
    f.kind === 'system'
      ? {
          field_code: codeOf(f.field),
          field_name: f.field.name,
          field_type: f.field.fieldType,
          is_custom_field: false,
          is_optional_response_field: f.field.optional === true,
          ...(hasDescription(f.entity) ? { description: null } : {}),
          options: f.field.options
            ? f.field.options.map((o) => ({ ...o, color: null, add_time: null, update_time: null }))
            : null,
          subfields: null,
        }
      : {
          field_code: f.row.key,
          field_name: f.row.name,
          field_type: f.row.fieldType,
          is_custom_field: true,
          is_optional_response_field: false,
          ...(hasDescription(f.entity) ? { description: f.row.description } : {}),
          options: hasOptions(f.row)
            ? f.options.map((o) => ({
                id: o.id,
                label: o.label,
                color: o.color,
                add_time: rfc3339(o.addTime),
                update_time: rfc3339(o.updateTime),
              }))
            : null,
          subfields: subfieldsOrNull(f.row),
        };
  if (opts.include && opts.include.length > 0) {
    const namespaces: Record<string, unknown> =
      f.kind === 'system' ? systemNamespaces(f) : customNamespaces(f);
    for (const name of opts.include) out[name] = namespaces[name];
  }
  return out as z.input<typeof V2Field>;
}

function subfieldsOrNull(row: FieldRow) {
  const subs = subfieldsOf(row);
  return subs.length === 0
    ? null
    : subs.map((s) => ({ field_code: s.key, field_name: s.name, field_type: s.fieldType }));
}

export const presentOptionV2 = (o: OptionRow) => ({ id: o.id, label: o.label });
