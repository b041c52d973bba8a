import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { paths } from './schema.d.ts';
import type { Schemas } from './types.ts';

/** LeadBooster web forms (/api/ext/web-forms): the builder's list, one form, save and delete. */

export type WebForm = Schemas['WebForm'];
export type WebFormBody = NonNullable<
  paths['/api/ext/web-forms']['post']['requestBody']
>['content']['application/json'];

export const webFormKeys = {
  all: ['web-forms'] as const,
  list: () => ['web-forms', 'list'] as const,
};

/** Forms change only when someone edits them here. */
export const WEB_FORMS_STALE_MS = 60_000;

export async function fetchWebForms(): Promise<WebForm[]> {
  return (await api.get<WebForm[]>('/api/ext/web-forms')).data;
}

export function useWebForms() {
  return useQuery({ queryKey: webFormKeys.list(), queryFn: fetchWebForms, staleTime: WEB_FORMS_STALE_MS });
}

/** Creates a form, or changes `form` when one is given. */
export function useSaveWebForm(form?: WebForm | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebFormBody) =>
      (form
        ? await api.patch<WebForm>(`/api/ext/web-forms/${form.id}`, body)
        : await api.post<WebForm>('/api/ext/web-forms', body)
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: webFormKeys.all }),
  });
}

export function useDeleteWebForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/ext/web-forms/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: webFormKeys.all }),
  });
}
