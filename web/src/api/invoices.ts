import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { dealKeys } from './deals.ts';
import { fileKeys } from './files.ts';
import type { ResponseData, Schemas } from './types.ts';

/** Invoices made from deals (/api/ext), the company's invoice settings, and what a deal can bill. */

export type Invoice = Schemas['Invoice'];
export type InvoiceSettings = Schemas['InvoiceSettings'];
export type InvoiceStatus = Invoice['status'];
type DealLine = ResponseData<'/api/v2/deals/{id}/products', 'get'>[number];
type Installment = ResponseData<'/api/v2/deals/installments', 'get'>[number];

/** What a deal can bill: its product lines and its installments. */
export interface Billable {
  lines: DealLine[];
  installments: Installment[];
}

export const invoiceKeys = {
  all: ['invoices'] as const,
  ofDeal: (dealId: number) => ['invoices', 'deal', dealId] as const,
  billable: (dealId: number) => ['invoices', 'billable', dealId] as const,
  settings: () => ['invoices', 'settings'] as const,
};

const STALE_MS = 30_000;

/** Where an invoice's PDF is: shown inline (preview), or downloaded. */
export const invoicePdfUrl = (id: number, download = false) =>
  `/api/ext/invoices/${id}/pdf${download ? '?download=1' : ''}`;

export async function fetchDealInvoices(dealId: number): Promise<Invoice[]> {
  return (await api.get<Invoice[]>(`/api/ext/deals/${dealId}/invoices`)).data;
}

export async function fetchBillable(dealId: number): Promise<Billable> {
  const [lines, installments] = await Promise.all([
    api.get<DealLine[]>(`/api/v2/deals/${dealId}/products`, { limit: 500 }),
    api.get<Installment[]>('/api/v2/deals/installments', { deal_ids: dealId, limit: 500 }),
  ]);
  return { lines: lines.data, installments: installments.data };
}

export async function fetchInvoiceSettings(): Promise<InvoiceSettings> {
  return (await api.get<InvoiceSettings>('/api/ext/invoice-settings')).data;
}

/** The deal's invoices and credit notes, newest first. */
export function useDealInvoices(dealId: number) {
  return useQuery({
    queryKey: invoiceKeys.ofDeal(dealId),
    queryFn: () => fetchDealInvoices(dealId),
    staleTime: STALE_MS,
  });
}

/** The deal's lines and installments, for the "Create invoice" dialog (asked only while it is open). */
export function useBillable(dealId: number, enabled: boolean) {
  return useQuery({
    queryKey: invoiceKeys.billable(dealId),
    queryFn: () => fetchBillable(dealId),
    enabled,
    staleTime: STALE_MS,
  });
}

export function useInvoiceSettings() {
  return useQuery({ queryKey: invoiceKeys.settings(), queryFn: fetchInvoiceSettings, staleTime: STALE_MS });
}

export interface CreateInvoiceBody {
  line_ids?: number[];
  installment_id?: number;
  issue_date?: string;
  due_date?: string;
  note?: string;
}

/**
 * An invoice's change (a credit note is one more invoice) refreshes its deal's list, and the deal's
 * files and timeline: an issued invoice's PDF is stored as a file of the deal.
 */
function useRefresh(dealId: number) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: invoiceKeys.ofDeal(dealId) }),
      qc.invalidateQueries({ queryKey: fileKeys.of({ deal_id: dealId }) }),
      qc.invalidateQueries({ queryKey: dealKeys.timelines(dealId) }),
    ]);
}

export function useCreateInvoice(dealId: number) {
  const refresh = useRefresh(dealId);
  return useMutation({
    mutationFn: async (body: CreateInvoiceBody) =>
      (await api.post<Invoice>(`/api/ext/deals/${dealId}/invoices`, body)).data,
    onSuccess: refresh,
  });
}

/** Send (issue), mark paid or void an invoice. */
export function useSetInvoiceStatus(dealId: number) {
  const refresh = useRefresh(dealId);
  return useMutation({
    mutationFn: async ({ id, status }: { id: number; status: Exclude<InvoiceStatus, 'draft'> }) =>
      (await api.patch<Invoice>(`/api/ext/invoices/${id}`, { status })).data,
    onSuccess: refresh,
  });
}

export function useCreditInvoice(dealId: number) {
  const refresh = useRefresh(dealId);
  return useMutation({
    mutationFn: async (id: number) => (await api.post<Invoice>(`/api/ext/invoices/${id}/credit-note`)).data,
    onSuccess: refresh,
  });
}

/** Store the invoice's PDF as a file of the deal (a draft's anew, replacing its last one). */
export function useMakeInvoicePdf(dealId: number) {
  const refresh = useRefresh(dealId);
  return useMutation({
    mutationFn: async (id: number) => (await api.post<Invoice>(`/api/ext/invoices/${id}/pdf`)).data,
    onSuccess: refresh,
  });
}

export type InvoiceSettingsBody = Partial<InvoiceSettings>;

export function useSaveInvoiceSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: InvoiceSettingsBody) =>
      (await api.put<InvoiceSettings>('/api/ext/invoice-settings', body)).data,
    onSuccess: (data) => qc.setQueryData(invoiceKeys.settings(), data),
  });
}
