import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { LinkTarget } from '../notes/api.ts';

export type { LinkTarget } from '../notes/api.ts';

export interface Activity {
  id: number;
  subject: string;
  type: string;
  owner_id: number;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  done: boolean;
  marked_as_done_time: string | null;
  note: string | null;
}

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

export const activitiesKey = (target: LinkTarget) => ['activities', target] as const;

const LIMIT = 100;

/** Undone activities by due date (no date last), then done ones, most recent first: two list calls. */
export function useActivities(target: LinkTarget) {
  return useQuery({
    queryKey: activitiesKey(target),
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
    queryKey: ['activityTypes'],
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
    await qc.invalidateQueries({ queryKey: ['activities'] });
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
