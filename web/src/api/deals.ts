import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, bodyOf } from './client.ts';
import { organizationKeys } from './organizations.ts';
import { personKeys } from './persons.ts';
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
  /** the custom values the board asked for (`BoardFilter.custom_fields`), by field code */
  custom_fields: Record<string, unknown>;
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

export interface BoardFilter {
  owner_id?: number | undefined;
  /** the custom field the cards show (its code): the cards carry its value */
  custom_fields?: string | undefined;
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
  /** the deal's timeline (changes, files, documents, invoices), every filter of it */
  timelines: (id: number) => ['deals', 'timeline', id] as const,
  timeline: (id: number, kinds: readonly TimelineKind[]) => ['deals', 'timeline', id, kinds] as const,
  /** the deals of a person or an organization */
  ofContact: (f: { person_id: number } | { org_id: number }) => ['deals', 'of-contact', f] as const,
};

// ---------------------------------------------------------------- queries

export function useBoard(pipelineId: number | null, filter: BoardFilter) {
  return useQuery({
    queryKey: dealKeys.board(pipelineId ?? 0, filter),
    enabled: pipelineId !== null,
    queryFn: async () =>
      (await api.get<BoardData>(`/api/ext/pipelines/${pipelineId}/board`, { owner_id: filter.owner_id }))
        .data,
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

export type TimelineItem = Schemas['TimelineItem'];
export type TimelineKind = TimelineItem['kind'];

const TIMELINE_PAGE = 50;

/** The deal's timeline, newest first, 50 moments a page; `kinds` filters it (none: all of them). */
export function useDealTimeline(id: number, kinds: readonly TimelineKind[]) {
  return useInfiniteQuery({
    queryKey: dealKeys.timeline(id, kinds),
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const res = await api.get<TimelineItem[]>(`/api/ext/deals/${id}/timeline`, {
        start: pageParam,
        limit: TIMELINE_PAGE,
        kinds: kinds.length > 0 ? kinds.join(',') : undefined,
      });
      const more = res.additional_data?.more_items_in_collection === true;
      return { items: res.data, next: more ? pageParam + TIMELINE_PAGE : null };
    },
    getNextPageParam: (last) => last.next,
  });
}

/** Changes of one deal through the v2 API; every one refreshes what shows deals. */

export type DealPatch = Partial<
  Pick<
    Deal,
    | 'title'
    | 'value'
    | 'currency'
    | 'expected_close_date'
    | 'owner_id'
    | 'probability'
    | 'visible_to'
    | 'person_id'
    | 'org_id'
    | 'stage_id'
    | 'status'
    | 'lost_reason'
    | 'is_archived'
  > & {
    /** custom values by field code (null clears one) */
    custom_fields: Record<string, unknown>;
  }
>;

export const patchDeal = async (id: number, patch: DealPatch) =>
  (await api.patch<Deal>(`/api/v2/deals/${id}`, patch)).data;

export const deleteDeal = async (id: number) => {
  await api.del<{ id: number }>(`/api/v2/deals/${id}`);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ConversionStatus {
  conversion_id: string;
  status: 'not_started' | 'running' | 'completed' | 'failed' | 'rejected';
  lead_id?: string;
  error?: string;
}

/**
 * Converts a deal to a lead (POST /api/v2/deals/{id}/convert/lead) and waits for the conversion to
 * finish. Returns the new lead's id (null if it is still running after a while).
 */
export async function convertDealToLead(id: number): Promise<string | null> {
  const started = await api.post<{ conversion_id: string }>(`/api/v2/deals/${id}/convert/lead`);
  const conversion = started.data.conversion_id;
  for (let attempt = 0; attempt < 30; attempt++) {
    const res = await api.get<ConversionStatus>(`/api/v2/deals/${id}/convert/status/${conversion}`);
    const s = res.data;
    if (s.status === 'completed') return s.lead_id ?? null;
    if (s.status === 'failed' || s.status === 'rejected') {
      throw new Error(s.error ?? 'The deal could not be converted to a lead');
    }
    await sleep(Math.min(250 * (attempt + 1), 1500));
  }
  return null;
}

/** PATCH /api/v2/deals/{id}: the answer replaces the cached deal; boards, lists and its history refresh. */
export function useUpdateDeal(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: BodyOf<DealPatch>) => patchDeal(id, await bodyOf(patch)),
    onSuccess: (deal) => {
      qc.setQueryData(dealKeys.deal(id), deal);
      void qc.invalidateQueries({
        queryKey: dealKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === id),
      });
    },
  });
}

/** The body of POST /api/v2/deals as the web app sends it. */
export type DealCreate = DealPatch & { title: string; pipeline_id?: number };

/** POST /api/v2/deals; boards and lists refresh, and contacts (one may have been made for the deal). */
export function useCreateDeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<DealCreate>) =>
      (await api.post<Deal>('/api/v2/deals', await bodyOf(body))).data,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dealKeys.all });
      void qc.invalidateQueries({ queryKey: personKeys.all });
      void qc.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}

/** POST /api/ext/deals/{id}/move: to a stage, after or before a neighbour card; the moved card. */
export const moveDeal = async (
  id: number,
  body: { stage_id: number; after_id?: number; before_id?: number },
): Promise<DealCard> => (await api.post<DealCard>(`/api/ext/deals/${id}/move`, body)).data;
