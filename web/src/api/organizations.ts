import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, bodyOf } from './client.ts';
import { personKeys } from './persons.ts';
import { retryUnlessClientError } from './retry.ts';
import type { Schemas } from './types.ts';

/** Organizations (v2): contact pages, the contacts of leads and deals, pickers. */

export type Organization = Schemas['Organization'];

export const organizationKeys = {
  all: ['organizations'] as const,
  detail: (id: number | null) => ['organizations', 'detail', id] as const,
  /** a list page: the search term, and a custom field's filter (code and value) when one is set */
  list: (f: { term: string; field?: string | null; value?: string | null }) =>
    ['organizations', 'list', f] as const,
  search: (term: string, scope?: number | null) => ['organizations', 'search', term, scope ?? null] as const,
};

export async function fetchOrganization(id: number): Promise<Organization> {
  return (await api.get<Organization>(`/api/v2/organizations/${id}`)).data;
}

const isId = (id: number | null | undefined): id is number =>
  typeof id === 'number' && Number.isSafeInteger(id) && id > 0;

/** One organization; nothing is asked without an id. */
export function useOrganization(id: number | null | undefined) {
  return useQuery({
    queryKey: organizationKeys.detail(id ?? null),
    queryFn: () => fetchOrganization(id as number),
    enabled: isId(id),
    retry: retryUnlessClientError,
  });
}

/** What a PATCH changes; an address is sent as its one line. */
export type OrganizationPatch = Partial<
  Omit<Organization, 'id' | 'add_time' | 'update_time' | 'address'> & { address: string | null }
>;

/**
 * PATCH /api/v2/organizations/{id}: the answer replaces the cached record; lists, searches and the
 * people that show it are refreshed.
 */
export function useUpdateOrganization(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: OrganizationPatch) =>
      (await api.patch<Organization>(`/api/v2/organizations/${id}`, patch)).data,
    onSuccess: (record) => {
      qc.setQueryData(organizationKeys.detail(id), record);
      void qc.invalidateQueries({
        queryKey: organizationKeys.all,
        predicate: (q) => q.queryKey[1] !== 'detail',
      });
      void qc.invalidateQueries({ queryKey: personKeys.all });
    },
  });
}

/** The body of POST /api/v2/organizations as the web app sends it. */
export interface OrganizationCreate {
  name: string;
  owner_id?: number;
  visible_to?: number;
  address?: string;
}

/** POST /api/v2/organizations; lists and searches of organizations (and persons) refresh. */
export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<OrganizationCreate>) =>
      (await api.post<Organization>('/api/v2/organizations', await bodyOf(body))).data,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: organizationKeys.all });
      void qc.invalidateQueries({ queryKey: personKeys.all });
    },
  });
}
