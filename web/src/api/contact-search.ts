import { api } from './client.ts';
import { organizationKeys } from './organizations.ts';
import { personKeys } from './persons.ts';

/**
 * Searching persons or organizations by name, for every picker and dialog: one fetch per query key, so a
 * cached search has one shape whoever asked for it.
 */

export type ContactEntity = 'person' | 'organization';

/** A hit as pickers show it: the name, and what tells two of that name apart. */
export interface ContactHit {
  id: number;
  name: string;
  detail: string | null;
}

interface PersonItem {
  id: number;
  name: string;
  emails: string[];
  organization: { name: string } | null;
}
interface OrganizationItem {
  id: number;
  name: string;
  address: string | null;
}
type SearchEnvelope<T> = { items: { result_score: number; item: T }[] };

const LIMIT = 10;
const SEARCH_STALE_MS = 30_000;

/** GET /api/v2/{persons,organizations}/search; `exact` asks for the name exactly (no cache). */
export async function searchContacts(
  entity: ContactEntity,
  term: string,
  opts: { organizationId?: number | null; exact?: boolean } = {},
): Promise<ContactHit[]> {
  const exact = opts.exact ? { exact_match: true, fields: 'name' } : {};
  if (entity === 'person') {
    const res = await api.get<SearchEnvelope<PersonItem>>('/api/v2/persons/search', {
      term,
      limit: LIMIT,
      organization_id: opts.organizationId ?? undefined,
      ...exact,
    });
    return res.data.items.map(({ item }) => ({
      id: item.id,
      name: item.name,
      detail: [item.organization?.name, item.emails[0]].filter(Boolean).join(' · ') || null,
    }));
  }
  const res = await api.get<SearchEnvelope<OrganizationItem>>('/api/v2/organizations/search', {
    term,
    limit: LIMIT,
    ...exact,
  });
  return res.data.items.map(({ item }) => ({ id: item.id, name: item.name, detail: item.address }));
}

/** The query of a search (key, fetch, freshness), for useQuery with the caller's `enabled`. */
export function contactSearch(
  entity: ContactEntity,
  term: string,
  opts: { organizationId?: number | null } = {},
) {
  const scope = opts.organizationId ?? null;
  return {
    queryKey: (entity === 'person' ? personKeys : organizationKeys).search(term, scope),
    queryFn: () => searchContacts(entity, term, { organizationId: scope }),
    staleTime: SEARCH_STALE_MS,
  };
}
