import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { InboxFilters, InboxSort } from '../../api/leads.ts';

const SORTS: InboxSort[] = ['title', 'value', 'expected_close_date', 'add_time', 'owner', 'next_activity'];

type Param = 'q' | 'owner' | 'label' | 'source' | 'sort' | 'dir' | 'field' | 'value';

/**
 * The inbox's search, filters and sort live in the URL (back/forward and shared links keep them); the
 * custom columns are the user's choice (`customFields`), asked for with the rows.
 */
export function useInboxFilters(archived: boolean, customFields: string[] = []) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<InboxFilters>(() => {
    const owner = Number(params.get('owner'));
    const sort = params.get('sort') as InboxSort | null;
    return {
      archived,
      term: params.get('q') ?? '',
      owner_id: Number.isSafeInteger(owner) && owner > 0 ? owner : null,
      label_id: params.get('label'),
      source_name: params.get('source'),
      sort_by: sort && SORTS.includes(sort) ? sort : null,
      sort_direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
      custom_fields: customFields,
      field_code: params.get('field'),
      field_value: params.get('field') ? params.get('value') : null,
    };
  }, [params, archived, customFields]);

  const update = useCallback(
    (patch: Partial<Record<Param, string | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filters, update };
}

export const hasActiveFilters = (f: InboxFilters) =>
  f.term.trim() !== '' ||
  f.owner_id !== null ||
  f.label_id !== null ||
  f.source_name !== null ||
  (f.field_code !== null && f.field_value !== null);
