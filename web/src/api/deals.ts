import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Pipeline } from './pipelines.ts';
import type { Schemas } from './types.ts';

/** Shapes of the API this feature reads (v2 deals, pipelines, stages; /api/ext board endpoints). */

export interface Sums {
  count: number;
  total_value: number;
  weighted_value: number;
}

export interface Totals extends Sums {
  currency: string;
  currencies: Record<string, Sums>;
}

export interface BoardStage extends Totals {
  id: number;
  name: string;
  order_nr: number;
  deal_probability: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

export interface BoardData {
  pipeline: Pipeline;
  stages: BoardStage[];
  totals: Totals;
}

export type ActivityState = 'overdue' | 'today' | 'future' | 'none';

export interface DealCard {
  id: number;
  title: string;
  value: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  probability: number | null;
  stage_id: number;
  position: number;
  person: { id: number; name: string } | null;
  organization: { id: number; name: string } | null;
  owner: { id: number; name: string };
  activity: ActivityState;
  next_activity_date: string | null;
  is_rotten: boolean;
  update_time: string;
}

export interface CardsPage {
  cards: DealCard[];
  next: string | null;
}

export type Deal = Schemas['Deal'];

export interface StageVisit {
  stage_id: number;
  entered: string;
  left: string | null;
  days: number;
}

export interface ChangelogEntry {
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number | null;
  time: string;
  change_source: string | null;
}

export interface BoardFilter {
  owner_id?: number | undefined;
}

// ---------------------------------------------------------------- query keys

export const dealKeys = {
  all: ['deals'] as const,
  board: (pipelineId: number, f: BoardFilter) => ['deals', 'board', pipelineId, f] as const,
  boards: ['deals', 'board'] as const,
  cards: (stageId: number, f: BoardFilter) => ['deals', 'cards', stageId, f] as const,
  allCards: ['deals', 'cards'] as const,
  deal: (id: number) => ['deals', 'detail', id] as const,
  history: (id: number) => ['deals', 'stage-history', id] as const,
  changelog: (id: number) => ['deals', 'changelog', id] as const,
  /** the deals of a person or an organization */
  ofContact: (f: { person_id: number } | { org_id: number }) => ['deals', 'of-contact', f] as const,
};

// ---------------------------------------------------------------- queries

export function useBoard(pipelineId: number | null, filter: BoardFilter) {
  return useQuery({
    queryKey: dealKeys.board(pipelineId ?? 0, filter),
    enabled: pipelineId !== null,
    queryFn: async () =>
      (await api.get<BoardData>(`/api/ext/pipelines/${pipelineId}/board`, { ...filter })).data,
  });
}

export const CARDS_PAGE = 50;

export function useStageCards(stageId: number, filter: BoardFilter) {
  return useInfiniteQuery({
    queryKey: dealKeys.cards(stageId, filter),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }): Promise<CardsPage> => {
      const res = await api.get<DealCard[]>(`/api/ext/stages/${stageId}/cards`, {
        limit: CARDS_PAGE,
        cursor: pageParam,
        ...filter,
      });
      return { cards: res.data, next: res.additional_data?.next_cursor ?? null };
    },
    getNextPageParam: (last) => last.next,
  });
}

export function useDeal(id: number) {
  return useQuery({
    queryKey: dealKeys.deal(id),
    queryFn: async () => (await api.get<Deal>(`/api/v2/deals/${id}`)).data,
    retry: false,
  });
}

export function useStageHistory(id: number) {
  return useQuery({
    queryKey: dealKeys.history(id),
    queryFn: async () => (await api.get<StageVisit[]>(`/api/ext/deals/${id}/stage-history`)).data,
  });
}

export function useChangelog(id: number) {
  return useInfiniteQuery({
    queryKey: dealKeys.changelog(id),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const res = await api.get<ChangelogEntry[]>(`/api/v1/deals/${id}/changelog`, {
        limit: 50,
        cursor: pageParam,
      });
      return { entries: res.data, next: res.additional_data?.next_cursor ?? null };
    },
    getNextPageParam: (last) => last.next,
  });
}
