import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { byOrder, PIPELINES_STALE_MS } from './pipelines.ts';
import type { Schemas } from './types.ts';

/** Stages (v2), always in board order. */

export type Stage = Schemas['Stage'];

/** `pipelineId` null or absent: every stage of the company. */
export interface StageFilter {
  pipelineId?: number | null;
}

export const stageKeys = {
  all: ['stages'] as const,
  list: (f: StageFilter = {}) => ['stages', 'list', { pipelineId: f.pipelineId ?? null }] as const,
};

/** Stages change with their pipelines: the same freshness. */
export const STAGES_STALE_MS = PIPELINES_STALE_MS;

export async function fetchStages(f: StageFilter = {}): Promise<Stage[]> {
  const res = await api.get<Stage[]>('/api/v2/stages', {
    pipeline_id: f.pipelineId ?? undefined,
    sort_by: 'order_nr',
    limit: 500,
  });
  return [...res.data].sort(byOrder);
}

/** The stages of a pipeline in board order; nothing is asked while the pipeline is null. */
export function useStages(pipelineId: number | null) {
  return useQuery({
    queryKey: stageKeys.list({ pipelineId }),
    queryFn: () => fetchStages({ pipelineId }),
    enabled: pipelineId !== null,
    staleTime: STAGES_STALE_MS,
  });
}

/** Every stage of the company (all pipelines), e.g. names for a deal's changelog. */
export function useAllStages() {
  return useQuery({
    queryKey: stageKeys.list(),
    queryFn: () => fetchStages(),
    staleTime: STAGES_STALE_MS,
  });
}

export interface StageInput {
  name: string;
  deal_probability: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

/** Adds a stage to pipeline `pipelineId`, or changes `stage` when one is given. */
export function useSaveStage(pipelineId: number, stage?: Stage | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: StageInput) =>
      (stage
        ? await api.patch<Stage>(`/api/v2/stages/${stage.id}`, body)
        : await api.post<Stage>('/api/v2/stages', { ...body, pipeline_id: pipelineId })
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: stageKeys.all }),
  });
}

export function useDeleteStage(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/api/v2/stages/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: stageKeys.all }),
  });
}

/**
 * Puts a pipeline's stages in this order: shown at once, then each moved stage's order_nr is saved; a
 * failure shows the server's order again (the stages are refreshed either way).
 */
export function useReorderStages(pipelineId: number) {
  const qc = useQueryClient();
  const key = stageKeys.list({ pipelineId });
  return useMutation({
    mutationFn: async (order: Stage[]) => {
      const before = qc.getQueryData<Stage[]>(key) ?? [];
      const moved = order.map((s, i) => ({ ...s, order_nr: i + 1 }));
      const changed = moved.filter((s) => before.find((o) => o.id === s.id)?.order_nr !== s.order_nr);
      await Promise.all(changed.map((s) => api.patch(`/api/v2/stages/${s.id}`, { order_nr: s.order_nr })));
    },
    onMutate: async (order) => {
      await qc.cancelQueries({ queryKey: key });
      qc.setQueryData(
        key,
        order.map((s, i) => ({ ...s, order_nr: i + 1 })),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: stageKeys.all }),
  });
}
