import type { Chatbot, ChatbotBody, ChatbotCard } from '../../api/chatbots.ts';

/** One card in the builder: every type's settings kept, so switching type back loses nothing. */
export interface DraftCard {
  id: string;
  type: ChatbotCard['type'];
  text: string;
  next: string | null;
  options: { label: string; next: string | null }[];
  free_text: boolean;
  field: 'name' | 'email' | 'phone' | 'company';
  outcome: 'lead' | 'deal' | 'none';
  stage_id: number | null;
  owner_id: number | null;
  label_ids: (string | number)[];
}

export interface Draft {
  name: string;
  enabled: boolean;
  language: 'en' | 'sv';
  cards: DraftCard[];
}

/** A card id the playbook does not use yet (c1, c2…). */
export function freshId(cards: readonly { id: string }[]): string {
  const used = new Set(cards.map((c) => c.id));
  let n = cards.length + 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}

export function newCard(
  cards: readonly DraftCard[],
  text: string,
  type: DraftCard['type'] = 'message',
): DraftCard {
  return {
    id: freshId(cards),
    type,
    text,
    next: null,
    options: [],
    free_text: false,
    field: 'name',
    outcome: 'lead',
    stage_id: null,
    owner_id: null,
    label_ids: [],
  };
}

function draftCard(c: ChatbotCard): DraftCard {
  const base = newCard([], c.text);
  base.id = c.id;
  base.type = c.type;
  if (c.type === 'message') return { ...base, next: c.next };
  if (c.type === 'ask') return { ...base, next: c.next, field: c.field };
  if (c.type === 'question') return { ...base, next: c.next, options: c.options, free_text: c.free_text };
  return { ...base, outcome: c.outcome, stage_id: c.stage_id, owner_id: c.owner_id, label_ids: c.label_ids };
}

export function draftOf(bot: Chatbot | null, texts: { name: string; first: string; end: string }): Draft {
  if (bot)
    return { name: bot.name, enabled: bot.enabled, language: bot.language, cards: bot.cards.map(draftCard) };
  const first = { ...newCard([], texts.first), id: 'c1', next: 'c2' };
  const end = { ...newCard([first], texts.end, 'end'), id: 'c2' };
  return { name: texts.name, enabled: true, language: 'en', cards: [first, end] };
}

/** The request body: each card with its own type's settings only (the server checks the graph). */
export function toBody(d: Draft): ChatbotBody {
  return {
    name: d.name,
    enabled: d.enabled,
    language: d.language,
    cards: d.cards.map((c) => {
      const next = c.next ?? '';
      if (c.type === 'message') return { type: 'message', id: c.id, text: c.text, next };
      if (c.type === 'ask') return { type: 'ask', id: c.id, text: c.text, field: c.field, next };
      if (c.type === 'question')
        return {
          type: 'question',
          id: c.id,
          text: c.text,
          options: c.options.map((o) => ({ label: o.label, next: o.next ?? '' })),
          free_text: c.free_text,
          next: c.free_text ? next : null,
        };
      return {
        type: 'end',
        id: c.id,
        text: c.text,
        outcome: c.outcome,
        pipeline_id: null,
        stage_id: c.outcome === 'deal' ? c.stage_id : null,
        owner_id: c.owner_id,
        label_ids: c.outcome === 'none' ? [] : c.label_ids,
      };
    }) as ChatbotBody['cards'],
  };
}

export interface PreviewLine {
  from: 'bot' | 'visitor';
  text: string;
}

export interface Preview {
  lines: PreviewLine[];
  waiting: DraftCard | null;
  end: DraftCard | null;
  /** the walk met a card that leads nowhere */
  broken: boolean;
}

/**
 * The preview walks the draft as the server walks a playbook: each card's text, messages on to their
 * next card, a question or ask waits, an end ends (a bound stops a loop of messages).
 */
export function walk(cards: readonly DraftCard[], fromId: string | null, lines: PreviewLine[]): Preview {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const out = [...lines];
  let card = fromId === null ? undefined : byId.get(fromId);
  for (let i = 0; card && i <= cards.length; i++) {
    out.push({ from: 'bot', text: card.text });
    if (card.type === 'end') return { lines: out, waiting: null, end: card, broken: false };
    if (card.type !== 'message') return { lines: out, waiting: card, end: null, broken: false };
    card = card.next === null ? undefined : byId.get(card.next);
  }
  return { lines: out, waiting: null, end: null, broken: true };
}

export const startPreview = (cards: readonly DraftCard[]): Preview => walk(cards, cards[0]?.id ?? null, []);

/** The visitor's answer in the preview: an option by its label, else typed text where the card takes it. */
export function answerPreview(cards: readonly DraftCard[], p: Preview, raw: string): Preview {
  const card = p.waiting;
  const v = raw.trim();
  if (!card || v === '') return p;
  const lines = [...p.lines, { from: 'visitor' as const, text: v }];
  if (card.type === 'question') {
    const option = card.options.find((o) => o.label.trim().toLowerCase() === v.toLowerCase());
    if (option) return walk(cards, option.next, lines);
    if (!card.free_text) return p;
  }
  return walk(cards, card.next, lines);
}
