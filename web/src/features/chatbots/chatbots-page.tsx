import { Switch } from '@mantine/core';
import { useChatbots, useDeleteChatbot, useToggleChatbot } from '../../api/chatbots.ts';
import { PublicToolsPage } from '../../components/public-tools-page.tsx';
import { useT } from '../../i18n/provider.tsx';
import { ChatbotBuilder } from './chatbot-builder.tsx';

/** Leads → Chatbot (/leads/chatbot): the company's playbooks, each with its switch, edit, open, copy embed, delete. */
export function ChatbotsPage() {
  const t = useT();
  const tools = useChatbots();
  const remove = useDeleteChatbot();
  const toggle = useToggleChatbot();
  return (
    <PublicToolsPage
      prefix="chatbots"
      tools={tools}
      remove={remove}
      columns={[
        {
          header: t('chatbots.col.enabled'),
          cell: (f) => (
            <Switch
              aria-label={t('chatbots.enable', { name: f.name })}
              checked={f.enabled}
              onChange={(e) => toggle.mutate({ id: f.id, enabled: e.currentTarget.checked })}
            />
          ),
        },
        {
          header: t('chatbots.col.cards'),
          cell: (f) => t('chatbots.cardCount', { count: f.cards.length }),
          wide: true,
        },
      ]}
      builder={(bot, close) => <ChatbotBuilder bot={bot} onClose={close} />}
    />
  );
}
