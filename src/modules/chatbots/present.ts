import { escapeHtml } from '../public/html.ts';
import type { ChatbotWithPublicId } from './service.ts';

/** The chat page's address: `/c/<public id>` on the origin the caller reached the API on. */
export const chatUrl = (origin: string, publicId: string) => `${origin}/c/${publicId}`;

/** What a customer pastes on their site: the launcher script (it opens the chat page in an iframe). */
export const embedSnippet = (origin: string, publicId: string) =>
  `<script src="${escapeHtml(`${chatUrl(origin, publicId)}/widget.js`)}" async></script>`;

export function presentChatbot(r: ChatbotWithPublicId, origin: string) {
  return {
    id: r.id,
    public_id: r.publicId,
    name: r.name,
    enabled: r.enabled,
    owner_id: r.ownerId,
    language: r.language,
    cards: r.cards,
    public_url: chatUrl(origin, r.publicId),
    embed_snippet: embedSnippet(origin, r.publicId),
    add_time: r.addTime.toISOString(),
    update_time: r.updateTime.toISOString(),
  };
}
