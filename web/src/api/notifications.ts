import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** The signed-in user's notifications (/api/ext/notifications): the bell's count, the panel, read marks. */

export type Notification = Schemas['Notification'];
type Page = Schemas['NotificationPage'];

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: () => ['notifications', 'unread'] as const,
  list: () => ['notifications', 'list'] as const,
};

/** The bell asks once a minute; opening the panel or marking read asks at once. */
export const NOTIFICATIONS_POLL_MS = 60_000;
const PAGE = 20;

async function fetchPage(cursor?: string): Promise<Page> {
  const res = await api.get<Notification[]>('/api/ext/notifications', { limit: PAGE, cursor });
  return res as unknown as Page;
}

/** How many notifications are unread (the bell's badge), polled every minute. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () =>
      (
        (await api.get<Notification[]>('/api/ext/notifications', {
          limit: 1,
          unread_only: true,
        })) as unknown as Page
      ).additional_data.unread_count,
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: NOTIFICATIONS_POLL_MS / 2,
  });
}

/** The panel's list, newest first, 20 at a time; fetched only while `enabled` (the panel is open). */
export function useNotifications(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last) => last.additional_data.next_cursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

/** Marks the notifications named read, or all of them. */
export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (which: { ids: number[] } | { all: true }) =>
      (await api.post<{ updated: number; unread_count: number }>('/api/ext/notifications/read', which)).data,
    onSuccess: (res) => {
      qc.setQueryData(notificationKeys.unread(), res.unread_count);
      return qc.invalidateQueries({ queryKey: notificationKeys.list() });
    },
  });
}
