import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
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
