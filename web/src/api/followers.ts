import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** Followers (v2) of deals, persons and organizations: users who follow an item and so see it. */

export type Follower = Schemas['ItemFollower'];
export type FollowedKind = 'deals' | 'persons' | 'organizations';

export const followerKeys = {
  all: ['followers'] as const,
  of: (kind: FollowedKind, id: number) => ['followers', kind, id] as const,
};

export const FOLLOWERS_STALE_MS = 30_000;

export async function fetchFollowers(kind: FollowedKind, id: number): Promise<Follower[]> {
  return (await api.get<Follower[]>(`/api/v2/${kind}/${id}/followers`, { limit: 500 })).data;
}

/** The item's followers, oldest follow first. */
export function useFollowers(kind: FollowedKind, id: number) {
  return useQuery({
    queryKey: followerKeys.of(kind, id),
    queryFn: () => fetchFollowers(kind, id),
    staleTime: FOLLOWERS_STALE_MS,
  });
}

/** Starts (`follow: true`) or stops a user's follow of the item. */
export function useSetFollowing(kind: FollowedKind, id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, follow }: { userId: number; follow: boolean }) => {
      if (follow) await api.post(`/api/v2/${kind}/${id}/followers`, { user_id: userId });
      else await api.del(`/api/v2/${kind}/${id}/followers/${userId}`);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: followerKeys.of(kind, id) }),
  });
}
