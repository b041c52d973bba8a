import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { dealKeys } from './deals.ts';
import { fileKeys } from './files.ts';
import type { ResponseData, Schemas } from './types.ts';

/** Document templates (Settings → Documents) and the documents of deals, with their share links (/api/ext). */

export type DocumentTemplate = Schemas['DocumentTemplate'];
export type DealDocument = Schemas['Document'];
export type DocumentShare = Schemas['DocumentShare'];
export type Placeholder = ResponseData<'/api/ext/document-templates/placeholders', 'get'>[number];

export const documentKeys = {
  all: ['documents'] as const,
  templates: () => ['documents', 'templates'] as const,
  placeholders: () => ['documents', 'placeholders'] as const,
  preview: (body: string, dealId: number | null) => ['documents', 'preview', body, dealId] as const,
  ofDeal: (dealId: number) => ['documents', 'deal', dealId] as const,
};

const STALE_MS = 30_000;

/** Where a document's PDF is downloaded (a file of the deal). */
export const documentFileUrl = (fileId: number) => `/api/v1/files/${fileId}/download`;

export async function fetchTemplates(): Promise<DocumentTemplate[]> {
  return (await api.get<DocumentTemplate[]>('/api/ext/document-templates')).data;
}
export async function fetchPlaceholders(): Promise<Placeholder[]> {
  return (await api.get<Placeholder[]>('/api/ext/document-templates/placeholders')).data;
}
export async function fetchPreview(body: string, dealId: number | null): Promise<string> {
  const payload = dealId === null ? { body } : { body, deal_id: dealId };
  return (await api.post<{ body: string }>('/api/ext/document-templates/preview', payload)).data.body;
}
export async function fetchDealDocuments(dealId: number): Promise<DealDocument[]> {
  return (await api.get<DealDocument[]>(`/api/ext/deals/${dealId}/documents`)).data;
}

export function useTemplates() {
  return useQuery({ queryKey: documentKeys.templates(), queryFn: fetchTemplates, staleTime: STALE_MS });
}
export function usePlaceholders() {
  return useQuery({ queryKey: documentKeys.placeholders(), queryFn: fetchPlaceholders, staleTime: STALE_MS });
}
/** The body sanitised by the server as it would be saved (and filled from a deal when one is given). */
export function usePreview(body: string, dealId: number | null = null) {
  return useQuery({
    queryKey: documentKeys.preview(body, dealId),
    queryFn: () => fetchPreview(body, dealId),
    staleTime: STALE_MS,
    retry: false,
  });
}
export function useDealDocuments(dealId: number) {
  return useQuery({
    queryKey: documentKeys.ofDeal(dealId),
    queryFn: () => fetchDealDocuments(dealId),
    staleTime: STALE_MS,
  });
}

export interface TemplateInput {
  name: string;
  body: string;
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: TemplateInput & { id: number | null }) =>
      id === null
        ? (await api.post<DocumentTemplate>('/api/ext/document-templates', body)).data
        : (await api.patch<DocumentTemplate>(`/api/ext/document-templates/${id}`, body)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: documentKeys.templates() }),
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      (await api.del<{ id: number }>(`/api/ext/document-templates/${id}`)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: documentKeys.templates() }),
  });
}

/** A document's change puts the answer in its deal's list (a new share's URL is only in that answer). */
function useDocumentMutation<V>(dealId: number, fn: (v: V) => Promise<DealDocument>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (doc) => {
      void qc.invalidateQueries({ queryKey: dealKeys.timelines(dealId) });
      qc.setQueryData<DealDocument[]>(documentKeys.ofDeal(dealId), (list) =>
        list
          ? list.some((d) => d.id === doc.id)
            ? list.map((d) => (d.id === doc.id ? doc : d))
            : [doc, ...list]
          : [doc],
      );
    },
  });
}

export function useCreateDocument(dealId: number) {
  return useDocumentMutation(
    dealId,
    async (templateId: number) =>
      (await api.post<DealDocument>('/api/ext/documents', { deal_id: dealId, template_id: templateId })).data,
  );
}

export function useSaveVersion(dealId: number) {
  return useDocumentMutation(
    dealId,
    async ({ id, body }: { id: number; body: string }) =>
      (await api.post<DealDocument>(`/api/ext/documents/${id}/versions`, { body })).data,
  );
}

export function useCreateShare(dealId: number) {
  return useDocumentMutation(
    dealId,
    async (id: number) => (await api.post<DealDocument>(`/api/ext/documents/${id}/shares`, {})).data,
  );
}

export function useRevokeShare(dealId: number) {
  return useDocumentMutation(
    dealId,
    async ({ id, shareId }: { id: number; shareId: number }) =>
      (await api.del<DealDocument>(`/api/ext/documents/${id}/shares/${shareId}`)).data,
  );
}

/** Renders the PDF, stored as a file of the deal: the deal's files and documents are refreshed. */
export function useMakePdf(dealId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      (await api.post<{ file_id: number; name: string }>(`/api/ext/documents/${id}/pdf`)).data,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: fileKeys.all });
      void qc.invalidateQueries({ queryKey: documentKeys.ofDeal(dealId) });
      void qc.invalidateQueries({ queryKey: dealKeys.timelines(dealId) });
    },
  });
}
