import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, tstz, updateTime } from '../../db/columns.ts';

/**
 * Background work (bulk conversions, imports, webhook deliveries, purges). Works on both drivers; on
 * PostgreSQL, workers claim rows with FOR UPDATE SKIP LOCKED so several app nodes can share it.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    companyId: companyId(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed'] })
      .notNull()
      .default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: tstz('run_after').notNull().defaultNow(),
    lockedAt: tstz('locked_at'),
    lockedBy: text('locked_by'),
    createdBy: ref('created_by'),
    /**
     * Names a job that must be queued once (a scheduled purge of one period: `purge_jobs:2026-12-02`):
     * nodes that queue it at the same time insert it once (ON CONFLICT DO NOTHING).
     */
    dedupeKey: text('dedupe_key'),
    finishTime: tstz('finish_time'),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('jobs_queue_idx').on(t.status, t.runAfter),
    index('jobs_company_idx').on(t.companyId, t.id),
    uniqueIndex('jobs_dedupe_idx').on(t.companyId, t.dedupeKey),
  ],
);
