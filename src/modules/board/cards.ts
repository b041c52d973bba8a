import { and, eq, type SQL } from 'drizzle-orm';
import { num, rfc3339 } from '../../http/formats.ts';
import { decodeCursor, type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { activities } from '../activities/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { invalid, notFound } from '../errors.ts';
import { defsForValues, presentV2 } from '../fields/present-values.ts';
import type { FieldDef } from '../fields/types.ts';
import { getStage, type StageRow } from '../pipelines/service.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { boardDealFilter } from './board.ts';
import type { ActivityState, CardsQueryT } from './schema.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Kanban order: position, then id (index deals_stage_idx). */
const ORDER: Keyset = { column: deals.position, id: deals.id, direction: 'asc', kind: 'number' };

/** A cursor of ours: an integer id and a finite position. */
function checkedCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  if (typeof c.id !== 'number' || !Number.isSafeInteger(c.id) || c.id < 0 || typeof c.v !== 'number') {
    throw invalid('cursor', 'invalid cursor');
  }
  return cursor;
}

/**
 * The columns of a card: the deal with its person, organization, owner and next activity (through
 * deals.next_activity_id), joined in one query.
 */
function cardQuery(ctx: Ctx, where: SQL | undefined) {
  return ctx.db
    .select({
      id: deals.id,
      title: deals.title,
      value: deals.value,
      currency: deals.currency,
      status: deals.status,
      probability: deals.probability,
      stageId: deals.stageId,
      position: deals.position,
      updateTime: deals.updateTime,
      personId: persons.id,
      personName: persons.name,
      orgId: organizations.id,
      orgName: organizations.name,
      ownerId: deals.ownerId,
      ownerName: users.name,
      dueDate: activities.dueDate,
      dueTime: activities.dueTime,
      activityId: activities.id,
      customFields: deals.customFields,
    })
    .from(deals)
    .leftJoin(persons, and(scoped(ctx, persons, { visibility: 'any' }), eq(persons.id, deals.personId)))
    .leftJoin(
      organizations,
      and(scoped(ctx, organizations, { visibility: 'any' }), eq(organizations.id, deals.orgId)),
    )
    .leftJoin(users, and(eq(users.companyId, ctx.companyId), eq(users.id, deals.ownerId)))
    .leftJoin(
      activities,
      and(scoped(ctx, activities), eq(activities.id, deals.nextActivityId), eq(activities.done, false)),
    )
    .where(where);
}

type CardRow = Awaited<ReturnType<typeof cardQuery>>[number];

/**
 * Pipedrive's activity indicator: overdue (red) when the next activity's day has passed, or its time
 * today has; today (green); future (grey), also for an activity without a date; none (yellow warning).
 * Dates and times are UTC, as stored.
 */
export function activityState(
  dueDate: string | null,
  dueTime: string | null,
  hasActivity: boolean,
  now: Date,
): ActivityState {
  if (!hasActivity) return 'none';
  if (dueDate === null) return 'future';
  const iso = now.toISOString();
  const today = iso.slice(0, 10);
  if (dueDate < today) return 'overdue';
  if (dueDate > today) return 'future';
  return dueTime !== null && dueTime < iso.slice(11, 16) ? 'overdue' : 'today';
}

/** Rotten: an open deal in a stage with rotting on, not updated for days_to_rotten days. */
export function isRotten(
  stage: Pick<StageRow, 'isDealRotEnabled' | 'daysToRotten'>,
  deal: { status: string; updateTime: Date },
  now: Date,
): boolean {
  if (!stage.isDealRotEnabled || stage.daysToRotten === null || deal.status !== 'open') return false;
  return now.getTime() - deal.updateTime.getTime() > stage.daysToRotten * DAY_MS;
}

/** Which custom values the cards carry: the definitions (when any card has values) and the keys asked for. */
export interface CardFields {
  defs: FieldDef[] | undefined;
  /** undefined: every field */
  keys: readonly string[] | undefined;
}

const NO_FIELDS: CardFields = { defs: undefined, keys: [] };

export function presentCard(r: CardRow, stage: StageRow, now: Date, fields: CardFields = NO_FIELDS) {
  return {
    id: r.id,
    title: r.title,
    value: num(r.value) ?? 0,
    currency: r.currency,
    status: r.status,
    probability: num(r.probability),
    stage_id: r.stageId,
    position: r.position,
    person: r.personId !== null && r.personName !== null ? { id: r.personId, name: r.personName } : null,
    organization: r.orgId !== null && r.orgName !== null ? { id: r.orgId, name: r.orgName } : null,
    owner: { id: r.ownerId, name: r.ownerName ?? '' },
    activity: activityState(r.dueDate, r.dueTime, r.activityId !== null, now),
    next_activity_date: r.dueDate,
    is_rotten: isRotten(stage, r, now),
    update_time: rfc3339(r.updateTime) as string,
    custom_fields:
      fields.defs && fields.keys?.length !== 0
        ? presentV2(fields.defs, r.customFields, { keys: fields.keys })
        : {},
  };
}

export type PresentedCard = ReturnType<typeof presentCard>;

/** One column of the board: the stage's deals in kanban order, keyset-paged (default 50, at most 100). */
export async function listCards(ctx: Ctx, stageId: number, q: CardsQueryT) {
  const stage = await getStage(ctx, stageId);
  const limit = q.limit ?? 50;
  const rows = await cardQuery(
    ctx,
    and(boardDealFilter(ctx, q), eq(deals.stageId, stageId), keysetAfter(ORDER, checkedCursor(q.cursor))),
  )
    .orderBy(...keysetOrder(ORDER))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.position, id: r.id }));
  const now = new Date();
  const keys = q.custom_fields ?? [];
  const fields: CardFields = {
    defs: keys.length > 0 ? await defsForValues(ctx, 'deal', page.rows) : undefined,
    keys,
  };
  return { rows: page.rows.map((r) => presentCard(r, stage, now, fields)), nextCursor: page.nextCursor };
}

/** The card of one deal the caller can see (after a move). */
export async function getCard(ctx: Ctx, dealId: number, stage: StageRow): Promise<PresentedCard> {
  const [row] = await cardQuery(ctx, and(scoped(ctx, deals, { visibility: 'any' }), eq(deals.id, dealId)));
  if (!row) throw notFound('Deal');
  // after a move the card replaces the one the board shows: with every custom value, whichever it shows
  const fields: CardFields = { defs: await defsForValues(ctx, 'deal', [row]), keys: undefined };
  return presentCard(row, stage, new Date(), fields);
}
