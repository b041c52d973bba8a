import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, softDelete, updateTime } from '../../db/columns.ts';

/**
 * A file attached to deals, persons, organizations, activities, products or leads: its name and
 * description, the type sniffed from its bytes, and the key of its bytes in the file storage (never
 * derived from the name). A remote file (Google Drive link) has a remote location and id and no key.
 */
export const files = pgTable(
  'files',
  {
    id: id(),
    companyId: companyId(),
    userId: ref('user_id').notNull(),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    personId: ref('person_id'),
    orgId: ref('org_id'),
    productId: ref('product_id'),
    activityId: ref('activity_id'),
    projectId: ref('project_id'),
    /** the name it was uploaded with (sanitised) */
    fileName: text('file_name').notNull(),
    /** the visible name (rename changes this one) */
    name: text('name').notNull(),
    description: text('description'),
    fileSize: bigint('file_size', { mode: 'number' }).notNull().default(0),
    /** sniffed from the bytes */
    mime: text('mime').notNull().default('application/octet-stream'),
    storageKey: text('storage_key'),
    sha256: text('sha256'),
    remoteLocation: text('remote_location'),
    remoteId: text('remote_id'),
    fileType: text('file_type'),
    lastUpdateUserId: ref('last_update_user_id'),
    ...softDelete(),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('files_company_idx').on(t.companyId, t.id),
    index('files_lead_idx').on(t.companyId, t.leadId).where(sql`${t.leadId} IS NOT NULL`),
    index('files_deal_idx').on(t.companyId, t.dealId).where(sql`${t.dealId} IS NOT NULL`),
    index('files_person_idx').on(t.companyId, t.personId).where(sql`${t.personId} IS NOT NULL`),
    index('files_org_idx').on(t.companyId, t.orgId).where(sql`${t.orgId} IS NOT NULL`),
    index('files_product_idx').on(t.companyId, t.productId).where(sql`${t.productId} IS NOT NULL`),
    index('files_activity_idx').on(t.companyId, t.activityId).where(sql`${t.activityId} IS NOT NULL`),
  ],
);

export type FileRow = typeof files.$inferSelect;
