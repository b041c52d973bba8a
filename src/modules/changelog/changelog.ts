import { type SQL, sql } from 'drizzle-orm';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import type { Ctx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { AppError } from '../errors.ts';
import {
  type ChangelogItem,
  changeEntries,
  presentChange,
  type RawChangeRow,
  rowsOf,
  v1Time,
} from './entries.ts';
import type { ChangelogInput } from './schema.ts';

/** The record must exist for the caller: same company, not deleted, visible. Otherwise a 404. */
export async function assertItemVisible(ctx: Ctx, item: ChangelogItem, id: number): Promise<void> {
  if (item === 'deal') await findDealRef(ctx, id, 'id');
  else if (item === 'person') await assertPersonExists(ctx, id, 'id');
  else await assertOrganizationExists(ctx, id, 'id');
}

const badCursor = () =>
  new AppError('validation_failed', 'Validation failed: cursor: invalid cursor', 'cursor');

/** The cursor is the last entry's (event id, ordinality); the next page starts after it. */
function after(cursor: string | undefined): SQL {
  if (!cursor) return sql`TRUE`;
  const c = decodeCursor(cursor);
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (!ok(c.id) || !ok(c.v)) throw badCursor();
  // `event_id <= id` first: an index range on audit_events_item_idx.
  return sql`ch.event_id <= ${c.id} AND (ch.event_id < ${c.id} OR ch.ord > ${c.v})`;
}

/**
 * GET /deals|persons|organizations/{id}/changelog: one entry per changed field, newest event first,
 * fields of one event in the order they were recorded; keyset-paged over (event id, ordinality).
 */
export async function getChangelog(ctx: Ctx, item: ChangelogItem, id: number, q: ChangelogInput) {
  await assertItemVisible(ctx, item, id);
  const limit = q.limit ?? 100;
  const rows = await rowsOf<RawChangeRow>(
    ctx,
    sql`SELECT ch.*, ${v1Time(sql`ch.ts`)} AS time_text
      FROM (${changeEntries(ctx, item, id)}) AS ch
      WHERE ${after(q.cursor)}
      ORDER BY ch.event_id DESC, ch.ord ASC
      LIMIT ${limit + 1}`,
  );
  const page = pageOf(rows, limit, (r) => ({ v: Number(r.ord), id: Number(r.event_id) }));
  return { data: page.rows.map(presentChange), nextCursor: page.nextCursor };
}
