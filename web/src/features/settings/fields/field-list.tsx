import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowUp,
  IconGripVertical,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Field,
  type FieldEntity,
  useDeleteField,
  useFields,
  useFormulas,
  useReorderFields,
} from '../../../api/fields.ts';
import { useSession } from '../../../api/session.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { FieldDialog } from './field-dialog.tsx';
import { canHoldFormula, typeName } from './field-types.ts';
import type { FormulaInput } from './formula-text.ts';

type Dialog = { kind: 'add' } | { kind: 'edit'; field: Field } | { kind: 'delete'; field: Field } | null;

/** One entity's fields: custom ones (reorder by drag or the arrow buttons, edit, delete), then built-in ones. */
export function FieldList({ entity }: { entity: FieldEntity }) {
  const t = useT();
  const fields = useFields(entity);
  const isAdmin = useSession().user.is_admin === 1;
  const [dialog, setDialog] = useState<Dialog>(null);
  const all = fields.data ?? [];
  const custom = all.filter((f) => f.is_custom_field);
  const builtIn = all.filter((f) => !f.is_custom_field);
  const formulas = useFormulas(entity === 'deal');
  const isFormula = (f: Field) => formulas.data?.has(f.field_code) === true;
  const value = builtIn.find((f) => f.field_code === 'value');
  const inputs: FormulaInput[] = [
    ...(value ? [{ key: 'value', name: value.field_name }] : []),
    ...custom
      .filter((f) => canHoldFormula(entity, f.field_type) && !isFormula(f))
      .map((f) => ({ key: f.field_code, name: f.field_name })),
  ];
  const reorder = useReorderFields(entity);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= custom.length || from === to) return;
    reorder.mutate(
      arrayMove(custom, from, to).map((f) => f.field_code),
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('settings.fields.orderSaved') }),
        onError: (e) =>
          notifications.show({ color: 'red', title: t('settings.fields.orderFailed'), message: e.message }),
      },
    );
  };

  if (fields.isPending) return <Loading label={t('settings.fields.loading')} />;
  if (fields.isError) return <ErrorState error={fields.error} />;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={4}>{t('settings.fields.custom')}</Title>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
            {t('settings.fields.add')}
          </Button>
        )}
      </Group>
      {!isAdmin && (
        <Text size="sm" c="dimmed">
          {t('settings.fields.onlyAdmins')}
        </Text>
      )}
      {custom.length === 0 ? (
        <Empty>{t('settings.fields.none')}</Empty>
      ) : (
        <CustomFields
          fields={custom}
          editable={isAdmin}
          isFormula={isFormula}
          onMove={move}
          // a field that may hold a formula opens once its formula is known
          canEdit={(f) => !(formulas.isLoading && canHoldFormula(entity, f.field_type))}
          onEdit={(field) => setDialog({ kind: 'edit', field })}
          onDelete={(field) => setDialog({ kind: 'delete', field })}
        />
      )}
      <Title order={4}>{t('settings.fields.builtIn')}</Title>
      <Stack
        gap={4}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('settings.fields.builtIn')}
      >
        {builtIn.map((f) => (
          <Paper key={f.field_code} component="li" withBorder p="xs">
            <FieldSummary field={f} kind="system" />
          </Paper>
        ))}
      </Stack>
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <FieldDialog
          entity={entity}
          field={dialog.kind === 'edit' ? dialog.field : null}
          formula={dialog.kind === 'edit' ? (formulas.data?.get(dialog.field.field_code) ?? null) : null}
          inputs={dialog.kind === 'edit' ? inputs.filter((i) => i.key !== dialog.field.field_code) : inputs}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteFieldDialog entity={entity} field={dialog.field} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

function FieldSummary({
  field,
  kind,
  formula,
}: {
  field: Field;
  kind: 'system' | 'custom';
  formula?: boolean;
}) {
  const t = useT();
  const type = typeName(field.field_type);
  return (
    <Group gap="xs" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
      <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
        {field.field_name}
      </Text>
      <Text size="sm" c="dimmed">
        {type ? t(type) : field.field_type}
      </Text>
      <Badge variant="light" color={kind === 'system' ? 'gray' : 'blue'} tt="none">
        {t(kind === 'system' ? 'settings.fields.system' : 'settings.fields.customBadge')}
      </Badge>
      {formula && (
        <Badge variant="light" color="grape" tt="none">
          {t('settings.fields.formulaBadge')}
        </Badge>
      )}
    </Group>
  );
}

function CustomFields({
  fields,
  editable,
  isFormula,
  canEdit,
  onMove,
  onEdit,
  onDelete,
}: {
  fields: Field[];
  editable: boolean;
  isFormula: (f: Field) => boolean;
  canEdit: (f: Field) => boolean;
  onMove: (from: number, to: number) => void;
  onEdit: (f: Field) => void;
  onDelete: (f: Field) => void;
}) {
  const t = useT();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(
      fields.findIndex((f) => f.field_code === active.id),
      fields.findIndex((f) => f.field_code === over.id),
    );
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ screenReaderInstructions: { draggable: t('settings.fields.dragInstructions') } }}
    >
      <SortableContext items={fields.map((f) => f.field_code)} strategy={verticalListSortingStrategy}>
        <Stack
          gap={4}
          component="ol"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('settings.fields.custom')}
        >
          {fields.map((f, i) => (
            <CustomRow
              key={f.field_code}
              field={f}
              formula={isFormula(f)}
              editable={editable}
              canEdit={canEdit(f)}
              first={i === 0}
              last={i === fields.length - 1}
              onUp={() => onMove(i, i - 1)}
              onDown={() => onMove(i, i + 1)}
              onEdit={() => onEdit(f)}
              onDelete={() => onDelete(f)}
            />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}

function CustomRow(props: {
  field: Field;
  formula: boolean;
  editable: boolean;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { field, editable } = props;
  const t = useT();
  const name = field.field_name;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: field.field_code, disabled: !editable });
  return (
    <Paper
      component="li"
      ref={setNodeRef}
      withBorder
      p="xs"
      shadow={isDragging ? 'md' : undefined}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="center">
        {editable && (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('settings.fields.drag', { name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={18} />
          </ActionIcon>
        )}
        <FieldSummary field={field} kind="custom" formula={props.formula} />
        {editable && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={props.first}
              aria-label={t('settings.fields.moveUp', { name })}
              onClick={props.onUp}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={props.last}
              aria-label={t('settings.fields.moveDown', { name })}
              onClick={props.onDown}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={t('settings.fields.editOne', { name })}
              onClick={props.onEdit}
            >
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('settings.fields.deleteOne', { name })}
              onClick={props.onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

function DeleteFieldDialog({
  entity,
  field,
  onClose,
}: {
  entity: FieldEntity;
  field: Field;
  onClose: () => void;
}) {
  const t = useT();
  const remove = useDeleteField(entity);
  return (
    <ConfirmDialog
      opened
      title={t('settings.fields.delete')}
      confirmLabel={t('settings.delete')}
      loading={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(field.field_code, {
          onSuccess: () => {
            notifications.show({
              color: 'teal',
              message: t('settings.fields.deleted', { name: field.field_name }),
            });
            onClose();
          },
        })
      }
    >
      {t('settings.fields.deleteText', { name: field.field_name })}
    </ConfirmDialog>
  );
}
