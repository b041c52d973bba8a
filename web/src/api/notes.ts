import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** The record notes and activities are linked to: one of a lead, deal, person or organization. */
export type LinkTarget =
  | { lead_id: string }
  | { deal_id: number }
  | { person_id: number }
  | { org_id: number };

export type Note = Schemas['Note'];

export type PinFlag =
  | 'pinned_to_lead_flag'
  | 'pinned_to_deal_flag'
  | 'pinned_to_person_flag'
  | 'pinned_to_organization_flag';

/** The pin flag that belongs to the target: a note pinned on a lead is not pinned on its person. */
export function pinFlagOf(target: LinkTarget): PinFlag {
  if ('lead_id' in target) return 'pinned_to_lead_flag';
  if ('deal_id' in target) return 'pinned_to_deal_flag';
  if ('person_id' in target) return 'pinned_to_person_flag';
  return 'pinned_to_organization_flag';
}

export const noteKeys = {
  all: ['notes'] as const,
  /** everything of one target: its pages and its pinned notes */
  of: (target: LinkTarget) => ['notes', target] as const,
  pinned: (target: LinkTarget) => ['notes', target, 'pinned'] as const,
};

const PAGE = 50;

/** The notes of the target, newest first, 50 at a time. */
export function useNotes(target: LinkTarget) {
  return useInfiniteQuery({
    queryKey: noteKeys.of(target),
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const res = await api.get<Note[]>('/api/v1/notes', {
        ...target,
        sort: 'add_time DESC',
        start: pageParam,
        limit: PAGE,
      });
      return { notes: res.data, more: res.additional_data?.more_items_in_collection === true };
    },
    getNextPageParam: (last, all) => (last.more ? all.length * PAGE : undefined),
  });
}

/** The notes pinned to the target (they come first, whatever page they are on). */
export function usePinnedNotes(target: LinkTarget) {
  return useQuery({
    queryKey: noteKeys.pinned(target),
    queryFn: async () =>
      (
        await api.get<Note[]>('/api/v1/notes', {
          ...target,
          [pinFlagOf(target)]: 1,
          sort: 'add_time DESC',
          limit: 100,
        })
      ).data,
  });
}

export function useNoteMutations(target: LinkTarget) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: noteKeys.of(target) });
  const add = useMutation({
    mutationFn: (content: string) => api.post<Note>('/api/v1/notes', { ...target, content }),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: number; content?: string } & Partial<Record<PinFlag, boolean>>) =>
      api.put<Note>(`/api/v1/notes/${id}`, body),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del<boolean>(`/api/v1/notes/${id}`),
    onSuccess,
  });
  return { add, update, remove };
}
