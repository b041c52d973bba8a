import { and, asc, eq, lte } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { addDeal } from '../deals/service.ts';
import { addLead } from '../leads/service.ts';
import type { LeadSource } from '../leads/sources.ts';
import { addNote } from '../notes/notes.ts';
import { notifyOfNewItem } from '../notifications/service.ts';
import { html } from '../public/html.ts';
import { scoped } from '../scope.ts';
import { organizationOf, personOf } from '../web-forms/submit.ts';
import { botCtx } from './conversation.ts';
import type { EndCard } from './schema.ts';
import type { ChatbotRow } from './service.ts';
import { chatbotConversations, chatbots, type TranscriptLine } from './tables.ts';

/** Pipedrive's lead source of chatbot leads is "Leadbooster" (behaviour §4.3); the origin says Chatbot. */
export const CHATBOT_SOURCE: LeadSource = { sourceName: 'Leadbooster', origin: 'Chatbot' };

/** Idle this long, a conversation is abandoned (Pipedrive's "unfinished chats" rule, §4.3). */
export const ABANDONED_AFTER_MS = 8 * 3600 * 1000;

/** The transcript as a note: every line escaped text, the bot's and the visitor's lines told apart. */
export function transcriptNote(
  bot: ChatbotRow,
  lines: readonly TranscriptLine[],
  abandoned: boolean,
): string {
  const title = abandoned
    ? `Chatbot conversation (unfinished): ${bot.name}`
    : `Chatbot conversation: ${bot.name}`;
  return html`<p><b>${title}</b></p>${lines.map(
    (l) => html`<p>${l.from === 'bot' ? bot.name : 'Visitor'}: ${l.text}</p>`,
  )}`.value;
}

/**
 * What an end card makes, in the caller's transaction: the organization and the person (reused when the
 * duplicate matcher finds them, as web forms do), the lead (source Leadbooster, origin Chatbot, origin
 * id = the playbook) or the deal in the end's stage, the transcript as a note on it, the conversation's
 * links, its audit event and the owner's notification. Nothing when the end makes nothing or the visitor left no contact details.
 */
export async function finishConversation(
  ctx: TxCtx,
  bot: ChatbotRow,
  conversationId: number,
  answers: Record<string, string>,
  transcript: readonly TranscriptLine[],
  end: Pick<EndCard, 'outcome' | 'owner_id' | 'label_ids' | 'pipeline_id' | 'stage_id'>,
  o: { abandoned?: boolean } = {},
): Promise<{ leadId: string | null; dealId: number | null } | null> {
  const { name, email, phone, company } = answers;
  if (end.outcome === 'none' || !(name || email || phone || company)) return null;
  const ownerId = end.owner_id ?? bot.ownerId;
  const owner = { ownerId };
  const v: Record<string, string> = {};
  if (name) v['person.name'] = name;
  if (email) v['person.email'] = email;
  if (phone) v['person.phone'] = phone;
  if (company) v['organization.name'] = company;
  const org = company ? await organizationOf(ctx, owner, v, undefined) : null;
  const person = name || email || phone ? await personOf(ctx, owner, v, org?.id ?? null, undefined) : null;
  const contactName = person?.name ?? org?.name ?? 'Chatbot';
  let leadId: string | null = null;
  let dealId: number | null = null;
  if (end.outcome === 'lead') {
    const lead = await addLead(
      ctx,
      {
        title: `${contactName} lead`,
        person_id: person?.id ?? null,
        organization_id: org?.id ?? null,
        owner_id: ownerId,
        label_ids: end.label_ids as string[],
        origin_id: String(bot.id),
      },
      CHATBOT_SOURCE,
    );
    leadId = lead.id;
  } else {
    const deal = await addDeal(
      ctx,
      {
        title: `${contactName} deal`,
        person_id: person?.id ?? null,
        org_id: org?.id ?? null,
        owner_id: ownerId,
        ...(end.stage_id ? { stage_id: end.stage_id } : {}),
        label_ids: end.label_ids as number[],
        origin_id: String(bot.id),
      },
      CHATBOT_SOURCE.origin,
    );
    dealId = deal.id;
  }
  await addNote(ctx, {
    content: transcriptNote(bot, transcript, o.abandoned ?? false),
    user_id: ownerId,
    ...(leadId ? { lead_id: leadId } : { deal_id: dealId as number }),
  } as Parameters<typeof addNote>[1]);
  await ctx.db
    .update(chatbotConversations)
    .set({ personId: person?.id ?? null, organizationId: org?.id ?? null, leadId, dealId })
    .where(and(scoped(ctx, chatbotConversations), eq(chatbotConversations.id, conversationId)));
  await recordEvent(ctx, {
    itemType: 'chatbot_conversation',
    itemId: conversationId,
    action: 'create',
    changes: [
      { field_key: 'chatbot_id', old_value: null, new_value: bot.id },
      { field_key: 'owner_id', old_value: null, new_value: ownerId },
      { field_key: leadId ? 'lead_id' : 'deal_id', old_value: null, new_value: leadId ?? dealId },
    ],
  });
  await notifyOfNewItem(ctx, {
    userId: ownerId,
    kind: 'chatbot_lead',
    leadId,
    dealId,
    chatbotId: bot.id,
    subject: person?.name ?? org?.name ?? null,
  });
  return { leadId, dealId };
}

/**
 * The scheduled sweep of one company: conversations idle since `now - 8 h` close as abandoned, and
 * those that left an e-mail or phone become a lead with the transcript (as the playbook's first lead end
 * would make it, else owned by the playbook's owner). Each conversation in its own transaction, guarded
 * on its status, so a conversation makes its lead once however often the sweep runs.
 */
export async function sweepAbandonedConversations(
  ctx: Ctx,
  o: { now?: Date; limit?: number } = {},
): Promise<{ leads: number; closed: number }> {
  const cutoff = new Date((o.now ?? new Date()).getTime() - ABANDONED_AFTER_MS);
  const idle = await ctx.db
    .select({ id: chatbotConversations.id, chatbotId: chatbotConversations.chatbotId })
    .from(chatbotConversations)
    .where(
      and(
        scoped(ctx, chatbotConversations),
        eq(chatbotConversations.status, 'open'),
        lte(chatbotConversations.lastActivityTime, cutoff),
      ),
    )
    .orderBy(asc(chatbotConversations.lastActivityTime))
    .limit(o.limit ?? 500);
  let leads = 0;
  for (const c of idle) {
    const [bot] = await ctx.db
      .select()
      .from(chatbots)
      .where(and(scoped(ctx, chatbots, { deleted: 'too' }), eq(chatbots.id, c.chatbotId)));
    const made = await inTx(bot ? botCtx(ctx.db, bot) : ctx, async (tx) => {
      const [conv] = await tx.db
        .update(chatbotConversations)
        .set({ status: 'abandoned', card: null })
        .where(
          and(
            scoped(tx, chatbotConversations),
            eq(chatbotConversations.id, c.id),
            eq(chatbotConversations.status, 'open'),
          ),
        )
        .returning();
      if (!conv || !bot || bot.isDeleted || !(conv.answers.email || conv.answers.phone)) return null;
      const end = bot.cards.find((x): x is EndCard => x.type === 'end' && x.outcome === 'lead');
      return finishConversation(
        tx,
        bot,
        conv.id,
        conv.answers,
        conv.transcript,
        {
          outcome: 'lead',
          owner_id: end?.owner_id ?? null,
          label_ids: end?.label_ids ?? [],
          pipeline_id: null,
          stage_id: null,
        },
        { abandoned: true },
      );
    });
    if (made?.leadId) leads++;
  }
  return { leads, closed: idle.length };
}
