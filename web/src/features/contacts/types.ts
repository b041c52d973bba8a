/** Shapes this feature reads from the API that have no module in api/ yet, and its own row types. */
import type { Organization } from '../../api/organizations.ts';
import type { Person } from '../../api/persons.ts';

export type { Channel } from '../../components/channel-editor.tsx';
export type { Organization, Person };

export interface Address {
  value: string | null;
  country: string | null;
  locality: string | null;
  postal_code: string | null;
  [key: string]: string | null;
}

export interface PersonSearchItem {
  id: number;
  name: string;
  phones: string[];
  emails: string[];
  owner: { id: number };
  organization: { id: number; name: string } | null;
}

export interface OrganizationSearchItem {
  id: number;
  name: string;
  address: string | null;
  owner: { id: number };
}

export interface SearchResult<T> {
  items: { result_score: number; item: T }[];
}

export interface Lead {
  id: string;
  title: string;
  owner_id: number;
  value: { amount: number; currency: string } | null;
  is_archived: boolean;
  add_time: string;
}

/** A row of the people list, from the list or from a search. */
export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  orgId: number | null;
  orgName: string | null;
  ownerId: number;
  /** custom values by field code (v2 lists carry them; search results do not) */
  custom?: Record<string, unknown>;
}

export interface OrganizationRow {
  id: number;
  name: string;
  address: string | null;
  ownerId: number;
  /** custom values by field code (v2 lists carry them; search results do not) */
  custom?: Record<string, unknown>;
}

export type ContactKind = 'person' | 'organization';
