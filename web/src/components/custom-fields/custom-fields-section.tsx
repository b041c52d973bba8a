import { Paper, Title } from '@mantine/core';
import { useId } from 'react';
import { mayHoldFormula, useFormulaCodes } from '../../api/field-formulas.ts';
import { type Field, useCustomFields } from '../../api/fields.ts';
import { useT } from '../../i18n/provider.tsx';
import { type FieldTypeName, InlineField } from '../inline-field/index.ts';
import { editorOf, fromEditor, fromV1, optionsOf, toEditor, toV1, type Wire } from './adapters.ts';
import { useNamed } from './named.ts';

/** The entities whose records show custom fields; leads use the deal fields. */
export type CustomFieldEntity = 'deal' | 'lead' | 'person' | 'organization' | 'product';

/** A record's custom values: v2's `custom_fields` object, or a v1 record (a lead) with them at its root. */
export type CustomValues = { shape: 'v2'; values: Record<string, unknown> } | { shape: 'v1'; record: object };

export interface CustomFieldsProps {
  entity: CustomFieldEntity;
  source: CustomValues;
  /**
   * Saves a change: the PATCH body of the record (v2: `{custom_fields: {code: value}}`, v1: root keys).
   * A refusal is thrown and stays on its field.
   */
  save: (patch: Record<string, unknown>) => Promise<unknown>;
  readOnly?: boolean;
  /** only these fields (by code), e.g. the ones a stage requires; otherwise those shown in details */
  only?: readonly string[];
}

const fieldEntity = (e: CustomFieldEntity) => (e === 'lead' ? 'deal' : e);

/** Custom fields a record's detail view shows: the ones not hidden from details. */
const shownInDetails = (f: Field) => f.ui_visibility?.details_visible_flag !== false;

function CustomFieldRow({
  field,
  wire,
  formula,
  readOnly,
  onSave,
}: {
  field: Field;
  wire: Wire;
  formula: boolean;
  readOnly: boolean;
  onSave: (field: Field, value: Wire) => Promise<unknown>;
}) {
  const t = useT();
  const type: FieldTypeName = editorOf(field);
  const value = useNamed(field, toEditor(field, wire));
  const options = type === 'enum' || type === 'set' ? { data: optionsOf(field) } : undefined;
  return (
    <InlineField
      // one component for every type: the value and options are checked by the adapters
      type={type as 'varchar'}
      label={formula ? t('customFields.formulaLabel', { name: field.field_name }) : field.field_name}
      value={value as string | null}
      options={options as never}
      readOnly={readOnly || formula}
      emptyText={t('customFields.addValue')}
      onSave={async (v) => onSave(field, await fromEditor(field, v))}
    />
  );
}

/**
 * Every custom field of a record, each shown and edited in place with the editor of its type. Formula
 * fields are read-only; their results come back with the record after a save. Renders nothing when the
 * company has no custom fields for the entity.
 */
export function CustomFieldRows({ entity, source, save, readOnly = false, only }: CustomFieldsProps) {
  const fields = useCustomFields(fieldEntity(entity));
  const shown = (fields.data ?? []).filter((f) => (only ? only.includes(f.field_code) : shownInDetails(f)));
  const formulas = useFormulaCodes(entity === 'deal' || entity === 'lead' ? shown : undefined);
  const wireOf = (f: Field): Wire =>
    source.shape === 'v2' ? source.values[f.field_code] : fromV1(f, source.record as Record<string, unknown>);
  const onSave = (f: Field, v: Wire) =>
    save(source.shape === 'v2' ? { custom_fields: { [f.field_code]: v } } : toV1(f, v));
  return shown.map((f) => (
    <CustomFieldRow
      key={f.field_code}
      field={f}
      wire={wireOf(f)}
      formula={formulas.codes.has(f.field_code) || (formulas.pending && mayHoldFormula(f))}
      readOnly={readOnly}
      onSave={onSave}
    />
  ));
}

/** The custom fields of a record in a section of their own (deal and lead pages). */
export function CustomFieldsSection(props: CustomFieldsProps) {
  const t = useT();
  const id = useId();
  const fields = useCustomFields(fieldEntity(props.entity));
  if (!fields.data?.some(shownInDetails)) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {t('customFields.title')}
      </Title>
      <CustomFieldRows {...props} />
    </Paper>
  );
}
