import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client.ts';
import type { Address, Channel } from '../../../api/leads.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';

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

export interface Duplicate {
  item: DuplicateItem;
  score: number;
  reasons: Reason[];
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

export interface ConvertBody {
  stage_id?: number;
  pipeline_id?: number;
  person_id?: number;
  org_id?: number;
}

type ConversionState = 'not_started' | 'running' | 'completed' | 'failed' | 'rejected';

interface ConversionStatus {
  conversion_id: string;
  status: ConversionState;
  deal_id?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long to wait for a conversion before giving up on it (it may still finish). */
const POLL_LIMIT_MS = 60_000;

/** A conversion that did not give a deal, for a reason the web app words itself (the server gave none). */
export class ConversionError extends Error {
  constructor(readonly messageId: MessageId) {
    super(messageId);
    this.name = 'ConversionError';
  }
}

/**
 * Starts the conversion and polls its status until it completes (the new deal's id) or fails (an
 * Error with the server's reason, or a ConversionError).
 */
export async function convertLead(leadId: string, body: ConvertBody): Promise<number> {
  const path = `/api/v2/leads/${encodeURIComponent(leadId)}/convert`;
  const started = await api.post<{ conversion_id: string }>(`${path}/deal`, body);
  const id = started.data.conversion_id;
  const deadline = Date.now() + POLL_LIMIT_MS;
  let wait = 250;
  for (;;) {
    const res = await api.get<ConversionStatus>(`${path}/status/${encodeURIComponent(id)}`);
    const s = res.data;
    if (s.status === 'completed') {
      if (s.deal_id === undefined) throw new ConversionError('leads.convert.noDeal');
      return s.deal_id;
    }
    if (s.status === 'failed' || s.status === 'rejected') {
      if (s.error) throw new Error(s.error);
      throw new ConversionError(
        s.status === 'failed' ? 'leads.convert.failedStatus' : 'leads.convert.rejected',
      );
    }
    if (Date.now() > deadline) throw new ConversionError('leads.convert.slow');
    await sleep(wait);
    wait = Math.min(wait * 2, 2000);
  }
}
