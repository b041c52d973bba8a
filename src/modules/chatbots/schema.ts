import { z } from 'zod';
import { entityId, name255, text } from '../../http/fields.ts';

/** A card's id: what branch targets name (short, made by the builder). */
const cardId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only, at most 40 characters');
const botText = text(1000).refine((v) => v.trim() !== '', 'must not be empty');

/** What an "ask" card collects, each checked as such (an e-mail must look like one). */
export const ASK_FIELDS = ['name', 'email', 'phone', 'company'] as const;
export type AskField = (typeof ASK_FIELDS)[number];

export const MessageCard = z.object({
  type: z.literal('message'),
  id: cardId,
  text: botText,
  next: cardId,
});
export const QuestionCard = z.object({
  type: z.literal('question'),
  id: cardId,
  text: botText,
  /** buttons; each may lead elsewhere (a branch on the answer) */
  options: z
    .array(z.object({ label: text(100).refine((v) => v.trim() !== '', 'must not be empty'), next: cardId }))
    .max(10, 'at most 10 options')
    .default([]),
  /** whether a typed answer is taken (it goes to `next`); a question without options must take one */
  free_text: z.boolean().default(false),
  next: cardId.nullable().default(null),
});
export const AskCard = z.object({
  type: z.literal('ask'),
  id: cardId,
  text: botText,
  field: z.enum(ASK_FIELDS),
  next: cardId,
});
export const EndCard = z.object({
  type: z.literal('end'),
  id: cardId,
  text: botText,
  /** what the conversation makes when it reaches this card with contact details */
  outcome: z.enum(['lead', 'deal', 'none']).default('lead'),
  pipeline_id: entityId.nullable().default(null),
  stage_id: entityId.nullable().default(null),
  /** owner of what it makes; null = the playbook's owner */
  owner_id: entityId.nullable().default(null),
  /** lead label uuids (outcome lead) or deal label ids (outcome deal) */
  label_ids: z
    .array(z.union([z.uuid(), z.number().int().positive()], { error: 'expected a label id' }))
    .max(20, 'at most 20 labels')
    .default([]),
});
export const Card = z.discriminatedUnion('type', [MessageCard, QuestionCard, AskCard, EndCard], {
  error: 'expected a card of type message, question, ask or end',
});
export type Card = z.infer<typeof Card>;
export type EndCard = z.infer<typeof EndCard>;

export const MAX_CARDS = 50;

/** Where each card can go next. */
export const targetsOf = (c: Card): string[] =>
  c.type === 'end'
    ? []
    : c.type === 'question'
      ? [...c.options.map((o) => o.next), ...(c.next !== null ? [c.next] : [])]
      : [c.next];

/**
 * The playbook's graph: ids unique, every target a card, every question answerable, every card reachable
 * from the first one able to reach an end (so no conversation can circle for ever).
 */
export function checkGraph(cards: readonly Card[], ctx: z.RefinementCtx): void {
  const byId = new Map<string, Card>();
  cards.forEach((c, i) => {
    if (byId.has(c.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `id ${c.id} is used twice` });
    byId.set(c.id, c);
  });
  let broken = false;
  cards.forEach((c, i) => {
    if (c.type === 'question') {
      if (c.options.length === 0 && !c.free_text) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'options'],
          message: 'a question needs options or free_text',
        });
        broken = true;
      }
      if (c.free_text && c.next === null) {
        ctx.addIssue({ code: 'custom', path: [i, 'next'], message: 'a free-text question needs next' });
        broken = true;
      }
      c.options.forEach((o, j) => {
        if (!byId.has(o.next)) {
          ctx.addIssue({ code: 'custom', path: [i, 'options', j, 'next'], message: `no card ${o.next}` });
          broken = true;
        }
      });
      if (c.next !== null && !byId.has(c.next)) {
        ctx.addIssue({ code: 'custom', path: [i, 'next'], message: `no card ${c.next}` });
        broken = true;
      }
    } else if (c.type !== 'end' && !byId.has(c.next)) {
      ctx.addIssue({ code: 'custom', path: [i, 'next'], message: `no card ${c.next}` });
      broken = true;
    }
  });
  if (broken || cards.length === 0) return;
  // cards that can reach an end: fixed point over the reversed edges
  const ends = new Set(cards.filter((c) => c.type === 'end').map((c) => c.id));
  if (ends.size === 0) {
    ctx.addIssue({ code: 'custom', path: [], message: 'a playbook needs at least one end card' });
    return;
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of cards) {
      if (!ends.has(c.id) && targetsOf(c).some((t) => ends.has(t))) {
        ends.add(c.id);
        grew = true;
      }
    }
  }
  const seen = new Set<string>();
  const stack = [cards[0]?.id as string];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...targetsOf(byId.get(id) as Card));
  }
  cards.forEach((c, i) => {
    if (!seen.has(c.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `card ${c.id} cannot be reached from the first card`,
      });
    } else if (!ends.has(c.id)) {
      ctx.addIssue({ code: 'custom', path: [i, 'next'], message: `card ${c.id} never leads to an end card` });
    }
  });
}

export const Cards = z
  .array(Card)
  .min(1, 'a playbook needs at least one card')
  .max(MAX_CARDS, `at most ${MAX_CARDS} cards`)
  .superRefine(checkGraph);

export const CreateChatbotBody = z.object({
  name: name255,
  enabled: z.boolean().default(true),
  owner_id: entityId.optional(),
  /** the words of the chat page around the builder's cards */
  language: z.enum(['en', 'sv']).default('en'),
  cards: Cards,
});
export type CreateChatbotInput = z.infer<typeof CreateChatbotBody>;

export const UpdateChatbotBody = z.object({
  name: name255.optional(),
  enabled: z.boolean().optional(),
  owner_id: entityId.optional(),
  language: z.enum(['en', 'sv']).optional(),
  cards: Cards.optional(),
});
export type UpdateChatbotInput = z.infer<typeof UpdateChatbotBody>;

const CardOut = z.union([
  z.object({ type: z.literal('message'), id: z.string(), text: z.string(), next: z.string() }),
  z.object({
    type: z.literal('question'),
    id: z.string(),
    text: z.string(),
    options: z.array(z.object({ label: z.string(), next: z.string() })),
    free_text: z.boolean(),
    next: z.string().nullable(),
  }),
  z.object({
    type: z.literal('ask'),
    id: z.string(),
    text: z.string(),
    field: z.enum(ASK_FIELDS),
    next: z.string(),
  }),
  z.object({
    type: z.literal('end'),
    id: z.string(),
    text: z.string(),
    outcome: z.enum(['lead', 'deal', 'none']),
    pipeline_id: z.number().int().nullable(),
    stage_id: z.number().int().nullable(),
    owner_id: z.number().int().nullable(),
    label_ids: z.array(z.union([z.string(), z.number()])),
  }),
]);

export const Chatbot = z
  .object({
    id: z.number().int(),
    public_id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    owner_id: z.number().int(),
    language: z.enum(['en', 'sv']),
    cards: z.array(CardOut),
    public_url: z.string(),
    embed_snippet: z.string(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'Chatbot' });
