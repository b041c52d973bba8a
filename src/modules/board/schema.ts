import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qCsv, qId, qInt } from '../../http/query.ts';
import { Pipeline } from '../pipelines/schema.ts';

// ---------------------------------------------------------------- queries and bodies

/** Which deals the board shows: open ones by default; `all` is every deal that is not deleted. */
export const BOARD_STATUSES = ['open', 'won', 'lost', 'all'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

const qStatus = z.enum(BOARD_STATUSES, { error: 'expected open, won, lost or all' });

export const BoardQuery = z.object({
  owner_id: qId.optional(),
  status: qStatus.optional(),
});
export type BoardQueryT = z.output<typeof BoardQuery>;

export const CardsQuery = z.object({
  owner_id: qId.optional(),
  status: qStatus.optional(),
  limit: qInt.pipe(z.number().int().min(1).max(100)).optional(),
  cursor: z.string().min(1).max(500).optional(),
  /** the custom fields each card carries (the one a user shows on the cards), comma-separated keys */
  custom_fields: qCsv
    .pipe(
      z
        .array(z.string().regex(/^[0-9a-f]{40}$/, 'expected custom field keys (40 hex characters)'))
        .max(15, 'at most 15 custom field keys'),
    )
    .optional(),
});
export type CardsQueryT = z.output<typeof CardsQuery>;

export const MoveBody = z.object({
  stage_id: entityId,
  before_id: entityId.optional(),
  after_id: entityId.optional(),
});
export type MoveBodyT = z.output<typeof MoveBody>;

// ---------------------------------------------------------------- responses

const Totals = z.object({
  count: z.number().int(),
  total_value: z.number(),
  weighted_value: z.number(),
});

export const BoardTotals = Totals.extend({
  /** the company's default currency: total_value and weighted_value are in it */
  currency: z.string(),
  /** every currency the deals use, each summed on its own (no conversion) */
  currencies: z.record(z.string(), Totals),
});

export const BoardStage = BoardTotals.extend({
  id: z.number().int(),
  name: z.string(),
  order_nr: z.number().int(),
  deal_probability: z.number().int(),
  is_deal_rot_enabled: z.boolean(),
  days_to_rotten: z.number().int().nullable(),
}).meta({ id: 'BoardStage' });

export const Board = z
  .object({ pipeline: Pipeline, stages: z.array(BoardStage), totals: BoardTotals })
  .meta({ id: 'Board' });

const Named = z.object({ id: z.number().int(), name: z.string() });

export const ACTIVITY_STATES = ['overdue', 'today', 'future', 'none'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const Card = z
  .object({
    id: z.number().int(),
    title: z.string(),
    value: z.number(),
    currency: z.string(),
    status: z.enum(['open', 'won', 'lost']),
    probability: z.number().nullable(),
    stage_id: z.number().int(),
    position: z.number(),
    person: Named.nullable(),
    organization: Named.nullable(),
    owner: Named,
    activity: z.enum(ACTIVITY_STATES),
    next_activity_date: z.string().nullable(),
    is_rotten: z.boolean(),
    update_time: z.string(),
    /** the values of the custom fields asked for (`custom_fields`), v2's shape; all of them after a move */
    custom_fields: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'BoardCard' });

export const StageVisit = z
  .object({
    stage_id: z.number().int(),
    entered: z.string(),
    left: z.string().nullable(),
    days: z.number().int(),
  })
  .meta({ id: 'StageVisit' });
