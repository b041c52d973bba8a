import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageId } from '../i18n/messages/en.ts';
import { activityKeys } from './activities.ts';
import { api } from './client.ts';
import { dealKeys } from './deals.ts';
import { duplicateKeys } from './duplicates.ts';
import { leadKeys } from './leads.ts';
import { noteKeys } from './notes.ts';
import { organizationKeys } from './organizations.ts';
import { personKeys } from './persons.ts';

/** Lead to deal conversion (v2): start it, wait for it, and refresh what it changed. */

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

/**
 * Converts a lead to a deal and waits for the deal (its id). `settle`, called once the lead's page has
 * left (the lead is gone), drops the lead and refreshes what the conversion changed: leads, deals, notes,
 * activities, contacts, duplicates.
 */
export function useConvertLead(leadId: string) {
  const qc = useQueryClient();
  const mutation = useMutation({ mutationFn: (body: ConvertBody) => convertLead(leadId, body) });
  const settle = () => {
    qc.removeQueries({ queryKey: leadKeys.detail(leadId) });
    for (const queryKey of [
      leadKeys.all,
      dealKeys.all,
      noteKeys.all,
      activityKeys.all,
      personKeys.all,
      organizationKeys.all,
      duplicateKeys.all,
    ])
      void qc.invalidateQueries({ queryKey });
  };
  return { ...mutation, settle };
}
