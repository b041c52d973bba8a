import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  ScrollArea,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconExternalLink, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Chatbot, useChatbots, useDeleteChatbot, useToggleChatbot } from '../../api/chatbots.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { ChatbotBuilder } from './chatbot-builder.tsx';

/** Leads → Chatbot (/leads/chatbot): the company's playbooks, each with its switch, edit, open, copy embed, delete. */
export function ChatbotsPage() {
  const t = useT();
  const forms = useChatbots();
  const remove = useDeleteChatbot();
  const toggle = useToggleChatbot();
  const [editing, setEditing] = useState<Chatbot | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Chatbot | null>(null);

  const copy = async (form: Chatbot) => {
    await navigator.clipboard?.writeText(form.embed_snippet);
    notifications.show({ color: 'green', message: t('chatbots.copied') });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('chatbots.title')}</Title>
        <Group gap="sm">
          <Anchor component={Link} to="/leads" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('leads.backToInbox')}
            </Group>
          </Anchor>
          <Button onClick={() => setEditing('new')}>{t('chatbots.add')}</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('chatbots.intro')}
      </Text>
      {forms.isPending ? (
        <Loading label={t('chatbots.loading')} />
      ) : forms.isError ? (
        <ErrorState error={forms.error} />
      ) : forms.data.length === 0 ? (
        <Empty>{t('chatbots.empty')}</Empty>
      ) : (
        <ScrollArea type="auto">
          <Table miw={340} striped aria-label={t('chatbots.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('chatbots.col.name')}</Table.Th>
                <Table.Th>{t('chatbots.col.enabled')}</Table.Th>
                <Table.Th visibleFrom="xs">{t('chatbots.col.cards')}</Table.Th>
                <Table.Th>{t('chatbots.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {forms.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{f.name}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('chatbots.enable', { name: f.name })}
                      checked={f.enabled}
                      onChange={(e) => toggle.mutate({ id: f.id, enabled: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td visibleFrom="xs">{t('chatbots.cardCount', { count: f.cards.length })}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('chatbots.edit', { name: f.name })}
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
                        aria-label={t('chatbots.open', { name: f.name })}
                      >
                        <IconExternalLink size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('chatbots.copyEmbed', { name: f.name })}
                        onClick={() => void copy(f)}
                      >
                        <IconCopy size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('chatbots.delete', { name: f.name })}
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
        <ChatbotBuilder bot={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('chatbots.delete', { name: deleting?.name ?? '' })}
        confirmLabel={t('chatbots.delete', { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'green', message: t('chatbots.deleted') });
            },
          })
        }
      >
        {t('chatbots.deleteConfirm', { name: deleting?.name ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
