import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, getCsrfToken } from './client.ts';
import { dealKeys } from './deals.ts';
import type { Schemas } from './types.ts';

export type FileItem = Schemas['File'];

/** What files hang on in the web app: a deal, a person or an organization (no files on leads). */
export type FileTarget = { deal_id: number } | { person_id: number } | { org_id: number };

const listPath = (target: FileTarget) =>
  'deal_id' in target
    ? `/api/v1/deals/${target.deal_id}/files`
    : 'person_id' in target
      ? `/api/v1/persons/${target.person_id}/files`
      : `/api/v1/organizations/${target.org_id}/files`;

export const fileKeys = {
  all: ['files'] as const,
  of: (target: FileTarget) => ['files', target] as const,
};

/** Where a file's bytes are: as an attachment, or inline for the preview of an image or a PDF. */
export const fileDownloadUrl = (id: number, inline = false) =>
  `/api/v1/files/${id}/download${inline ? '?inline=1' : ''}`;

/** The target's files, newest first (at most 100, Pipedrive's limit of the per-item lists). */
export function useFiles(target: FileTarget) {
  return useQuery({
    queryKey: fileKeys.of(target),
    queryFn: async () => (await api.get<FileItem[]>(listPath(target), { sort: 'id DESC', limit: 100 })).data,
    staleTime: 30_000,
  });
}

/** POST /files as multipart, by XMLHttpRequest: fetch cannot report upload progress. */
export function uploadFile(
  target: FileTarget,
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
): Promise<FileItem> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name ?? 'file');
    for (const [k, v] of Object.entries(target)) form.append(k, String(v));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: { success?: boolean; data?: FileItem; error?: string } | null = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && json?.success && json.data) resolve(json.data);
      else reject(new ApiError(json?.error ?? `Request failed (${xhr.status})`, xhr.status));
    };
    xhr.onerror = () => reject(new ApiError('Network error', 0));
    xhr.send(form);
  });
}

export function useFileMutations(target: FileTarget) {
  const qc = useQueryClient();
  // a deal's files are moments of its timeline too
  const onSuccess = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: fileKeys.all }),
      'deal_id' in target ? qc.invalidateQueries({ queryKey: dealKeys.timelines(target.deal_id) }) : null,
    ]);
  const upload = useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      uploadFile(target, file, onProgress),
    onSuccess,
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      api.put<FileItem>(`/api/v1/files/${id}`, { name }),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del<{ id: number }>(`/api/v1/files/${id}`),
    onSuccess,
  });
  return { upload, rename, remove };
}
