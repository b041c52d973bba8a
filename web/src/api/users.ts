import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { sessionKey } from './session.tsx';
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

export interface UserInput {
  name: string;
  email: string;
  password: string;
  is_admin: boolean;
}

/** POST /api/ext/users (admins): a user of the company. */
export function useAddUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserInput) => (await api.post<{ name: string }>('/api/ext/users', body)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Saves the signed-in user's locale (en_US, sv_SE); the session, which carries it, refreshes. */
export function useSaveMyLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (locale: string) => api.patch('/api/ext/users/me', { locale }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}

/** A new API token for the signed-in user (the old one stops working). */
export function useGenerateApiToken() {
  return useMutation({
    mutationFn: async () =>
      (await api.post<{ api_token: string }>('/api/ext/users/me/api-token')).data.api_token,
  });
}
