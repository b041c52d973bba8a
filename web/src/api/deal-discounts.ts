import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { dealProductKeys, useRefreshDealProducts } from './deal-products.ts';
import type { Schemas } from './types.ts';

/**
 * A deal's own discounts and installments (v2 deal discounts, DealInstallmentsApi). Both sit under the
 * deal products' keys: a discount changes the deal's value and revenue, an installment what it can bill.
 */

export type DealDiscount = Schemas['DealDiscount'];
export type DealInstallment = Schemas['DealInstallment'];
export type DiscountInput = Pick<DealDiscount, 'description' | 'amount' | 'type'>;
export type InstallmentInput = Pick<DealInstallment, 'description' | 'amount' | 'billing_date'>;

export async function fetchDealDiscounts(dealId: number): Promise<DealDiscount[]> {
  return (await api.get<DealDiscount[]>(`/api/v2/deals/${dealId}/discounts`)).data;
}

export async function fetchDealInstallments(dealId: number): Promise<DealInstallment[]> {
  const res = await api.get<DealInstallment[]>('/api/v2/deals/installments', {
    deal_ids: dealId,
    sort_by: 'billing_date',
    limit: 500,
  });
  return res.data;
}

/** The deal's discounts, oldest first (the order they apply in). */
export function useDealDiscounts(dealId: number) {
  return useQuery({
    queryKey: dealProductKeys.discounts(dealId),
    queryFn: () => fetchDealDiscounts(dealId),
    staleTime: 30_000,
  });
}

/** The deal's installments by billing date. */
export function useDealInstallments(dealId: number) {
  return useQuery({
    queryKey: dealProductKeys.installments(dealId),
    queryFn: () => fetchDealInstallments(dealId),
    staleTime: 30_000,
  });
}

/** Adds (no id) or changes (an id) a discount of the deal. */
export function useSaveDiscount(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: DiscountInput }) =>
      id === undefined
        ? (await api.post<DealDiscount>(`/api/v2/deals/${dealId}/discounts`, body)).data
        : (await api.patch<DealDiscount>(`/api/v2/deals/${dealId}/discounts/${id}`, body)).data,
    onSuccess: refresh,
  });
}

export function useDeleteDiscount(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v2/deals/${dealId}/discounts/${id}`),
    onSuccess: refresh,
  });
}

/** Adds (no id) or changes (an id) an installment of the deal. */
export function useSaveInstallment(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: number; body: InstallmentInput }) =>
      id === undefined
        ? (await api.post<DealInstallment>(`/api/v2/deals/${dealId}/installments`, body)).data
        : (await api.patch<DealInstallment>(`/api/v2/deals/${dealId}/installments/${id}`, body)).data,
    onSuccess: refresh,
  });
}

export function useDeleteInstallment(dealId: number) {
  const refresh = useRefreshDealProducts();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/v2/deals/${dealId}/installments/${id}`),
    onSuccess: refresh,
  });
}
