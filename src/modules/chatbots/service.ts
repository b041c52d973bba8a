import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { diffFields, recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { placeNewDeal } from '../deals/placement.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { assertLabelsExist } from '../leads/labels.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { presentChatbot } from './present.ts';
import type { Card, CreateChatbotInput, UpdateChatbotInput } from './schema.ts';
import { chatbotPublicIds, chatbots } from './tables.ts';

export type ChatbotRow = typeof chatbots.$inferSelect;
export type ChatbotWithPublicId = ChatbotRow & { publicId: string };

/** 144 random bits, URL-safe: the id strangers use (the same shape as a web form's). */
const newPublicId = () => randomBytes(18).toString('base64url');
const newSigningKey = () => randomBytes(32).toString('base64url');

/**
 * Checks the cards against the company's records: each end card's owner and labels exist, and a deal
 * end gets its pipeline's stage (placed as a new deal would be). Returns the cards with stages filled.
 */
async function checkCards(ctx: Ctx, ownerId: number, cards: Card[]): Promise<Card[]> {
  await assertUsersExist(ctx, [ownerId], 'owner_id');
  const out: Card[] = [];
  for (const [i, c] of cards.entries()) {
    if (c.type !== 'end') {
      out.push(c);
      continue;
    }
    const at = `cards.${i}`;
    if (c.owner_id !== null) await assertUsersExist(ctx, [c.owner_id], `${at}.owner_id`);
    if (c.outcome !== 'deal') {
      if (c.pipeline_id !== null || c.stage_id !== null)
        throw invalid(`${at}.stage_id`, 'pipeline_id and stage_id are for end cards whose outcome is deal');
      if (!c.label_ids.every((l) => typeof l === 'string'))
        throw invalid(`${at}.label_ids`, 'expected lead label uuids');
      if (c.outcome === 'lead') await assertLabelsExist(ctx, c.label_ids as string[]);
      else if (c.label_ids.length > 0)
        throw invalid(`${at}.label_ids`, 'an end without outcome takes no labels');
      out.push(c);
      continue;
    }
    if (!c.label_ids.every((l) => typeof l === 'number'))
      throw invalid(`${at}.label_ids`, 'expected deal label ids');
    try {
      const stage = await placeNewDeal(ctx, {
        pipeline_id: c.pipeline_id ?? undefined,
        stage_id: c.stage_id ?? undefined,
      });
      out.push({ ...c, pipeline_id: stage.pipelineId, stage_id: stage.id });
    } catch (e) {
      if (e instanceof AppError && e.field) throw new AppError(e.code, e.message, `${at}.${e.field}`);
      throw e;
    }
  }
  return out;
}

const audited = (r: ChatbotWithPublicId) => presentChatbot(r, '');
const AUDITED_KEYS = ['name', 'enabled', 'owner_id', 'language', 'cards'] as const;

export async function createChatbot(ctx: Ctx, input: CreateChatbotInput): Promise<ChatbotWithPublicId> {
  return inTx(ctx, async (ctx) => {
    const ownerId = input.owner_id ?? ctx.user.id;
    const cards = await checkCards(ctx, ownerId, input.cards);
    const [row] = await ctx.db
      .insert(chatbots)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        enabled: input.enabled,
        ownerId,
        language: input.language,
        cards,
        signingKey: newSigningKey(),
      })
      .returning();
    if (!row) throw new AppError('internal', 'chatbot not created');
    const publicId = newPublicId();
    await ctx.db.insert(chatbotPublicIds).values({ publicId, companyId: ctx.companyId, chatbotId: row.id });
    const withId = { ...row, publicId };
    await recordEvent(ctx, {
      itemType: 'chatbot',
      itemId: row.id,
      action: 'create',
      changes: diffFields({} as ReturnType<typeof audited>, audited(withId), AUDITED_KEYS),
    });
    return withId;
  });
}

function selectBots(ctx: Ctx) {
  return ctx.db
    .select({ bot: chatbots, publicId: chatbotPublicIds.publicId })
    .from(chatbots)
    .innerJoin(
      chatbotPublicIds,
      and(eq(chatbotPublicIds.companyId, chatbots.companyId), eq(chatbotPublicIds.chatbotId, chatbots.id)),
    );
}

/** The company's live playbooks, oldest first (a handful; at most 500 are listed). */
export async function listChatbots(ctx: Ctx): Promise<ChatbotWithPublicId[]> {
  const rows = await selectBots(ctx).where(scoped(ctx, chatbots)).orderBy(asc(chatbots.id)).limit(500);
  return rows.map((r) => ({ ...r.bot, publicId: r.publicId }));
}

export async function getChatbot(ctx: Ctx, id: number): Promise<ChatbotWithPublicId> {
  const [r] = await selectBots(ctx).where(and(scoped(ctx, chatbots), eq(chatbots.id, id)));
  if (!r) throw notFound('Chatbot');
  return { ...r.bot, publicId: r.publicId };
}

export async function updateChatbot(
  ctx: Ctx,
  id: number,
  input: UpdateChatbotInput,
): Promise<ChatbotWithPublicId> {
  return inTx(ctx, async (ctx) => {
    const before = await getChatbot(ctx, id);
    const ownerId = input.owner_id ?? before.ownerId;
    const cards = await checkCards(ctx, ownerId, input.cards ?? before.cards);
    const [row] = await ctx.db
      .update(chatbots)
      .set({
        name: input.name ?? before.name,
        enabled: input.enabled ?? before.enabled,
        ownerId,
        language: input.language ?? before.language,
        cards,
        updateTime: new Date(),
      })
      .where(and(scoped(ctx, chatbots), eq(chatbots.id, id)))
      .returning();
    if (!row) throw notFound('Chatbot');
    const after = { ...row, publicId: before.publicId };
    const changes = diffFields(audited(before), audited(after), AUDITED_KEYS);
    if (changes.length > 0)
      await recordEvent(ctx, { itemType: 'chatbot', itemId: id, action: 'change', changes });
    return after;
  });
}

/** Deletes a playbook: its page answers 404 from then on; its conversations and what they made stay. */
export async function deleteChatbot(ctx: Ctx, id: number): Promise<void> {
  await inTx(ctx, async (ctx) => {
    const now = new Date();
    const [row] = await ctx.db
      .update(chatbots)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(scoped(ctx, chatbots), eq(chatbots.id, id)))
      .returning({ id: chatbots.id });
    if (!row) throw notFound('Chatbot');
    await recordEvent(ctx, { itemType: 'chatbot', itemId: id, action: 'delete' });
  });
}
