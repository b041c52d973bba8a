import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, bodyOf } from './client.ts';
import { organizationKeys } from './organizations.ts';
import { personKeys } from './persons.ts';
import { retryUnlessClientError } from './retry.ts';
import type { Schemas } from './types.ts';

/** Leads (v1 and v2, /api/ext/leads for the inbox): the inbox's pages, one lead, its changes, bulk actions. */

export const leadKeys = {
  all: ['leads'] as const,
  /** one page of the inbox */
  inbox: (f: InboxFilters, page: number) => ['leads', 'inbox', f, page] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  /** leads deleted in the last 30 days (restore data) */
  deleted: ['leads', 'deleted'] as const,
  /** the leads of a person or an organization */
  ofContact: (q: { person_id: number } | { organization_id: number }) => ['leads', 'of-contact', q] as const,
};

export type NextActivityStatus = 'overdue' | 'today' | 'future';

export interface InboxLead {
  id: string;
  title: string;
  owner: { id: number; name: string };
  person: { id: number; name: string; email: string | null; phone: string | null } | null;
  organization: { id: number; name: string } | null;
  labels: { id: string; name: string; color: string }[];
  next_activity: {
    id: number;
    subject: string;
    type: string;
    due_date: string | null;
    due_time: string | null;
    status: NextActivityStatus;
  } | null;
  value: number | null;
  currency: string | null;
  expected_close_date: string | null;
  source_name: string;
  was_seen: boolean;
  is_archived: boolean;
  add_time: string;
  /** the values of the custom columns asked for (`InboxFilters.custom_fields`), as v2 shows them */
  custom_fields?: Record<string, unknown>;
}

export type InboxSort = 'title' | 'value' | 'expected_close_date' | 'add_time' | 'owner' | 'next_activity';

export interface InboxFilters {
  archived: boolean;
  term: string;
  owner_id: number | null;
  label_id: string | null;
  source_name: string | null;
  sort_by: InboxSort | null;
  sort_direction: 'asc' | 'desc';
  /** the custom fields shown as columns (their values come with the rows) */
  custom_fields: string[];
  /** only leads whose custom field `field_code` holds `field_value` */
  field_code: string | null;
  field_value: string | null;
}

export interface InboxPage {
  rows: InboxLead[];
  more: boolean;
  total: number;
}

export const INBOX_PAGE_SIZE = 500;

export async function fetchInboxPage(f: InboxFilters, page: number): Promise<InboxPage> {
  const res = await api.get<InboxLead[]>('/api/ext/leads', {
    archived: f.archived,
    term: f.term.trim() || undefined,
    owner_id: f.owner_id,
    label_id: f.label_id,
    source_name: f.source_name,
    sort_by: f.sort_by,
    sort_direction: f.sort_by ? f.sort_direction : undefined,
    custom_fields: f.custom_fields.join(',') || undefined,
    ...(f.field_code && f.field_value !== null
      ? { custom_field_code: f.field_code, custom_field_value: f.field_value }
      : {}),
    start: page * INBOX_PAGE_SIZE,
    limit: INBOX_PAGE_SIZE,
    // the first page tells the length of the list; the others need not count again
    include_total: page === 0 ? 1 : undefined,
  });
  const extra = res.additional_data as { more_items_in_collection?: boolean; total?: number } | undefined;
  return { rows: res.data, more: !!extra?.more_items_in_collection, total: extra?.total ?? res.data.length };
}

export interface BulkResult {
  lead_id: string;
  ok: boolean;
  error?: string;
}

/** Archive, unarchive or delete leads, 500 at a time (the endpoint's limit). */
export async function bulkLeads(
  action: 'archive' | 'unarchive' | 'delete',
  ids: string[],
): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for (let i = 0; i < ids.length; i += INBOX_PAGE_SIZE) {
    const res = await api.post<BulkResult[]>('/api/ext/leads/bulk', {
      action,
      lead_ids: ids.slice(i, i + INBOX_PAGE_SIZE),
    });
    out.push(...res.data);
  }
  return out;
}

export type VisibleTo = '1' | '3' | '5' | '7';

export type Lead = Schemas['Lead'];

export type LeadPatch = Partial<{
  title: string;
  owner_id: number;
  label_ids: string[];
  person_id: number | null;
  organization_id: number | null;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  visible_to: VisibleTo;
  was_seen: boolean;
  is_archived: boolean;
}>;

export interface Channel {
  value: string;
  primary: boolean;
  label: string;
}

export interface Address {
  value: string | null;
  [part: string]: string | null;
}

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKeys.detail(id),
    queryFn: async () => (await api.get<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`)).data,
    retry: retryUnlessClientError,
  });
}

/** PATCH /api/v1/leads/{id}; the answer replaces the cached lead and the lists are refreshed. */
export function useUpdateLead(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: LeadPatch) =>
      (await api.patch<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`, patch)).data,
    onSuccess: (lead) => {
      qc.setQueryData(leadKeys.detail(id), lead);
      void qc.invalidateQueries({ queryKey: leadKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
  });
}

export function useDeleteLead(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del<{ id: string }>(`/api/v1/leads/${encodeURIComponent(id)}`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: leadKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

/** The body of POST /api/ext/leads as the web app sends it. */
export interface LeadCreate {
  title: string;
  person_id: number | null;
  organization_id: number | null;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  label_ids: string[];
  owner_id?: number;
}

/** POST /api/ext/leads; the inbox refreshes, and contacts (one may have been made for the lead). */
export function useCreateLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<LeadCreate>) =>
      (await api.post<{ id: string; title: string }>('/api/ext/leads', await bodyOf(body))).data,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      void qc.invalidateQueries({ queryKey: personKeys.all });
      void qc.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}

/** Archive, unarchive or delete leads (per-lead results); the inbox refreshes either way. */
export function useBulkLeads() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: 'archive' | 'unarchive' | 'delete'; ids: string[] }) =>
      bulkLeads(action, ids),
    onSettled: () => qc.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export interface DeletedLead {
  id: string;
  title: string;
  person_name: string | null;
  organization_name: string | null;
  delete_time: string;
  deleted_by: { id: number; name: string } | null;
}

/** Leads deleted in the last 30 days (first 500). */
export function useDeletedLeads() {
  return useQuery({
    queryKey: leadKeys.deleted,
    queryFn: async () => (await api.get<DeletedLead[]>('/api/ext/leads/deleted', { limit: 500 })).data,
  });
}

/** POST /api/ext/leads/{id}/restore; the inbox and the deleted list refresh either way. */
export function useRestoreLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (lead: Pick<DeletedLead, 'id' | 'title'>) =>
      (await api.post(`/api/ext/leads/${lead.id}/restore`)).data,
    onSettled: () => qc.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

/** Starts converting many leads to deals in the background (POST /api/ext/leads/convert): the job's id. */
export function useStartLeadsConversion() {
  return useMutation({
    mutationFn: async (body: { lead_ids: string[]; pipeline_id: number | null; stage_id: number | null }) =>
      (await api.post<{ job_id: number }>('/api/ext/leads/convert', body)).data.job_id,
  });
}
