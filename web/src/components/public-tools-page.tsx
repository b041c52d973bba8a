import { ActionIcon, Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconExternalLink, IconPencil, IconTrash } from '@tabler/icons-react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/provider.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from './states.tsx';

/** What a public lead-capture tool (a web form, a chatbot playbook) has for its list page. */
export interface PublicTool {
  id: number;
  name: string;
  public_url: string;
  embed_snippet: string;
}

/** The catalogue area of the tool: its texts are `<prefix>.title`, `<prefix>.edit`… in both catalogues. */
type Prefix = 'webForms' | 'chatbots';

export interface PublicToolColumn<T> {
  header: string;
  cell: (tool: T) => ReactNode;
  /** hidden on a phone */
  wide?: boolean;
}

/**
 * The list page of a LeadBooster tool (Leads → Web forms, Leads → Chatbot): a back link to the inbox,
 * "Add", the intro, a table of the tools (name, the tool's own columns, then edit, open the public page,
 * copy the embed code, delete with a confirmation) and the tool's builder for a new or chosen tool.
 */
export function PublicToolsPage<T extends PublicTool>({
  prefix,
  tools,
  remove,
  columns,
  builder,
}: {
  prefix: Prefix;
  tools: UseQueryResult<T[]>;
  remove: UseMutationResult<unknown, Error, number>;
  columns: PublicToolColumn<T>[];
  builder: (tool: T | null, close: () => void) => ReactNode;
}) {
  const t = useT();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);

  const copy = async (tool: T) => {
    await navigator.clipboard?.writeText(tool.embed_snippet);
    notifications.show({ color: 'green', message: t(`${prefix}.copied`) });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t(`${prefix}.title`)}</Title>
        <Group gap="sm">
          <Anchor component={Link} to="/leads" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('leads.backToInbox')}
            </Group>
          </Anchor>
          <Button onClick={() => setEditing('new')}>{t(`${prefix}.add`)}</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t(`${prefix}.intro`)}
      </Text>
      {tools.isPending ? (
        <Loading label={t(`${prefix}.loading`)} />
      ) : tools.isError ? (
        <ErrorState error={tools.error} />
      ) : tools.data.length === 0 ? (
        <Empty>{t(`${prefix}.empty`)}</Empty>
      ) : (
        <ScrollArea type="auto">
          <Table miw={340} striped aria-label={t(`${prefix}.table`)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${prefix}.col.name`)}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.header} {...(c.wide ? { visibleFrom: 'xs' } : {})}>
                    {c.header}
                  </Table.Th>
                ))}
                <Table.Th>{t(`${prefix}.col.actions`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tools.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{f.name}</Table.Td>
                  {columns.map((c) => (
                    <Table.Td key={c.header} {...(c.wide ? { visibleFrom: 'xs' } : {})}>
                      {c.cell(f)}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t(`${prefix}.edit`, { name: f.name })}
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
                        aria-label={t(`${prefix}.open`, { name: f.name })}
                      >
                        <IconExternalLink size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t(`${prefix}.copyEmbed`, { name: f.name })}
                        onClick={() => void copy(f)}
                      >
                        <IconCopy size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t(`${prefix}.delete`, { name: f.name })}
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
      {editing !== null && builder(editing === 'new' ? null : editing, () => setEditing(null))}
      <ConfirmDialog
        opened={deleting !== null}
        title={t(`${prefix}.delete`, { name: deleting?.name ?? '' })}
        confirmLabel={t(`${prefix}.delete`, { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'green', message: t(`${prefix}.deleted`) });
            },
          })
        }
      >
        {t(`${prefix}.deleteConfirm`, { name: deleting?.name ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
