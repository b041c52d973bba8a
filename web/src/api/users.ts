import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** Users of the company (v1): owner names, owner pickers, @mentions, the settings' user list. */

export type User = Schemas['User'];

export const userKeys = {
  all: ['users'] as const,
  list: () => ['users', 'list'] as const,
};

/** Users change seldom, and the settings page invalidates them when it changes one. */
export const USERS_STALE_MS = 5 * 60_000;

export async function fetchUsers(): Promise<User[]> {
  return (await api.get<User[]>('/api/v1/users')).data;
}

/** Everyone in the company, active or not, in one cached call. */
export function useUsers() {
  return useQuery({ queryKey: userKeys.list(), queryFn: fetchUsers, staleTime: USERS_STALE_MS });
}
