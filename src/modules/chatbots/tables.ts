import { bigint, boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';
import type { Card } from './schema.ts';

/**
 * Chatbot playbooks (behaviour §4.3): cards (jsonb whose shape is the zod `Card` union, parsed on every
 * write) that the server walks through with a visitor. The public id is what strangers use; the signing
 * key signs the page's start time (the minimum-time rule, as web forms' fill token).
 */
export const chatbots = pgTable(
  'chatbots',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** acts for the playbook: owns what it makes unless an end card names another owner */
    ownerId: ref('owner_id').notNull(),
    language: text('language', { enum: ['en', 'sv'] })
      .notNull()
      .default('en'),
    cards: jsonb('cards').$type<Card[]>().notNull(),
    signingKey: text('signing_key').notNull(),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('chatbots_company_idx').on(t.companyId, t.id)],
);

/** Public id of a playbook → its company: read across companies by design, as web_form_public_ids. */
export const chatbotPublicIds = pgTable('chatbot_public_ids', {
  publicId: text('public_id').primaryKey(),
  companyId: companyId(),
  chatbotId: bigint('chatbot_id', { mode: 'number' }).notNull(),
});

export interface TranscriptLine {
  from: 'bot' | 'visitor';
  text: string;
  at: string;
}

/**
 * One visitor's conversation with a playbook. The visitor holds a random token; only its sha-256 is
 * stored. `card` is the card waiting for an answer (null once ended). `status`: open, ended (reached an
 * end card), abandoned (idle for 8 hours: made a lead when it had an e-mail or phone).
 */
export const chatbotConversations = pgTable(
  'chatbot_conversations',
  {
    id: id(),
    companyId: companyId(),
    chatbotId: bigint('chatbot_id', { mode: 'number' }).notNull(),
    tokenHash: text('token_hash').notNull(),
    status: text('status', { enum: ['open', 'ended', 'abandoned'] })
      .notNull()
      .default('open'),
    card: text('card'),
    /** the collected details (name, email, phone, company) and each question's answer by card id */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    transcript: jsonb('transcript').$type<TranscriptLine[]>().notNull().default([]),
    visitorMessages: integer('visitor_messages').notNull().default(0),
    /** sha-256 of the playbook's key and the address: counts repeats, never shows the address */
    ipHash: text('ip_hash').notNull(),
    personId: ref('person_id'),
    organizationId: ref('organization_id'),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    startTime: tstz('start_time').notNull(),
    lastActivityTime: tstz('last_activity_time').notNull(),
  },
  (t) => [
    index('chatbot_conversations_token_idx').on(t.companyId, t.tokenHash),
    index('chatbot_conversations_idle_idx').on(t.companyId, t.status, t.lastActivityTime),
  ],
);
