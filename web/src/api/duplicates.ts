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

/** very_likely (score ≥ 0.8) always needs more than a similar name */
export type DuplicateBand = 'very_likely' | 'possible';

export type ReasonKind =
  | 'name_same'
  | 'name_spacing'
  | 'name_typo'
  | 'name_sounds_alike'
  | 'name_initial'
  | 'name_part_missing'
  | 'email_same'
  | 'email_local_part'
  | 'email_domain'
  | 'phone_same'
  | 'organization_same'
  | 'address_same'
  | 'birthday_same'
  | 'birthday_different';

/** How one field matched (or what speaks against), with its parameters and an English text. */
export interface ReasonDetail {
  kind: ReasonKind;
  part?: 'given' | 'middle' | 'surname' | 'name';
  letters?: number;
  domain?: string;
  text: string;
}

export interface Duplicate {
  item: DuplicateItem;
  score: number;
  reasons: Reason[];
  /** absent from servers before issue 19 */
  band?: DuplicateBand;
  details?: ReasonDetail[];
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
