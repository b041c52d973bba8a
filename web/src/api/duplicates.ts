import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import type { Address, Channel } from './leads.ts';

export type Reason = 'name' | 'email' | 'phone' | 'organization' | 'address';

export interface DuplicateItem {
  id: number;
  name: string;
  owner_name: string | null;
  open_deals_count: number;
  /** persons */
  emails?: Channel[];
  phones?: Channel[];
  organization_name?: string | null;
  /** organizations */
  address?: Address | null;
}

export interface Duplicate {
  item: DuplicateItem;
  score: number;
  reasons: Reason[];
}

export type DuplicateKind = 'person' | 'organization';

export const duplicateKeys = {
  all: ['duplicates'] as const,
  of: (kind: DuplicateKind, id: number | null) => ['duplicates', kind, id] as const,
};

/**
 * Duplicate candidates of an existing person or organization, best first. A 404 (no such endpoint on
 * an older server, or the contact is gone) means there is nothing to review.
 */
export function useDuplicates(kind: DuplicateKind, id: number | null) {
  return useQuery({
    queryKey: duplicateKeys.of(kind, id),
    queryFn: async () => {
      try {
        return (await api.get<Duplicate[]>('/api/ext/duplicates', { item_type: kind, id })).data;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
    enabled: id !== null,
    retry: false,
    staleTime: 0,
  });
}
