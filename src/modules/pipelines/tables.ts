import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, updateTime } from '../../db/columns.ts';

export const pipelines = pgTable(
  'pipelines',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    orderNr: integer('order_nr').notNull().default(0),
    isDealProbabilityEnabled: boolean('is_deal_probability_enabled').notNull().default(false),
    isDeleted: boolean('is_deleted').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [index('pipelines_company_idx').on(t.companyId, t.orderNr, t.id)],
);

export const stages = pgTable(
  'stages',
  {
    id: id(),
    companyId: companyId(),
    pipelineId: bigint('pipeline_id', { mode: 'number' })
      .notNull()
      .references(() => pipelines.id),
    name: text('name').notNull(),
    orderNr: integer('order_nr').notNull().default(0),
    dealProbability: integer('deal_probability').notNull().default(100),
    isDealRotEnabled: boolean('is_deal_rot_enabled').notNull().default(false),
    daysToRotten: integer('days_to_rotten'),
    isDeleted: boolean('is_deleted').notNull().default(false),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('stages_company_idx').on(t.companyId, t.id),
    index('stages_pipeline_idx').on(t.companyId, t.pipelineId, t.orderNr),
  ],
);
