import { CreateChatbotBody } from '../../src/modules/chatbots/schema.ts';
import { type ChatbotWithPublicId, createChatbot } from '../../src/modules/chatbots/service.ts';
import { signFillTime } from '../../src/modules/public/fill-token.ts';
import type { Maker } from './tenant.ts';

/**
 * A lead playbook: a welcome, a question that branches (Pricing → name, e-mail, company → a lead;
 * Just looking → an end without one), made by its use case.
 */
export const DEMO_CARDS = [
  { type: 'message', id: 'welcome', text: 'Hi! I am the Acme bot.', next: 'topic' },
  {
    type: 'question',
    id: 'topic',
    text: 'What brings you here?',
    options: [
      { label: 'Pricing', next: 'name' },
      { label: 'Just looking', next: 'bye' },
    ],
  },
  { type: 'ask', id: 'name', text: 'What is your name?', field: 'name', next: 'email' },
  { type: 'ask', id: 'email', text: 'Your e-mail, please?', field: 'email', next: 'company' },
  { type: 'ask', id: 'company', text: 'Which company are you with?', field: 'company', next: 'done' },
  { type: 'end', id: 'done', text: 'Thanks, we will be in touch.', outcome: 'lead' },
  { type: 'end', id: 'bye', text: 'Have a nice day!', outcome: 'none' },
];

export async function makeChatbot(t: Maker, o: Record<string, unknown> = {}): Promise<ChatbotWithPublicId> {
  return createChatbot(t.ctx, CreateChatbotBody.parse({ name: 'Acme bot', cards: DEMO_CARDS, ...o }));
}

/** A start token as the chat page would have served it `agoMs` before now (past the minimum). */
export const chatStartToken = (bot: ChatbotWithPublicId, agoMs = 10_000) =>
  signFillTime(bot.signingKey, bot.publicId, Date.now() - agoMs);
