import { ActionIcon, Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconExternalLink, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDeleteWebForm, useWebForms, type WebForm } from '../../api/web-forms.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { WebFormBuilder } from './web-form-builder.tsx';

/** Leads → Web forms (/leads/web-forms): the company's forms, each with edit, open, copy embed, delete. */
export function WebFormsPage() {
  const t = useT();
  const forms = useWebForms();
  const remove = useDeleteWebForm();
  const [editing, setEditing] = useState<WebForm | 'new' | null>(null);
  const [deleting, setDeleting] = useState<WebForm | null>(null);

  const copy = async (form: WebForm) => {
    await navigator.clipboard?.writeText(form.embed_snippet);
    notifications.show({ color: 'green', message: t('webForms.copied') });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('webForms.title')}</Title>
        <Group gap="sm">
          <Anchor component={Link} to="/leads" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('leads.backToInbox')}
            </Group>
          </Anchor>
          <Button onClick={() => setEditing('new')}>{t('webForms.add')}</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('webForms.intro')}
      </Text>
      {forms.isPending ? (
        <Loading label={t('webForms.loading')} />
      ) : forms.isError ? (
        <ErrorState error={forms.error} />
      ) : forms.data.length === 0 ? (
        <Empty>{t('webForms.empty')}</Empty>
      ) : (
        <ScrollArea type="auto">
          <Table miw={340} striped aria-label={t('webForms.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webForms.col.name')}</Table.Th>
                <Table.Th>{t('webForms.col.target')}</Table.Th>
                <Table.Th visibleFrom="xs">{t('webForms.col.fields')}</Table.Th>
                <Table.Th>{t('webForms.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {forms.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{f.name}</Table.Td>
                  <Table.Td>
                    {t(f.target === 'deal' ? 'webForms.target.deal' : 'webForms.target.lead')}
                  </Table.Td>
                  <Table.Td visibleFrom="xs">{t('webForms.fieldCount', { count: f.fields.length })}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('webForms.edit', { name: f.name })}
                        onClick={() => setEditing(f)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        component="a"
                        href={f.public_url}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label={t('webForms.open', { name: f.name })}
                      >
                        <IconExternalLink size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('webForms.copyEmbed', { name: f.name })}
                        onClick={() => void copy(f)}
                      >
                        <IconCopy size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('webForms.delete', { name: f.name })}
                        onClick={() => setDeleting(f)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {editing !== null && (
        <WebFormBuilder form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('webForms.delete', { name: deleting?.name ?? '' })}
        confirmLabel={t('webForms.delete', { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'green', message: t('webForms.deleted') });
            },
          })
        }
      >
        {t('webForms.deleteConfirm', { name: deleting?.name ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
