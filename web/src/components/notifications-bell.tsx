import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Loader,
  Popover,
  Stack,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import {
  type Notification,
  useMarkNotificationsRead,
  useNotifications,
  useUnreadNotifications,
} from '../api/notifications.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { MessageId } from '../i18n/messages/en.ts';
import { useT } from '../i18n/provider.tsx';

type Translate = ReturnType<typeof useT>;

/** Where a notification leads: the lead or deal made, or what the mentioning note hangs on. */
export function notificationHref(n: Notification): string | null {
  if (n.lead_id) return `/leads/${n.lead_id}`;
  if (n.deal_id) return `/deals/${n.deal_id}`;
  if (n.person_id) return `/contacts/people/${n.person_id}`;
  if (n.org_id) return `/contacts/organizations/${n.org_id}`;
  return null;
}

/** A notification in words, from the catalogue. */
export function notificationText(t: Translate, n: Notification): string {
  if (n.kind === 'mention') {
    const actor = n.actor?.name ?? t('notifications.someone');
    return t(n.comment_id ? 'notifications.mention.comment' : 'notifications.mention.note', { actor });
  }
  const id: MessageId =
    n.kind === 'web_form_submission'
      ? n.deal_id
        ? 'notifications.webForm.deal'
        : 'notifications.webForm.lead'
      : n.deal_id
        ? 'notifications.chatbot.deal'
        : 'notifications.chatbot.lead';
  const source = (n.kind === 'web_form_submission' ? n.web_form?.name : n.chatbot?.name) ?? '';
  return t(id, { source, subject: n.subject ?? t('notifications.noSubject') });
}

/**
 * The bell of the top bar: its label says how many are unread (polled every minute), and it opens a
 * panel listing the notifications, newest first. Following one marks it read; Escape closes the panel
 * and focus returns to the bell.
 */
export function NotificationsBell() {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadNotifications();
  const list = useNotifications(opened);
  const mark = useMarkNotificationsRead();
  const titleId = useId();
  const count = unread.data ?? 0;
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];

  const follow = (n: Notification) => {
    if (!n.is_read) mark.mutate({ ids: [n.id] });
    setOpened(false);
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(380px, calc(100vw - 16px))"
      shadow="md"
      trapFocus
      returnFocus
      withinPortal
    >
      <Indicator
        label={<span aria-hidden="true">{count}</span>}
        disabled={count === 0}
        size={18}
        offset={6}
        color="red"
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('notifications.bell', { count })}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown aria-labelledby={titleId} p="xs">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Title order={2} size="h5" id={titleId}>
            {t('notifications.title')}
          </Title>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={count === 0}
            loading={mark.isPending}
            onClick={() => mark.mutate({ all: true })}
          >
            {t('notifications.markAll')}
          </Button>
        </Group>
        {list.isPending ? (
          <Group justify="center" p="md">
            <Loader size="sm" aria-label={t('notifications.loading')} />
          </Group>
        ) : list.isError ? (
          <Text c="red" size="sm" role="alert">
            {t('notifications.failed')}
          </Text>
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm" p="sm">
            {t('notifications.empty')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap={2}
            aria-label={t('notifications.list')}
            style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '60vh', overflowY: 'auto' }}
          >
            {items.map((n) => {
              const href = notificationHref(n);
              const body = (
                <>
                  <Text size="sm" fw={n.is_read ? 400 : 700}>
                    {!n.is_read && <VisuallyHidden>{`${t('notifications.unread')}: `}</VisuallyHidden>}
                    {notificationText(t, n)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.add_time)}
                  </Text>
                </>
              );
              return (
                <li key={n.id}>
                  {href ? (
                    <UnstyledButton
                      component={Link}
                      to={href}
                      onClick={() => follow(n)}
                      p="xs"
                      w="100%"
                      data-unread={n.is_read ? undefined : true}
                      style={{
                        display: 'block',
                        borderRadius: 4,
                        borderLeft: `3px solid ${n.is_read ? 'transparent' : 'var(--mantine-color-blue-filled)'}`,
                      }}
                    >
                      {body}
                    </UnstyledButton>
                  ) : (
                    <div style={{ padding: 'var(--mantine-spacing-xs)' }}>{body}</div>
                  )}
                </li>
              );
            })}
          </Stack>
        )}
        {list.hasNextPage && (
          <Button
            variant="subtle"
            size="compact-sm"
            fullWidth
            mt="xs"
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          >
            {t('notifications.more')}
          </Button>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
