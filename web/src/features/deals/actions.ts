import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { type Deal, dealKeys } from '../../api/deals.ts';

/** Changes of one deal through the v2 API; every one refreshes what shows deals. */

export type DealPatch = Partial<
  Pick<
    Deal,
    | 'title'
    | 'value'
    | 'currency'
    | 'expected_close_date'
    | 'owner_id'
    | 'probability'
    | 'visible_to'
    | 'person_id'
    | 'org_id'
    | 'stage_id'
    | 'status'
    | 'lost_reason'
    | 'is_archived'
  >
>;

export const patchDeal = async (id: number, patch: DealPatch) =>
  (await api.patch<Deal>(`/api/v2/deals/${id}`, patch)).data;

export const deleteDeal = async (id: number) => {
  await api.del<{ id: number }>(`/api/v2/deals/${id}`);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ConversionStatus {
  conversion_id: string;
  status: 'not_started' | 'running' | 'completed' | 'failed' | 'rejected';
  lead_id?: string;
  error?: string;
}

/**
 * Converts a deal to a lead (POST /api/v2/deals/{id}/convert/lead) and waits for the conversion to
 * finish. Returns the new lead's id (null if it is still running after a while).
 */
export async function convertDealToLead(id: number): Promise<string | null> {
  const started = await api.post<{ conversion_id: string }>(`/api/v2/deals/${id}/convert/lead`);
  const conversion = started.data.conversion_id;
  for (let attempt = 0; attempt < 30; attempt++) {
    const res = await api.get<ConversionStatus>(`/api/v2/deals/${id}/convert/status/${conversion}`);
    const s = res.data;
    if (s.status === 'completed') return s.lead_id ?? null;
    if (s.status === 'failed' || s.status === 'rejected') {
      throw new Error(s.error ?? 'The deal could not be converted to a lead');
    }
    await sleep(Math.min(250 * (attempt + 1), 1500));
  }
  return null;
}

export function useUpdateDeal(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: DealPatch) => patchDeal(id, patch),
    onSuccess: (deal) => {
      qc.setQueryData(dealKeys.deal(id), deal);
      void qc.invalidateQueries({
        queryKey: dealKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === id),
      });
    },
  });
}
