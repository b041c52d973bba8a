import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { leadKeys } from './leads.ts';
import type { Schemas } from './types.ts';

/** Lead labels (v1) and lead sources: the inbox's filters, the lead forms, the settings. */

export type LeadLabel = Schemas['LeadLabel'];
export type LeadSource = Schemas['LeadSource'];

export const leadLabelKeys = {
  all: ['leadLabels'] as const,
  list: () => ['leadLabels', 'list'] as const,
};

export const leadSourceKeys = {
  all: ['leadSources'] as const,
  list: () => ['leadSources', 'list'] as const,
};

/** Labels change seldom, and the settings invalidate them when they change one. */
export const LEAD_LABELS_STALE_MS = 5 * 60_000;

export async function fetchLeadLabels(): Promise<LeadLabel[]> {
  return (await api.get<LeadLabel[]>('/api/v1/leadLabels')).data;
}

export function useLeadLabels() {
  return useQuery({
    queryKey: leadLabelKeys.list(),
    queryFn: fetchLeadLabels,
    staleTime: LEAD_LABELS_STALE_MS,
  });
}

/** The sources are a fixed list of the server's: asked once. */
export function useLeadSources() {
  return useQuery({
    queryKey: leadSourceKeys.list(),
    queryFn: async () => (await api.get<LeadSource[]>('/api/v1/leadSources')).data,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Adds a lead label, or changes `label` when one is given; leads show labels, so they refresh too. */
export function useSaveLeadLabel(label?: LeadLabel | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; color: LeadLabel['color'] }) =>
      label ? api.patch(`/api/v1/leadLabels/${label.id}`, body) : api.post('/api/v1/leadLabels', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: leadLabelKeys.all });
      void qc.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

export function useDeleteLeadLabel(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/api/v1/leadLabels/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: leadLabelKeys.all });
      void qc.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}
