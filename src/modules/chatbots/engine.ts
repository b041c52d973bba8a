import { looksLikeEmail } from '../contacts/schema.ts';
import { checkText, PHONE } from '../web-forms/submit.ts';
import type { AskField, Card, EndCard } from './schema.ts';
import type { TranscriptLine } from './tables.ts';
import { CHAT_TEXTS, type ChatLanguage } from './texts.ts';

/**
 * The conversation as pure functions over a playbook's cards: the server alone decides the next card
 * and what is kept, so a visitor's client can only answer the card that waits.
 */

/** The longest answer of each kind; free text of a question is longer. */
export const ANSWER_MAX: Record<AskField | 'text', number> = {
  name: 255,
  email: 254,
  phone: 50,
  company: 255,
  text: 1000,
};

export interface Walk {
  /** the card now waiting for an answer, or null when the walk reached an end */
  waiting: Card | null;
  end: EndCard | null;
  lines: TranscriptLine[];
}

/** Walks from `fromId` saying each card's text until a card waits for an answer or an end is reached. */
export function walk(cards: readonly Card[], fromId: string, now: Date): Walk {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const lines: TranscriptLine[] = [];
  let card = byId.get(fromId);
  // the graph check makes message chains end; the bound keeps a bad row from spinning
  for (let i = 0; card && i <= cards.length; i++) {
    lines.push({ from: 'bot', text: card.text, at: now.toISOString() });
    if (card.type === 'end') return { waiting: null, end: card, lines };
    if (card.type !== 'message') return { waiting: card, end: null, lines };
    card = byId.get(card.next);
  }
  return { waiting: null, end: null, lines };
}

export type AnswerError = 'empty' | 'pick' | 'email' | 'phone' | 'tooLong' | 'markup' | 'unstorable';

export type Answered =
  | { ok: true; next: string; key: string; value: string; shown: string }
  | { ok: false; error: AnswerError; max?: number };

/** Reads the visitor's answer to the waiting card: an option's label, or text of the card's kind. */
export function answer(card: Card, raw: string): Answered {
  const v = raw.trim();
  if (v === '') return { ok: false, error: 'empty' };
  if (card.type === 'question') {
    const option = card.options.find((o) => o.label.trim().toLowerCase() === v.toLowerCase());
    if (option)
      return { ok: true, next: option.next, key: card.id, value: option.label, shown: option.label };
    if (!card.free_text || card.next === null) return { ok: false, error: 'pick' };
    const bad = textError(v, ANSWER_MAX.text);
    return bad ?? { ok: true, next: card.next, key: card.id, value: v, shown: v };
  }
  if (card.type !== 'ask') return { ok: false, error: 'pick' };
  const bad = textError(v, ANSWER_MAX[card.field]);
  if (bad) return bad;
  if (card.field === 'email' && !looksLikeEmail(v)) return { ok: false, error: 'email' };
  if (card.field === 'phone' && !PHONE.test(v)) return { ok: false, error: 'phone' };
  return { ok: true, next: card.next, key: card.field, value: v, shown: v };
}

function textError(v: string, max: number): Answered | null {
  // web forms' one rule of text from strangers: size, storable, no markup characters
  const t = CHAT_TEXTS.en;
  const message = checkText(t, v, max);
  if (message === undefined) return null;
  if (message === t.unstorable) return { ok: false, error: 'unstorable' };
  if (message === t.markup) return { ok: false, error: 'markup' };
  return { ok: false, error: 'tooLong', max };
}

/** The words of an answer's refusal in the playbook's language. */
export function answerMessage(lang: ChatLanguage, e: { error: AnswerError; max?: number }): string {
  const t = CHAT_TEXTS[lang];
  return e.error === 'tooLong' ? t.tooLong(e.max ?? ANSWER_MAX.text) : t[e.error];
}

/** What the waiting card takes: buttons, a typed answer of a kind, or nothing. */
export function inputOf(card: Card | null): {
  kind: 'none' | 'options' | 'text' | AskField;
  options: string[];
  free_text: boolean;
  max: number;
} {
  if (!card || (card.type !== 'question' && card.type !== 'ask'))
    return { kind: 'none', options: [], free_text: false, max: 0 };
  if (card.type === 'ask')
    return { kind: card.field, options: [], free_text: true, max: ANSWER_MAX[card.field] };
  return {
    kind: card.options.length > 0 ? 'options' : 'text',
    options: card.options.map((o) => o.label),
    free_text: card.free_text,
    max: ANSWER_MAX.text,
  };
}
