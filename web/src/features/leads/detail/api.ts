import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { retryUnlessClientError } from '../../../api/retry.ts';

export type VisibleTo = '1' | '3' | '5' | '7';

export interface Lead {
  id: string;
  title: string;
  owner_id: number;
  creator_id: number;
  label_ids: string[];
  person_id: number | null;
  organization_id: number | null;
  source_name: string;
  origin: string;
  is_archived: boolean;
  was_seen: boolean;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  next_activity_id: number | null;
  add_time: string;
  update_time: string;
  visible_to: VisibleTo;
}

export type LeadPatch = Partial<{
  title: string;
  owner_id: number;
  label_ids: string[];
  person_id: number | null;
  organization_id: number | null;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  visible_to: VisibleTo;
  was_seen: boolean;
  is_archived: boolean;
}>;

export interface Channel {
  value: string;
  primary: boolean;
  label: string;
}

export interface Address {
  value: string | null;
  [part: string]: string | null;
}

export const leadKey = (id: string) => ['leads', 'detail', id] as const;

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKey(id),
    queryFn: async () => (await api.get<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`)).data,
    retry: retryUnlessClientError,
  });
}

/** PATCH /api/v1/leads/{id}; the answer replaces the cached lead and the lists are refreshed. */
export function useUpdateLead(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: LeadPatch) =>
      (await api.patch<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`, patch)).data,
    onSuccess: (lead) => {
      qc.setQueryData(leadKey(id), lead);
      void qc.invalidateQueries({ queryKey: ['leads'], predicate: (q) => q.queryKey[1] !== 'detail' });
    },
  });
}

export function useDeleteLead(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del<{ id: string }>(`/api/v1/leads/${encodeURIComponent(id)}`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: leadKey(id) });
      void qc.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
