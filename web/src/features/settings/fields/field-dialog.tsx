import { Checkbox, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  type Field,
  type FieldEntity,
  type FormulaView,
  useAddField,
  useUpdateField,
} from '../../../api/fields.ts';
import { DialogForm } from '../../../components/dialog-form.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { CUSTOM_TYPES, canHoldFormula, hasOptions, typeName } from './field-types.ts';
import { FormulaEditor } from './formula-editor.tsx';
import { type FormulaInput, toCanonical } from './formula-text.ts';
import { type OptionRow, OptionsEditor, optionRow } from './options-editor.tsx';

/**
 * Add a custom field (name, type, options, formula) or change one (name, options, formula; the type
 * stays). `formula` is the field's current formula when it can hold one.
 */
export function FieldDialog({
  entity,
  field,
  formula,
  inputs,
  onClose,
}: {
  entity: FieldEntity;
  field: Field | null;
  formula: FormulaView | null;
  /** the deal fields a formula may read */
  inputs: readonly FormulaInput[];
  onClose: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(field?.field_name ?? '');
  const [type, setType] = useState<string>(field?.field_type ?? 'varchar');
  const [options, setOptions] = useState<OptionRow[]>(() =>
    field?.options?.length
      ? field.options.map((o) => optionRow({ id: Number(o.id), label: o.label }))
      : [optionRow({ label: '' }), optionRow({ label: '' })],
  );
  const [withFormula, setWithFormula] = useState(formula?.expression != null);
  const [text, setText] = useState(formula?.readable ?? '');
  const [errors, setErrors] = useState<{ name?: string; options?: string; formula?: string }>({});
  const add = useAddField(entity);
  const update = useUpdateField(entity);
  const save = field ? update : add;
  const formulaPossible = canHoldFormula(entity, type);

  const submit = () => {
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('settings.nameRequired');
    const labels = options.map((o) => ({ id: o.id, label: o.label.trim() }));
    if (hasOptions(type) && (labels.length === 0 || labels.some((o) => !o.label)))
      found.options = t('settings.fields.optionRequired');
    let expression: string | null = null;
    if (formulaPossible && withFormula) {
      const c = toCanonical(text, inputs);
      if (!text.trim()) found.formula = t('settings.fields.formula.required');
      else if (!c.ok) found.formula = t('settings.fields.formula.error.unknownName', { name: c.name });
      else expression = c.expression;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const done = () => {
      notifications.show({
        color: 'teal',
        message: t(field ? 'settings.fields.saved' : 'settings.fields.added', { name: name.trim() }),
      });
      onClose();
    };
    const opts = hasOptions(type) ? labels : undefined;
    if (field) {
      const hadFormula = formula?.expression != null;
      update.mutate(
        {
          field,
          field_name: name.trim(),
          options: opts,
          formula: !formulaPossible ? undefined : withFormula ? expression : hadFormula ? null : undefined,
        },
        { onSuccess: done },
      );
    } else {
      add.mutate(
        {
          field_name: name.trim(),
          field_type: type,
          options: opts,
          formula: withFormula ? expression : null,
        },
        { onSuccess: done },
      );
    }
  };

  const typeLabel = (v: string) => {
    const id = typeName(v);
    return id ? t(id) : v;
  };

  return (
    <DialogForm
      title={field ? t('settings.fields.edit', { name: field.field_name }) : t('settings.fields.add')}
      opened
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('settings.save')}
      busy={save.isPending}
      error={save.error}
      size="lg"
    >
      <TextInput
        label={t('settings.fields.name')}
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      {field ? (
        <Text size="sm">{t('settings.fields.typeIs', { type: typeLabel(type) })}</Text>
      ) : (
        <Select
          label={t('settings.fields.type')}
          data={CUSTOM_TYPES.map((v) => ({ value: v, label: typeLabel(v) }))}
          value={type}
          allowDeselect={false}
          onChange={(v) => v && setType(v)}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {hasOptions(type) && <OptionsEditor options={options} onChange={setOptions} error={errors.options} />}
      {formulaPossible && (
        <Checkbox
          label={t('settings.fields.formula.use')}
          description={t('settings.fields.formula.useHint')}
          checked={withFormula}
          onChange={(e) => setWithFormula(e.currentTarget.checked)}
        />
      )}
      {formulaPossible && withFormula && (
        <>
          <FormulaEditor
            value={text}
            onChange={setText}
            inputs={inputs}
            fieldCode={field?.field_code}
            resultType={type === 'monetary' ? 'monetary' : 'double'}
          />
          {errors.formula && (
            <Text size="sm" c="red" role="alert">
              {errors.formula}
            </Text>
          )}
        </>
      )}
    </DialogForm>
  );
}
