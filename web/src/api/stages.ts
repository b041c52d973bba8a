import { useQuery } from '@tanstack/react-query';
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
