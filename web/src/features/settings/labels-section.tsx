import {
  ActionIcon,
  Button,
  ColorSwatch,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type LeadLabel,
  useDeleteLeadLabel,
  useLeadLabels,
  useSaveLeadLabel,
} from '../../api/lead-labels.ts';
import { useSession } from '../../api/session.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DialogForm } from '../../components/dialog-form.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import type { MessageId } from '../../i18n/messages/en.ts';
import { type Translate, useT } from '../../i18n/provider.tsx';

/** Pipedrive's ten lead label colours, and how they look. */
export const LABEL_COLORS: Record<string, { name: MessageId; css: string }> = {
  blue: { name: 'settings.colour.blue', css: 'var(--mantine-color-blue-6)' },
  brown: { name: 'settings.colour.brown', css: '#8d6e63' },
  'dark-gray': { name: 'settings.colour.darkGray', css: 'var(--mantine-color-dark-4)' },
  gray: { name: 'settings.colour.gray', css: 'var(--mantine-color-gray-5)' },
  green: { name: 'settings.colour.green', css: 'var(--mantine-color-green-6)' },
  orange: { name: 'settings.colour.orange', css: 'var(--mantine-color-orange-6)' },
  pink: { name: 'settings.colour.pink', css: 'var(--mantine-color-pink-5)' },
  purple: { name: 'settings.colour.purple', css: 'var(--mantine-color-grape-6)' },
  red: { name: 'settings.colour.red', css: 'var(--mantine-color-red-6)' },
  yellow: { name: 'settings.colour.yellow', css: 'var(--mantine-color-yellow-5)' },
};
export type LabelColor =
  | 'blue'
  | 'brown'
  | 'dark-gray'
  | 'gray'
  | 'green'
  | 'orange'
  | 'pink'
  | 'purple'
  | 'red'
  | 'yellow';

/** Settings → Lead labels: list, add, rename, change colour, delete. */
export function LabelsSection() {
  const t = useT();
  const labels = useLeadLabels();
  const [editing, setEditing] = useState<LeadLabel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LeadLabel | null>(null);
  const isAdmin = useSession().user.is_admin === 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('settings.labels.title')}</Title>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('settings.labels.add')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('settings.labels.explain')}
        {!isAdmin && ` ${t('settings.labels.onlyAdmins')}`}
      </Text>
      {labels.isPending ? (
        <Loading label={t('settings.labels.loading')} />
      ) : labels.isError ? (
        <ErrorState error={labels.error} />
      ) : labels.data.length === 0 ? (
        <Empty>{t('settings.labels.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table verticalSpacing="xs" aria-label={t('settings.labels.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.labels.label')}</Table.Th>
                <Table.Th>{t('settings.labels.colour')}</Table.Th>
                <Table.Th w={90}>
                  <VisuallyHidden>{t('settings.labels.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {labels.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{l.name}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch color={LABEL_COLORS[l.color]?.css ?? l.color} size={16} />
                      <Text size="sm">{colourName(t, l.color)}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {isAdmin && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('settings.labels.editOne', { name: l.name })}
                          onClick={() => setEditing(l)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('settings.labels.deleteOne', { name: l.name })}
                          onClick={() => setDeleting(l)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <LabelDialog label={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteLabelDialog label={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

const colourName = (t: Translate, color: string) => {
  const c = LABEL_COLORS[color];
  return c ? t(c.name) : color;
};

function LabelDialog({ label, onClose }: { label: LeadLabel | null; onClose: () => void }) {
  const t = useT();
  const colorOptions = Object.keys(LABEL_COLORS).map((value) => ({ value, label: colourName(t, value) }));
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState<LabelColor>(label?.color ?? 'blue');
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useSaveLeadLabel(label);
  const saveLabel = () =>
    save.mutate(
      { name: name.trim(), color },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: label ? t('settings.labels.saved') : t('settings.labels.added', { name: name.trim() }),
          });
          onClose();
        },
      },
    );
  return (
    <DialogForm
      title={t(label ? 'settings.labels.edit' : 'settings.labels.add')}
      opened
      onClose={onClose}
      submitLabel={t('settings.save')}
      busy={save.isPending}
      error={save.error}
      onSubmit={() => {
        if (!name.trim()) return setNameError(t('settings.nameRequired'));
        setNameError(null);
        saveLabel();
      }}
    >
      <TextInput
        label={t('settings.labels.name')}
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={nameError}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('settings.labels.colour')}
        data={colorOptions}
        value={color}
        allowDeselect={false}
        onChange={(v) => v && setColor(v as LabelColor)}
        leftSection={<ColorSwatch color={LABEL_COLORS[color]?.css ?? color} size={14} />}
        renderOption={({ option }) => (
          <Group gap={8} wrap="nowrap">
            <ColorSwatch color={LABEL_COLORS[option.value]?.css ?? option.value} size={14} />
            {option.label}
          </Group>
        )}
        comboboxProps={{ withinPortal: true }}
      />
    </DialogForm>
  );
}

function DeleteLabelDialog({ label, onClose }: { label: LeadLabel; onClose: () => void }) {
  const t = useT();
  const remove = useDeleteLeadLabel(label.id);
  const removeLabel = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('settings.labels.deleted', { name: label.name }) });
        onClose();
      },
    });
  return (
    <ConfirmDialog
      confirmLabel={t('settings.delete')}
      opened
      title={t('settings.labels.delete')}
      onClose={onClose}
      onConfirm={removeLabel}
      loading={remove.isPending}
      error={remove.error}
    >
      {t('settings.labels.deleteText', { name: label.name })}
    </ConfirmDialog>
  );
}
