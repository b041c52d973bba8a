import { api } from '../../api/client.ts';

/** The Leads Inbox's data: types of /api/ext/leads rows and the small lists its filters and forms use. */

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
}

export interface InboxPage {
  rows: InboxLead[];
  more: boolean;
  total: number;
}

export const INBOX_PAGE_SIZE = 500;

/** Query key of one page of the inbox (everything under ['leads'] is invalidated by lead mutations). */
export const inboxPageKey = (f: InboxFilters, page: number) => ['leads', 'inbox', f, page] as const;

export async function fetchInboxPage(f: InboxFilters, page: number): Promise<InboxPage> {
  const res = await api.get<InboxLead[]>('/api/ext/leads', {
    archived: f.archived,
    term: f.term.trim() || undefined,
    owner_id: f.owner_id,
    label_id: f.label_id,
    source_name: f.source_name,
    sort_by: f.sort_by,
    sort_direction: f.sort_by ? f.sort_direction : undefined,
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
