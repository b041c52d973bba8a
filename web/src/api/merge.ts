import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activityKeys } from './activities.ts';
import { api } from './client.ts';
import { dealKeys } from './deals.ts';
import { duplicateKeys } from './duplicates.ts';
import { leadKeys } from './leads.ts';
import { noteKeys } from './notes.ts';
import { organizationKeys } from './organizations.ts';
import { personKeys } from './persons.ts';

/** Merges of two persons or two organizations (v1): PUT /api/v1/{persons|organizations}/{id}/merge. */

/**
 * Merges record `id` into `merge_with_id` (the one kept). Everything that may show either of them is
 * refreshed: contacts, leads, deals, notes and activities move to the one kept.
 */
export function useMergeContact(kind: 'person' | 'organization', id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (survivorId: number) =>
      api.put(`/api/v1/${kind === 'person' ? 'persons' : 'organizations'}/${id}/merge`, {
        merge_with_id: survivorId,
      }),
    onSuccess: () => {
      for (const queryKey of [
        personKeys.all,
        organizationKeys.all,
        leadKeys.all,
        dealKeys.all,
        noteKeys.all,
        activityKeys.all,
        duplicateKeys.all,
      ])
        void qc.invalidateQueries({ queryKey });
    },
  });
}
