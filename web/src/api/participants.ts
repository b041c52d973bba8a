import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, bodyOf } from './client.ts';
import type { Deal } from './deals.ts';
import type { Schemas } from './types.ts';

/** Deal participants (v1): extra persons on a deal; and, on a person, the deals they take part in. */

export type Participant = Schemas['DealParticipant'];

export const participantKeys = {
  all: ['participants'] as const,
  ofDeal: (dealId: number) => ['participants', 'deal', dealId] as const,
  dealsOfPerson: (personId: number) => ['participants', 'person-deals', personId] as const,
};

export const PARTICIPANTS_STALE_MS = 30_000;

export async function fetchParticipants(dealId: number): Promise<Participant[]> {
  return (await api.get<Participant[]>(`/api/v1/deals/${dealId}/participants`, { limit: 500 })).data;
}

export async function fetchParticipantDeals(personId: number): Promise<Deal[]> {
  return (await api.get<Deal[]>(`/api/ext/persons/${personId}/participant-deals`, { limit: 500 })).data;
}

export function useParticipants(dealId: number) {
  return useQuery({
    queryKey: participantKeys.ofDeal(dealId),
    queryFn: () => fetchParticipants(dealId),
    staleTime: PARTICIPANTS_STALE_MS,
  });
}

/** The deals the person takes part in (not those where they are the main contact). */
export function useParticipantDeals(personId: number) {
  return useQuery({
    queryKey: participantKeys.dealsOfPerson(personId),
    queryFn: () => fetchParticipantDeals(personId),
    staleTime: PARTICIPANTS_STALE_MS,
  });
}

/** Adds a person to the deal; the body may make a new person first (a name typed in the picker). */
export function useAddParticipant(dealId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (personId: BodyOf<number>) =>
      api.post(`/api/v1/deals/${dealId}/participants`, { person_id: await bodyOf(personId) }),
    onSettled: () => qc.invalidateQueries({ queryKey: participantKeys.all }),
  });
}

export function useRemoveParticipant(dealId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (participantId: number) => api.del(`/api/v1/deals/${dealId}/participants/${participantId}`),
    onSettled: () => qc.invalidateQueries({ queryKey: participantKeys.all }),
  });
}
