import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';

export interface Pipeline {
  id: number;
  name: string;
  order_nr: number;
  is_deal_probability_enabled: boolean;
}

export interface Stage {
  id: number;
  name: string;
  order_nr: number;
  pipeline_id: number;
  deal_probability: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

export const pipelinesKey = ['pipelines', 'all'] as const;
export const stagesKey = (pipelineId: number) => ['stages', { pipeline_id: pipelineId }] as const;

/** All pipelines, default (lowest order_nr) first. */
export function usePipelines() {
  return useQuery({
    queryKey: pipelinesKey,
    queryFn: async () =>
      (await api.get<Pipeline[]>('/api/v2/pipelines', { limit: 500 })).data.sort(
        (a, b) => a.order_nr - b.order_nr || a.id - b.id,
      ),
  });
}

/** The stages of a pipeline in board order. */
export function useStages(pipelineId: number | null) {
  return useQuery({
    queryKey: stagesKey(pipelineId ?? 0),
    queryFn: async () =>
      (
        await api.get<Stage[]>('/api/v2/stages', {
          pipeline_id: pipelineId,
          sort_by: 'order_nr',
          limit: 500,
        })
      ).data,
    enabled: pipelineId !== null,
  });
}
