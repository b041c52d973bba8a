/** The shapes this feature reads from the API (v2 persons and organizations, v1 users and leads). */

export interface Channel {
  value: string;
  primary: boolean;
  label: string;
}

export interface Address {
  value: string | null;
  country: string | null;
  locality: string | null;
  postal_code: string | null;
  [key: string]: string | null;
}

export interface Person {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number;
  org_id: number | null;
  add_time: string;
  update_time: string;
  visible_to: number;
  emails: Channel[];
  phones: Channel[];
  job_title?: string;
  birthday?: string;
  notes?: string;
}

export interface Organization {
  id: number;
  name: string;
  owner_id: number;
  add_time: string;
  update_time: string;
  visible_to: number;
  address: Address;
  website: string | null;
  linkedin: string | null;
  annual_revenue: number | null;
  employee_count: number | null;
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

export interface Deal {
  id: number;
  title: string;
  owner_id: number;
  value: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
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
}

export interface OrganizationRow {
  id: number;
  name: string;
  address: string | null;
  ownerId: number;
}

export type ContactKind = 'person' | 'organization';
