import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { type Deal, dealKeys } from '../../api/deals.ts';
import { leadKeys } from '../../api/leads.ts';
import { organizationKeys } from '../../api/organizations.ts';
import { personKeys } from '../../api/persons.ts';
import { useUsers } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';
import type {
  Lead,
  Organization,
  OrganizationRow,
  OrganizationSearchItem,
  Person,
  PersonRow,
  PersonSearchItem,
  SearchResult,
} from './types.ts';

const PAGE = 50;

/** Search only from two characters on (the search endpoints' rule). */
export const searchable = (term: string) => term.trim().length >= 2;

/** A list's one-field filter, set (a field and its value) or none. */
export type ListFieldFilter = { code: string; value: string } | null;

const filterQuery = (f: ListFieldFilter) =>
  f ? { custom_field_code: f.code, custom_field_value: f.value } : {};

/** A page of search results narrowed to those whose field holds the value (the search has no such filter). */
async function narrowed<T extends { id: number }>(
  path: string,
  rows: T[],
  filter: ListFieldFilter,
): Promise<T[]> {
  if (!filter || rows.length === 0) return rows;
  const res = await api.get<{ id: number }[]>(path, {
    ids: rows.map((r) => r.id).join(','),
    limit: rows.length,
    ...filterQuery(filter),
  });
  const keep = new Set(res.data.map((r) => r.id));
  return rows.filter((r) => keep.has(r.id));
}

const primary = (list: { value: string; primary: boolean }[]) =>
  (list.find((c) => c.primary) ?? list[0])?.value ?? null;

export function useUserNames(): (id: number | null | undefined) => string {
  const users = useUsers();
  const t = useT();
  return (id) => {
    if (id == null) return '—';
    return users.data?.find((u) => u.id === id)?.name ?? t('contacts.user', { id });
  };
}

/** The names of some organizations, in one call. */
async function organizationNames(ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const res = await api.get<Organization[]>('/api/v2/organizations', {
    ids: unique.join(','),
    limit: unique.length,
  });
  return new Map(res.data.map((o) => [o.id, o.name]));
}

/** People per organization; an older server without the endpoint gives no counts. */
async function peopleCounts(ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  try {
    const res = await api.get<{ org_id: number; people_count: number }[]>(
      '/api/ext/organizations/people-counts',
      { ids: ids.join(',') },
    );
    return new Map(res.data.map((c) => [c.org_id, c.people_count]));
  } catch {
    return new Map();
  }
}

interface Page<T> {
  rows: T[];
  next: string | null;
}

export function usePeopleList(term: string, filter: ListFieldFilter = null) {
  const q = term.trim();
  return useInfiniteQuery({
    queryKey: personKeys.list({ term: searchable(q) ? q : '', field: filter?.code, value: filter?.value }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<PersonRow>) => last.next ?? undefined,
    queryFn: async ({ pageParam }): Promise<Page<PersonRow>> => {
      if (searchable(q)) {
        const res = await api.get<SearchResult<PersonSearchItem>>('/api/v2/persons/search', {
          term: q,
          limit: PAGE,
          cursor: pageParam,
        });
        const rows = res.data.items.map(({ item }) => ({
          id: item.id,
          name: item.name,
          email: item.emails[0] ?? null,
          phone: item.phones[0] ?? null,
          orgId: item.organization?.id ?? null,
          orgName: item.organization?.name ?? null,
          ownerId: item.owner.id,
        }));
        return {
          rows: await narrowed('/api/v2/persons', rows, filter),
          next: res.additional_data?.next_cursor ?? null,
        };
      }
      const res = await api.get<Person[]>('/api/v2/persons', {
        limit: PAGE,
        cursor: pageParam,
        sort_by: 'id',
        sort_direction: 'desc',
        ...filterQuery(filter),
      });
      const names = await organizationNames(res.data.flatMap((p) => (p.org_id ? [p.org_id] : [])));
      return {
        rows: res.data.map((p) => ({
          id: p.id,
          name: p.name,
          email: primary(p.emails),
          phone: primary(p.phones),
          orgId: p.org_id,
          orgName: p.org_id ? (names.get(p.org_id) ?? null) : null,
          ownerId: p.owner_id,
          custom: p.custom_fields,
        })),
        next: res.additional_data?.next_cursor ?? null,
      };
    },
  });
}

export type OrganizationListRow = OrganizationRow & { peopleCount: number | null };

export function useOrganizationsList(term: string, filter: ListFieldFilter = null) {
  const q = term.trim();
  return useInfiniteQuery({
    queryKey: organizationKeys.list({
      term: searchable(q) ? q : '',
      field: filter?.code,
      value: filter?.value,
    }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<OrganizationListRow>) => last.next ?? undefined,
    queryFn: async ({ pageParam }): Promise<Page<OrganizationListRow>> => {
      let rows: OrganizationRow[];
      let next: string | null;
      if (searchable(q)) {
        const res = await api.get<SearchResult<OrganizationSearchItem>>('/api/v2/organizations/search', {
          term: q,
          limit: PAGE,
          cursor: pageParam,
        });
        rows = await narrowed(
          '/api/v2/organizations',
          res.data.items.map(({ item }) => ({
            id: item.id,
            name: item.name,
            address: item.address,
            ownerId: item.owner.id,
          })),
          filter,
        );
        next = res.additional_data?.next_cursor ?? null;
      } else {
        const res = await api.get<Organization[]>('/api/v2/organizations', {
          limit: PAGE,
          cursor: pageParam,
          sort_by: 'id',
          sort_direction: 'desc',
          ...filterQuery(filter),
        });
        rows = res.data.map((o) => ({
          id: o.id,
          name: o.name,
          address: o.address.value,
          ownerId: o.owner_id,
          custom: o.custom_fields,
        }));
        next = res.additional_data?.next_cursor ?? null;
      }
      const counts = await peopleCounts(rows.map((r) => r.id));
      return { rows: rows.map((r) => ({ ...r, peopleCount: counts.get(r.id) ?? null })), next };
    },
  });
}

/** `person_id` or `org_id` of a contact, as the deals and leads filters name them. */
export type ContactFilter = { person_id: number } | { org_id: number };

export function useContactLeads(filter: ContactFilter) {
  const query = 'person_id' in filter ? { person_id: filter.person_id } : { organization_id: filter.org_id };
  return useQuery({
    queryKey: leadKeys.ofContact(query),
    queryFn: async () => (await api.get<Lead[]>('/api/v1/leads', { ...query, limit: 100 })).data,
  });
}

export function useContactDeals(filter: ContactFilter) {
  return useQuery({
    queryKey: dealKeys.ofContact(filter),
    queryFn: async () => (await api.get<Deal[]>('/api/v2/deals', { ...filter, limit: 100 })).data,
  });
}
