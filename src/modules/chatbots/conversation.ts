import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { liveRows, scoped } from '../scope.ts';
import { type AnswerError, answer, walk } from './engine.ts';
import { finishConversation } from './finish.ts';
import type { Card, EndCard } from './schema.ts';
import type { ChatbotRow } from './service.ts';
import { chatbotConversations, chatbotPublicIds, chatbots, type TranscriptLine } from './tables.ts';

/** Answers a visitor may give in one conversation: a longer one is a script, not a person. */
export const MAX_VISITOR_MESSAGES = 40;

export interface PublicBot extends ChatbotRow {
  publicId: string;
}

const PUBLIC_ID = /^[\w-]{24}$/;

/** The live, enabled playbook behind a public id, whichever company it belongs to; null when none. */
export async function findPublicBot(db: Db, publicId: string): Promise<PublicBot | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const [row] = await db
    .select({ bot: chatbots })
    .from(chatbotPublicIds)
    .innerJoin(
      chatbots,
      and(eq(chatbots.companyId, chatbotPublicIds.companyId), eq(chatbots.id, chatbotPublicIds.chatbotId)),
    )
    .where(and(eq(chatbotPublicIds.publicId, publicId), liveRows(chatbots), eq(chatbots.enabled, true)));
  return row ? { ...row.bot, publicId } : null;
}

/**
 * The ctx a conversation acts in: the playbook's company, as its owner, seeing every contact (the
 * duplicate match must find a contact whoever owns it), recorded as the chatbot in every audit event.
 */
export function botCtx(db: Db, bot: ChatbotRow, userAgent: string | null = null): Ctx {
  return {
    db,
    companyId: bot.companyId,
    user: { id: bot.ownerId, isAdmin: true },
    actor: { type: 'chatbot', userId: null, source: 'chatbot', userAgent: userAgent?.slice(0, 500) ?? null },
  };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const hashAddress = (bot: ChatbotRow, ip: string) =>
  createHash('sha256').update(`${bot.signingKey}|${ip}`).digest('base64url');

/** What the visitor sees after a step: the whole transcript, the card that waits, whether it ended. */
export interface ChatView {
  token: string | null;
  lines: TranscriptLine[];
  waiting: Card | null;
  ended: boolean;
}

export type StepRefusal = {
  ok: false;
  error: AnswerError | 'gone' | 'tooLongChat';
  max?: number;
  view: ChatView | null;
};
export type StepResult =
  | { ok: true; view: ChatView; leadId: string | null; dealId: number | null }
  | StepRefusal;

/** The playbook's opening (its first cards up to the first that waits), written nowhere. */
export function opening(bot: ChatbotRow, now = new Date()): ChatView {
  const first = bot.cards[0] as Card;
  const w = walk(bot.cards, first.id, now);
  return { token: null, lines: w.lines, waiting: w.waiting, ended: w.waiting === null };
}

interface State {
  card: string | null;
  answers: Record<string, string>;
  transcript: TranscriptLine[];
  visitorMessages: number;
}

/** One answer to the waiting card, in memory: the next state, the end it reached, or the refusal. */
function step(
  bot: ChatbotRow,
  s: State,
  raw: string,
  now: Date,
):
  | { ok: true; state: State; end: EndCard | null }
  | { ok: false; error: AnswerError | 'tooLongChat'; max?: number } {
  if (s.visitorMessages >= MAX_VISITOR_MESSAGES) return { ok: false, error: 'tooLongChat' };
  const card = bot.cards.find((c) => c.id === s.card);
  if (!card) return { ok: false, error: 'pick' };
  const a = answer(card, raw);
  if (!a.ok) return a;
  const w = walk(bot.cards, a.next, now);
  return {
    ok: true,
    end: w.end,
    state: {
      card: w.waiting?.id ?? null,
      answers: { ...s.answers, [a.key]: a.value },
      transcript: [...s.transcript, { from: 'visitor', text: a.shown, at: now.toISOString() }, ...w.lines],
      visitorMessages: s.visitorMessages + 1,
    },
  };
}

const viewOf = (bot: ChatbotRow, token: string | null, s: State): ChatView => ({
  token,
  lines: s.transcript,
  waiting: bot.cards.find((c) => c.id === s.card) ?? null,
  ended: s.card === null,
});

/**
 * Starts a conversation with its first answer (nothing is written for a visitor who never answers):
 * a refused answer writes nothing; an accepted one writes the conversation, and, when it reaches an end
 * card, what the end makes, in the same transaction.
 */
export async function startConversation(
  ctx: Ctx,
  bot: PublicBot,
  input: { answer: string; ip: string; now?: Date },
): Promise<StepResult> {
  const now = input.now ?? new Date();
  const open = opening(bot, now);
  const s0: State = {
    card: open.waiting?.id ?? null,
    answers: {},
    transcript: open.lines,
    visitorMessages: 0,
  };
  const r = step(bot, s0, input.answer, now);
  if (!r.ok) return { ...r, view: open };
  const token = randomBytes(24).toString('base64url');
  return inTx(ctx, async (ctx) => {
    const [row] = await ctx.db
      .insert(chatbotConversations)
      .values({
        companyId: ctx.companyId,
        chatbotId: bot.id,
        tokenHash: hashToken(token),
        status: r.end ? 'ended' : 'open',
        card: r.state.card,
        answers: r.state.answers,
        transcript: r.state.transcript,
        visitorMessages: r.state.visitorMessages,
        ipHash: hashAddress(bot, input.ip),
        startTime: now,
        lastActivityTime: now,
      })
      .returning({ id: chatbotConversations.id });
    if (!row) throw new Error('conversation not recorded');
    const made = r.end
      ? await finishConversation(ctx, bot, row.id, r.state.answers, r.state.transcript, r.end)
      : null;
    return {
      ok: true,
      view: viewOf(bot, token, r.state),
      leadId: made?.leadId ?? null,
      dealId: made?.dealId ?? null,
    };
  });
}

/** The visitor's next answer in the conversation their token names; refusals write nothing. */
export async function replyToConversation(
  ctx: Ctx,
  bot: PublicBot,
  input: { token: string; answer: string; now?: Date },
): Promise<StepResult> {
  const now = input.now ?? new Date();
  return inTx(ctx, async (ctx) => {
    const conv = await openConversation(ctx, bot, input.token);
    if (!conv) return { ok: false, error: 'gone', view: null };
    const s: State = {
      card: conv.card,
      answers: conv.answers,
      transcript: conv.transcript,
      visitorMessages: conv.visitorMessages,
    };
    const r = step(bot, s, input.answer, now);
    if (!r.ok) return { ...r, view: viewOf(bot, input.token, s) };
    await ctx.db
      .update(chatbotConversations)
      .set({
        status: r.end ? 'ended' : 'open',
        card: r.state.card,
        answers: r.state.answers,
        transcript: r.state.transcript,
        visitorMessages: r.state.visitorMessages,
        lastActivityTime: now,
      })
      .where(and(scoped(ctx, chatbotConversations), eq(chatbotConversations.id, conv.id)));
    const made = r.end
      ? await finishConversation(ctx, bot, conv.id, r.state.answers, r.state.transcript, r.end)
      : null;
    return {
      ok: true,
      view: viewOf(bot, input.token, r.state),
      leadId: made?.leadId ?? null,
      dealId: made?.dealId ?? null,
    };
  });
}

const TOKEN = /^[\w-]{32}$/;

/** The open conversation of this playbook that the token names, locked for this answer. */
async function openConversation(ctx: TxCtx, bot: ChatbotRow, token: string) {
  if (!TOKEN.test(token)) return null;
  const [conv] = await ctx.db
    .select()
    .from(chatbotConversations)
    .where(
      and(
        scoped(ctx, chatbotConversations),
        eq(chatbotConversations.tokenHash, hashToken(token)),
        eq(chatbotConversations.chatbotId, bot.id),
        eq(chatbotConversations.status, 'open'),
      ),
    )
    .for('update');
  return conv ?? null;
}

/** The whole transcript of a conversation by its token (open or ended), for the page after a reload. */
export async function conversationView(ctx: Ctx, bot: ChatbotRow, token: string): Promise<ChatView | null> {
  if (!TOKEN.test(token)) return null;
  const [conv] = await ctx.db
    .select()
    .from(chatbotConversations)
    .where(
      and(
        scoped(ctx, chatbotConversations),
        eq(chatbotConversations.tokenHash, hashToken(token)),
        eq(chatbotConversations.chatbotId, bot.id),
      ),
    );
  if (!conv) return null;
  const s = {
    card: conv.status === 'open' ? conv.card : null,
    answers: conv.answers,
    transcript: conv.transcript,
    visitorMessages: conv.visitorMessages,
  };
  return viewOf(bot, token, s);
}
