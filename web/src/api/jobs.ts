import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** Background jobs (bulk conversions…): GET /api/ext/jobs/{id}, polled until they end. */

export type Job<R = unknown> = Omit<Schemas['Job'], 'result'> & { result: R | null };

export const jobKeys = {
  all: ['jobs'] as const,
  detail: (id: number) => ['jobs', 'detail', id] as const,
};

/** How often a running job is asked for. */
const POLL_MS = 500;

export const jobEnded = (job: Pick<Job, 'status'> | undefined): boolean =>
  job !== undefined && (job.status === 'completed' || job.status === 'failed');

/** The job `id` (none while null), asked again every half second until it has ended. */
export function useJob<R>(id: number | null) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? 0),
    queryFn: async () => (await api.get<Job<R>>(`/api/ext/jobs/${id}`)).data,
    enabled: id !== null,
    refetchInterval: (q) => (jobEnded(q.state.data) ? false : POLL_MS),
  });
}
