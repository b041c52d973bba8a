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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { DialogForm } from '../contacts/dialog-form.tsx';
import { ConfirmDelete } from './confirm.tsx';

/** Pipedrive's ten lead label colours, and how they look. */
export const LABEL_COLORS = {
  blue: { name: 'Blue', css: 'var(--mantine-color-blue-6)' },
  brown: { name: 'Brown', css: '#8d6e63' },
  'dark-gray': { name: 'Dark gray', css: 'var(--mantine-color-dark-4)' },
  gray: { name: 'Gray', css: 'var(--mantine-color-gray-5)' },
  green: { name: 'Green', css: 'var(--mantine-color-green-6)' },
  orange: { name: 'Orange', css: 'var(--mantine-color-orange-6)' },
  pink: { name: 'Pink', css: 'var(--mantine-color-pink-5)' },
  purple: { name: 'Purple', css: 'var(--mantine-color-grape-6)' },
  red: { name: 'Red', css: 'var(--mantine-color-red-6)' },
  yellow: { name: 'Yellow', css: 'var(--mantine-color-yellow-5)' },
} as const;
export type LabelColor = keyof typeof LABEL_COLORS;

interface LeadLabel {
  id: string;
  name: string;
  color: LabelColor;
}

const labelsKey = ['leadLabels', 'all'] as const;

/** Settings → Lead labels: list, add, rename, change colour, delete. */
export function LabelsSection() {
  const labels = useQuery({
    queryKey: labelsKey,
    queryFn: async () => (await api.get<LeadLabel[]>('/api/v1/leadLabels')).data,
  });
  const [editing, setEditing] = useState<LeadLabel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LeadLabel | null>(null);
  const isAdmin = useSession().user.is_admin === 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Lead labels</Title>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add label
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Labels mark leads in the Leads Inbox (Hot, Warm, Cold, …). A lead can carry several.
        {!isAdmin && ' Only admins can change them.'}
      </Text>
      {labels.isPending ? (
        <Loading label="Loading labels" />
      ) : labels.isError ? (
        <ErrorState error={labels.error} />
      ) : labels.data.length === 0 ? (
        <Empty>No labels yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table verticalSpacing="xs" aria-label="Lead labels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Label</Table.Th>
                <Table.Th>Colour</Table.Th>
                <Table.Th w={90}>
                  <VisuallyHidden>Actions</VisuallyHidden>
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
                      <Text size="sm">{LABEL_COLORS[l.color]?.name ?? l.color}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {isAdmin && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Edit label ${l.name}`}
                          onClick={() => setEditing(l)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete label ${l.name}`}
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

const colorOptions = Object.entries(LABEL_COLORS).map(([value, c]) => ({ value, label: c.name }));

function LabelDialog({ label, onClose }: { label: LeadLabel | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState<LabelColor>(label?.color ?? 'blue');
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      label
        ? api.patch(`/api/v1/leadLabels/${label.id}`, { name: name.trim(), color })
        : api.post('/api/v1/leadLabels', { name: name.trim(), color }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['leadLabels'] });
      qc.invalidateQueries({ queryKey: ['leads'] });
      notifications.show({ color: 'teal', message: label ? 'Label saved' : `Label “${name.trim()}” added` });
      onClose();
    },
  });
  return (
    <DialogForm
      title={label ? 'Edit label' : 'Add label'}
      opened
      onClose={onClose}
      submitLabel="Save"
      busy={save.isPending}
      error={save.error}
      onSubmit={() => {
        if (!name.trim()) return setNameError('Name is required');
        setNameError(null);
        save.mutate();
      }}
    >
      <TextInput
        label="Label name"
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={nameError}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label="Colour"
        data={colorOptions}
        value={color}
        allowDeselect={false}
        onChange={(v) => v && setColor(v as LabelColor)}
        leftSection={<ColorSwatch color={LABEL_COLORS[color].css} size={14} />}
        renderOption={({ option }) => (
          <Group gap={8} wrap="nowrap">
            <ColorSwatch color={LABEL_COLORS[option.value as LabelColor].css} size={14} />
            {option.label}
          </Group>
        )}
        comboboxProps={{ withinPortal: true }}
      />
    </DialogForm>
  );
}

function DeleteLabelDialog({ label, onClose }: { label: LeadLabel; onClose: () => void }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.del(`/api/v1/leadLabels/${label.id}`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['leadLabels'] });
      qc.invalidateQueries({ queryKey: ['leads'] });
      notifications.show({ color: 'teal', message: `Label “${label.name}” deleted` });
      onClose();
    },
  });
  return (
    <ConfirmDelete
      opened
      title="Delete label"
      onClose={onClose}
      onConfirm={() => remove.mutate()}
      busy={remove.isPending}
      error={remove.error}
    >
      Delete the label “{label.name}”? It is removed from every lead that carries it.
    </ConfirmDelete>
  );
}
