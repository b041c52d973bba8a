import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import type { Address, Channel } from './leads.ts';
import type { ResponseData } from './types.ts';

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
  | 'name_legal_form'
  | 'email_same'
  | 'email_local_part'
  | 'email_domain'
  | 'phone_same'
  | 'organization_same'
  | 'address_same'
  | 'birthday_same'
  | 'birthday_different';

/**
 * How one field matched (or what speaks against), with its parameters; worded by reasonText
 * (features/contacts/duplicate-reasons.ts) from the catalogues, the one place its words live.
 */
export interface ReasonDetail {
  kind: ReasonKind;
  part?: 'given' | 'middle' | 'surname' | 'name';
  letters?: number;
  domain?: string;
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

/** What is typed into a new contact's form: its name, e-mail and phone (persons). */
export interface DuplicateProbe {
  name?: string;
  email?: string;
  phone?: string;
}

export const duplicateKeys = {
  all: ['duplicates'] as const,
  of: (kind: DuplicateKind, id: number | null) => ['duplicates', kind, id] as const,
  typed: (kind: DuplicateKind, probe: DuplicateProbe) => ['duplicates', kind, 'typed', probe] as const,
  pairs: (kind: DuplicateKind) => ['duplicates', kind, 'pairs'] as const,
};

/**
 * The one fetch of duplicate candidates: of an existing contact (`id`) or of typed fields. `signal`
 * cancels it when a newer look-up supersedes it.
 */
export async function fetchDuplicates(
  kind: DuplicateKind,
  query: { id: number } | DuplicateProbe,
  signal?: AbortSignal,
): Promise<Duplicate[]> {
  return (await api.get<Duplicate[]>('/api/ext/duplicates', { item_type: kind, ...query }, signal)).data;
}

/** Enough typed to look up: a name of two letters, an e-mail with its @, a phone of six digits. */
export function probeReady(kind: DuplicateKind, p: DuplicateProbe): boolean {
  const name = (p.name ?? '').trim().length >= 2;
  if (kind === 'organization') return name;
  return name || /.@./.test(p.email ?? '') || (p.phone ?? '').replace(/\D/g, '').length >= 6;
}

/**
 * Duplicates of a contact being typed ("+ Person", "+ Lead", "+ Deal"): looked up once the fields
 * have rested (the caller debounces them); a look-up still running when they change is cancelled.
 */
export function useTypedDuplicates(kind: DuplicateKind, probe: DuplicateProbe, enabled: boolean) {
  const clean: DuplicateProbe = {
    name: probe.name?.trim() || undefined,
    email: kind === 'person' ? probe.email?.trim() || undefined : undefined,
    phone: kind === 'person' ? probe.phone?.trim() || undefined : undefined,
  };
  return useQuery({
    queryKey: duplicateKeys.typed(kind, clean),
    queryFn: ({ signal }) => fetchDuplicates(kind, clean, signal),
    enabled: enabled && probeReady(kind, clean),
    retry: false,
    staleTime: 30_000,
  });
}

/**
 * Duplicate candidates of an existing person or organization, best first. A 404 (no such endpoint on
 * an older server, or the contact is gone) means there is nothing to review.
 */
export function useDuplicates(kind: DuplicateKind, id: number | null) {
  return useQuery({
    queryKey: duplicateKeys.of(kind, id),
    queryFn: async () => {
      try {
        return id === null ? [] : await fetchDuplicates(kind, { id });
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

/** One pair of the merge tool's list: both records (lower id first), score, band and reasons. */
type PairData = ResponseData<'/api/ext/duplicates/pairs', 'get'>[number];
export type DuplicatePairItem = PairData['items'][number];
/** (the generated type reads the pair as a list; the server's schema is a tuple of two) */
export type DuplicatePair = Omit<PairData, 'items'> & { items: [DuplicatePairItem, DuplicatePairItem] };

const PAIRS_PAGE = 20;

export async function fetchDuplicatePairs(
  kind: DuplicateKind,
  cursor: string | null,
): Promise<{ pairs: DuplicatePair[]; next: string | null }> {
  const res = await api.get<DuplicatePair[]>('/api/ext/duplicates/pairs', {
    kind,
    limit: PAIRS_PAGE,
    cursor: cursor ?? undefined,
  });
  return { pairs: res.data, next: res.additional_data?.next_cursor ?? null };
}

/**
 * The duplicate pairs of the company, page by page ("Load more"); a page may be short, even empty,
 * while the server still has records to look at.
 */
export function useDuplicatePairs(kind: DuplicateKind) {
  return useInfiniteQuery({
    queryKey: duplicateKeys.pairs(kind),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchDuplicatePairs(kind, pageParam),
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: 30_000,
  });
}

/** "Not a duplicate": the pair leaves the list (and the look-ups of both records). */
export function useDismissPair(kind: DuplicateKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: [number, number]) => api.post('/api/ext/duplicates/pairs/dismiss', { kind, ids }),
    onSuccess: (_res, [a, b]) => {
      // drop it from the loaded pages at once (no walk again from the start), then refresh look-ups
      qc.setQueryData<{ pages: { pairs: DuplicatePair[]; next: string | null }[]; pageParams: unknown[] }>(
        duplicateKeys.pairs(kind),
        (old) =>
          old && {
            ...old,
            pages: old.pages.map((p) => ({
              ...p,
              pairs: p.pairs.filter(
                (x) => !(x.items[0].id === Math.min(a, b) && x.items[1].id === Math.max(a, b)),
              ),
            })),
          },
      );
      void qc.invalidateQueries({ queryKey: duplicateKeys.of(kind, a) });
      void qc.invalidateQueries({ queryKey: duplicateKeys.of(kind, b) });
    },
  });
}
