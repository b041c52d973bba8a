import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { paths } from './schema.d.ts';
import type { Schemas } from './types.ts';

/** LeadBooster chatbot playbooks (/api/ext/chatbots): the list, save, enable and delete. */

export type Chatbot = Schemas['Chatbot'];
export type ChatbotCard = Chatbot['cards'][number];
export type ChatbotBody = NonNullable<
  paths['/api/ext/chatbots']['post']['requestBody']
>['content']['application/json'];
export type ChatbotPatch = NonNullable<
  paths['/api/ext/chatbots/{id}']['patch']['requestBody']
>['content']['application/json'];

export const chatbotKeys = {
  all: ['chatbots'] as const,
  list: () => ['chatbots', 'list'] as const,
};

/** Playbooks change only when someone edits them here. */
export const CHATBOTS_STALE_MS = 60_000;

export async function fetchChatbots(): Promise<Chatbot[]> {
  return (await api.get<Chatbot[]>('/api/ext/chatbots')).data;
}

export function useChatbots() {
  return useQuery({ queryKey: chatbotKeys.list(), queryFn: fetchChatbots, staleTime: CHATBOTS_STALE_MS });
}

/** Creates a playbook, or changes `bot` when one is given (a patch may be just `{ enabled }`). */
export function useSaveChatbot(bot?: Chatbot | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ChatbotBody | ChatbotPatch) =>
      (bot
        ? await api.patch<Chatbot>(`/api/ext/chatbots/${bot.id}`, body)
        : await api.post<Chatbot>('/api/ext/chatbots', body)
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: chatbotKeys.all }),
  });
}

/** Turns a playbook on or off. */
export function useToggleChatbot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, enabled }: { id: number; enabled: boolean }) =>
      (await api.patch<Chatbot>(`/api/ext/chatbots/${id}`, { enabled })).data,
    onSuccess: (bot) => {
      qc.setQueryData<Chatbot[]>(chatbotKeys.list(), (list) => list?.map((b) => (b.id === bot.id ? bot : b)));
      return qc.invalidateQueries({ queryKey: chatbotKeys.all });
    },
  });
}

export function useDeleteChatbot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/ext/chatbots/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: chatbotKeys.all }),
  });
}
