import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { stageKeys } from './stages.ts';
import type { Schemas } from './types.ts';

/** Pipelines (v2): the board's switcher, the deal and conversion forms, the settings. */

export type Pipeline = Schemas['Pipeline'];

export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: () => ['pipelines', 'list'] as const,
};

/** Settings invalidate the pipelines when they change one; other users' changes show within a minute. */
export const PIPELINES_STALE_MS = 60_000;

/** Board order: order_nr, then id (so the default, lowest order_nr, comes first). */
export const byOrder = <T extends { order_nr: number; id: number }>(a: T, b: T) =>
  a.order_nr - b.order_nr || a.id - b.id;

export async function fetchPipelines(): Promise<Pipeline[]> {
  return [...(await api.get<Pipeline[]>('/api/v2/pipelines', { limit: 500 })).data].sort(byOrder);
}

/** All pipelines, default first. `enabled: false` holds the call back (a closed dialog). */
export function usePipelines(opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: pipelineKeys.list(),
    queryFn: fetchPipelines,
    staleTime: PIPELINES_STALE_MS,
    enabled: opts.enabled ?? true,
  });
}

/** Adds a pipeline, or renames `pipeline` when one is given. */
export function useSavePipeline(pipeline?: Pipeline | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string }) =>
      (pipeline
        ? await api.patch<Pipeline>(`/api/v2/pipelines/${pipeline.id}`, body)
        : await api.post<Pipeline>('/api/v2/pipelines', body)
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: pipelineKeys.all }),
  });
}

/** Deletes a pipeline; its stages go with it. */
export function useDeletePipeline(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/api/v2/pipelines/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pipelineKeys.all });
      void qc.invalidateQueries({ queryKey: stageKeys.all });
    },
  });
}
