import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, tstz, updateTime } from '../../db/columns.ts';

/**
 * A document template: a name and a body of sanitised rich-text HTML (template-html.ts) with
 * placeholders such as {{deal.title}} and a {{products}} block, checked when it is saved.
 */
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    userId: ref('user_id').notNull(),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('document_templates_company_idx').on(t.companyId, t.id)],
);

/**
 * A document of a deal, filled from a template. Its text lives in its versions (the newest is the
 * document); the acceptance by the customer through a share link is recorded here: who typed their
 * name, when, from which address and browser. No foreign key to the deal: like an invoice, what a
 * customer accepted outlives a purged deal.
 */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' }).notNull(),
    templateId: ref('template_id'),
    title: text('title').notNull(),
    userId: ref('user_id').notNull(),
    /** the newest version's number */
    version: integer('version').notNull().default(1),
    /** the file (on the deal) of the newest PDF made from it */
    fileId: ref('file_id'),
    acceptedName: text('accepted_name'),
    acceptedTime: tstz('accepted_time'),
    acceptedIp: text('accepted_ip'),
    acceptedUserAgent: text('accepted_user_agent'),
    acceptedVersion: integer('accepted_version'),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('documents_deal_idx').on(t.companyId, t.dealId, t.id)],
);

/** Every saved text of a document; a version is never changed once written. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    companyId: companyId(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    userId: ref('user_id'),
    addTime: addTime(),
  },
  (t) => [uniqueIndex('document_versions_uq').on(t.companyId, t.documentId, t.version)],
);

/**
 * A link that shows a document without logging in. Only the SHA-256 of its random token is kept, so
 * the database cannot give a link away; a link expires and can be revoked.
 */
export const documentShares = pgTable(
  'document_shares',
  {
    id: id(),
    companyId: companyId(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** hex SHA-256 of the token; looked up before the company is known (the public page) */
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    userId: ref('user_id').notNull(),
    addTime: addTime(),
  },
  (t) => [
    uniqueIndex('document_shares_token_uq').on(t.tokenHash),
    index('document_shares_document_idx').on(t.companyId, t.documentId, t.id),
  ],
);

/** A view of a shared document (one per viewer address in a while: reloads are not recorded). */
export const documentViews = pgTable(
  'document_views',
  {
    id: id(),
    companyId: companyId(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    dealId: bigint('deal_id', { mode: 'number' }).notNull(),
    shareId: ref('share_id').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent'),
    viewTime: tstz('view_time').notNull().defaultNow(),
  },
  (t) => [
    index('document_views_document_idx').on(t.companyId, t.documentId, t.viewTime),
    index('document_views_deal_idx').on(t.companyId, t.dealId, t.viewTime),
  ],
);

export type TemplateRow = typeof documentTemplates.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type VersionRow = typeof documentVersions.$inferSelect;
export type ShareRow = typeof documentShares.$inferSelect;
export type ViewRow = typeof documentViews.$inferSelect;
