import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  fetchInboxPage,
  INBOX_PAGE_SIZE,
  type InboxFilters,
  type InboxLead,
  leadKeys,
} from '../../api/leads.ts';

/**
 * The inbox rows, loaded by pages of 500 as the table scrolls: the first page tells the total (the
 * virtual list's length); other pages load when their rows come into view (a jump to the end loads
 * the last page only).
 */
export function useInboxFirstPage(filters: InboxFilters) {
  return useQuery({
    queryKey: leadKeys.inbox(filters, 0),
    queryFn: () => fetchInboxPage(filters, 0),
    placeholderData: keepPreviousData,
  });
}

export function useInboxPages(filters: InboxFilters, firstIndex: number, lastIndex: number) {
  const pages = useMemo(() => {
    if (lastIndex < 0) return [];
    const out: number[] = [];
    for (
      let p = Math.floor(firstIndex / INBOX_PAGE_SIZE);
      p <= Math.floor(lastIndex / INBOX_PAGE_SIZE);
      p++
    ) {
      if (p > 0) out.push(p);
    }
    return out;
  }, [firstIndex, lastIndex]);
  const results = useQueries({
    queries: pages.map((p) => ({
      queryKey: leadKeys.inbox(filters, p),
      queryFn: () => fetchInboxPage(filters, p),
    })),
  });
  return useMemo(() => {
    const byPage = new Map<number, InboxLead[]>();
    pages.forEach((p, i) => {
      const data = results[i]?.data;
      if (data) byPage.set(p, data.rows);
    });
    return byPage;
  }, [pages, results]);
}
