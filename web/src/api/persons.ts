import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, bodyOf } from './client.ts';
import { organizationKeys } from './organizations.ts';
import { retryUnlessClientError } from './retry.ts';
import type { Schemas } from './types.ts';

/** Persons (v2): contact pages, the contacts of leads and deals, pickers. */

export type Person = Schemas['Person'];

export const personKeys = {
  all: ['persons'] as const,
  detail: (id: number | null) => ['persons', 'detail', id] as const,
  /** a list page: the search term, and a custom field's filter (code and value) when one is set */
  list: (f: { term: string; field?: string | null; value?: string | null }) =>
    ['persons', 'list', f] as const,
  /** a search by name, within an organization (scope) or not */
  search: (term: string, scope?: number | null) => ['persons', 'search', term, scope ?? null] as const,
  ofOrganization: (orgId: number) => ['persons', 'of-organization', orgId] as const,
};

export async function fetchPerson(id: number): Promise<Person> {
  return (await api.get<Person>(`/api/v2/persons/${id}`)).data;
}

const isId = (id: number | null | undefined): id is number =>
  typeof id === 'number' && Number.isSafeInteger(id) && id > 0;

/** One person; nothing is asked without an id. */
export function usePerson(id: number | null | undefined) {
  return useQuery({
    queryKey: personKeys.detail(id ?? null),
    queryFn: () => fetchPerson(id as number),
    enabled: isId(id),
    retry: retryUnlessClientError,
  });
}

/** The people of an organization (first 100). */
export function useOrganizationPeople(orgId: number) {
  return useQuery({
    queryKey: personKeys.ofOrganization(orgId),
    queryFn: async () => (await api.get<Person[]>('/api/v2/persons', { org_id: orgId, limit: 100 })).data,
  });
}

/** An e-mail address or phone number as it is sent: its type is free text (work, home, mobile…). */
export interface ChannelInput {
  value: string;
  primary: boolean;
  label: string;
}

/** What a PATCH changes. */
export type PersonPatch = Partial<{
  name: string;
  org_id: number | null;
  emails: ChannelInput[];
  phones: ChannelInput[];
  job_title: string | null;
  owner_id: number;
  visible_to: number;
  /** custom values by field code (null clears one) */
  custom_fields: Record<string, unknown>;
}>;

/**
 * PATCH /api/v2/persons/{id}: the answer replaces the cached record; lists, searches and the
 * organizations that show it are refreshed.
 */
export function useUpdatePerson(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: PersonPatch) => (await api.patch<Person>(`/api/v2/persons/${id}`, patch)).data,
    onSuccess: (record) => {
      qc.setQueryData(personKeys.detail(id), record);
      void qc.invalidateQueries({ queryKey: personKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      void qc.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}

/** The body of POST /api/v2/persons as the web app sends it. */
export interface PersonCreate {
  name: string;
  owner_id?: number;
  visible_to?: number;
  org_id?: number | null;
  emails?: ChannelInput[];
  phones?: ChannelInput[];
}

/** POST /api/v2/persons; lists and searches of persons (and organizations) refresh. */
export function useCreatePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<PersonCreate>) =>
      (await api.post<Person>('/api/v2/persons', await bodyOf(body))).data,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: personKeys.all });
      void qc.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}
