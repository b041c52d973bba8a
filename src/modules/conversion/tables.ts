import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { addTime, companyId, ref, updateTime } from '../../db/columns.ts';

/** Lead → deal and deal → lead conversions, answered by the status endpoints (kept for days). */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    direction: text('direction', { enum: ['lead_to_deal', 'deal_to_lead'] }).notNull(),
    leadId: uuid('lead_id'),
    dealId: ref('deal_id'),
    status: text('status', { enum: ['not_started', 'running', 'completed', 'failed', 'rejected'] })
      .notNull()
      .default('not_started'),
    error: text('error'),
    jobId: ref('job_id'),
    userId: ref('user_id'),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('conversions_lead_idx').on(t.companyId, t.leadId),
    index('conversions_deal_idx').on(t.companyId, t.dealId),
  ],
);
