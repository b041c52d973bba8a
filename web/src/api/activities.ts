import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { LinkTarget } from './notes.ts';
import type { Schemas } from './types.ts';

export type { LinkTarget } from './notes.ts';

export type Activity = Schemas['Activity'];

export interface ActivityType {
  id: number;
  name: string;
  key_string: string;
  icon_key: string;
  active_flag: boolean;
}

export interface NewActivity {
  subject: string;
  type: string;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
}

export const activityKeys = {
  all: ['activities'] as const,
  of: (target: LinkTarget) => ['activities', target] as const,
};

export const activityTypeKeys = {
  all: ['activityTypes'] as const,
  list: () => ['activityTypes', 'list'] as const,
};

const LIMIT = 100;

/** Undone activities by due date (no date last), then done ones, most recent first: two list calls. */
export function useActivities(target: LinkTarget) {
  return useQuery({
    queryKey: activityKeys.of(target),
    queryFn: async () => {
      const [open, done] = await Promise.all([
        api.get<Activity[]>('/api/v2/activities', {
          ...target,
          done: false,
          sort_by: 'due_date',
          sort_direction: 'asc',
          limit: LIMIT,
        }),
        api.get<Activity[]>('/api/v2/activities', {
          ...target,
          done: true,
          sort_by: 'due_date',
          sort_direction: 'desc',
          limit: LIMIT,
        }),
      ]);
      return {
        open: open.data,
        done: done.data,
        more: Boolean(open.additional_data?.next_cursor || done.additional_data?.next_cursor),
      };
    },
  });
}

export function useActivityTypes() {
  return useQuery({
    queryKey: activityTypeKeys.list(),
    queryFn: async () => (await api.get<ActivityType[]>('/api/v1/activityTypes')).data,
    staleTime: 5 * 60_000,
  });
}

/**
 * Add, mark done/undone and delete. Besides the target's list, the caller's own record (a lead's or
 * deal's next activity) may change: `onChanged` is for that.
 */
export function useActivityMutations(target: LinkTarget, onChanged?: () => void) {
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries({ queryKey: activityKeys.all });
    onChanged?.();
  };
  const add = useMutation({
    mutationFn: (a: NewActivity) => api.post<Activity>('/api/v2/activities', { ...target, ...a }),
    onSuccess,
  });
  const setDone = useMutation({
    mutationFn: ({ id, done }: { id: number; done: boolean }) =>
      api.patch<Activity>(`/api/v2/activities/${id}`, { done }),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del<{ id: number }>(`/api/v2/activities/${id}`),
    onSuccess,
  });
  return { add, setDone, remove };
}
