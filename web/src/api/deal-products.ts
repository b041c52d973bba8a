import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { dealKeys } from './deals.ts';
import { invoiceKeys } from './invoices.ts';
import type { Schemas } from './types.ts';

/**
 * A deal's products (v2 deal products) and its revenue (Pipewright's /api/ext/deals/{id}/revenue).
 * Every change of a line changes the deal's value: the deals are refreshed too (detail, board, lists).
 */

export type DealProduct = Schemas['DealProduct'];
export type DealRevenue = Schemas['DealRevenue'];

export const dealProductKeys = {
  all: ['deal-products'] as const,
  lines: (dealId: number) => ['deal-products', 'lines', dealId] as const,
  revenue: (dealId: number) => ['deal-products', 'revenue', dealId] as const,
  discounts: (dealId: number) => ['deal-products', 'discounts', dealId] as const,
  installments: (dealId: number) => ['deal-products', 'installments', dealId] as const,
};

export const DEAL_PRODUCTS_STALE_MS = 30_000;

export async function fetchDealProducts(dealId: number): Promise<DealProduct[]> {
  const res = await api.get<DealProduct[]>(`/api/v2/deals/${dealId}/products`, {
    sort_by: 'order_nr',
    limit: 500,
  });
  return res.data;
}

export async function fetchDealRevenue(dealId: number): Promise<DealRevenue> {
  return (await api.get<DealRevenue>(`/api/ext/deals/${dealId}/revenue`)).data;
}

/** The deal's lines in their order. */
export function useDealProducts(dealId: number) {
  return useQuery({
    queryKey: dealProductKeys.lines(dealId),
    queryFn: () => fetchDealProducts(dealId),
    staleTime: DEAL_PRODUCTS_STALE_MS,
  });
}

/** Value, MRR, ARR, ACV and TCV as the server computes them. */
export function useDealRevenue(dealId: number) {
  return useQuery({
    queryKey: dealProductKeys.revenue(dealId),
    queryFn: () => fetchDealRevenue(dealId),
    staleTime: DEAL_PRODUCTS_STALE_MS,
  });
}

export interface DealProductInput {
  product_id: number;
  product_variation_id?: number | null;
  item_price: number;
  quantity: number;
  discount?: number;
  discount_type?: DealProduct['discount_type'];
  tax?: number;
  tax_method?: DealProduct['tax_method'];
  is_enabled?: boolean;
  billing_frequency?: DealProduct['billing_frequency'];
  billing_frequency_cycles?: number | null;
  billing_start_date?: string | null;
}

export type DealProductPatch = Partial<DealProductInput>;

/**
 * After a change: the lines, discounts, installments and revenue of the deal, every deal view (its value
 * moved) and what the deal can invoice.
 */
export function useRefreshDealProducts() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: dealProductKeys.all }),
      qc.invalidateQueries({ queryKey: dealKeys.all }),
      qc.invalidateQueries({ queryKey: invoiceKeys.all }),
    ]);
}

export function useAddDealProduct(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: async (body: DealProductInput) =>
      (await api.post<DealProduct>(`/api/v2/deals/${dealId}/products`, body)).data,
    onSuccess: refresh,
  });
}

export function useUpdateDealProduct(dealId: number) {
  const qc = useQueryClient();
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: number; patch: DealProductPatch }) =>
      (await api.patch<DealProduct>(`/api/v2/deals/${dealId}/products/${id}`, patch)).data,
    onSuccess: (line) => {
      qc.setQueryData<DealProduct[]>(dealProductKeys.lines(dealId), (lines) =>
        lines?.map((l) => (l.id === line.id ? line : l)),
      );
      return refresh();
    },
  });
}

export function useDeleteDealProduct(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/v2/deals/${dealId}/products/${id}`),
    onSuccess: refresh,
  });
}

/** Puts the lines in this order: shown at once, saved, the server's order shown again on failure. */
export function useReorderDealProducts(dealId: number) {
  const qc = useQueryClient();
  const key = dealProductKeys.lines(dealId);
  return useMutation({
    mutationFn: async (order: DealProduct[]) =>
      (
        await api.put<DealProduct[]>(`/api/ext/deals/${dealId}/products/order`, {
          ids: order.map((l) => l.id),
        })
      ).data,
    onMutate: async (order) => {
      await qc.cancelQueries({ queryKey: key });
      qc.setQueryData(
        key,
        order.map((l, i) => ({ ...l, order_nr: i + 1 })),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}
