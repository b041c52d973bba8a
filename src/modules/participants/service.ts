import { and, eq, inArray, sql } from 'drizzle-orm';
import { sqlTime } from '../../http/formats.ts';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { membershipChangelog } from '../audit/membership.ts';
import { recordEvent } from '../audit/service.ts';
import { assertPersonExists } from '../contacts/refs.ts';
import { persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound } from '../errors.ts';
import { liveRows, scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { dealParticipants } from './tables.ts';

export type ParticipantRow = typeof dealParticipants.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type UserRow = Pick<typeof users.$inferSelect, 'id' | 'name' | 'email' | 'activeFlag'>;

/** A participant with what its presentation shows: the person, the deal and who added it. */
export interface ParticipantView {
  row: ParticipantRow;
  person: PersonRow;
  deal: { id: number; title: string };
  addedBy: UserRow | null;
}

/**
 * The deal's active participants, oldest first, v1 offset paging. The deal must be one the caller
 * sees; its participants are shown whoever owns them (reached through the deal), deleted persons
 * left out.
 */
export async function listParticipants(
  ctx: Ctx,
  dealId: number,
  page: { start: number; limit: number },
): Promise<{ rows: ParticipantView[]; more: boolean }> {
  const deal = await getDeal(ctx, dealId);
  const rows = await ctx.db
    .select({ row: dealParticipants, person: persons })
    .from(dealParticipants)
    .innerJoin(
      persons,
      and(
        eq(persons.companyId, dealParticipants.companyId),
        eq(persons.id, dealParticipants.personId),
        liveRows(persons),
      ),
    )
    .where(
      and(
        eq(dealParticipants.companyId, ctx.companyId),
        eq(dealParticipants.dealId, dealId),
        eq(dealParticipants.activeFlag, true),
        scoped(ctx, persons, { visibility: 'any' }),
      ),
    )
    .orderBy(dealParticipants.id)
    .offset(page.start)
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const addedBy = await usersById(
    ctx,
    pageRows.map((r) => r.row.addedByUserId),
  );
  return {
    rows: pageRows.map((r) => ({
      ...r,
      deal: { id: deal.id, title: deal.title },
      addedBy: addedBy.get(r.row.addedByUserId ?? -1) ?? null,
    })),
    more: rows.length > page.limit,
  };
}

async function usersById(ctx: Ctx, ids: (number | null)[]): Promise<Map<number, UserRow>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, activeFlag: users.activeFlag })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), inArray(users.id, wanted)));
  return new Map(rows.map((u) => [u.id, u]));
}

/** Adds a person (one the caller sees) to a deal the caller sees; a person already on it is a 409. */
export async function addParticipant(ctx: Ctx, dealId: number, personId: number): Promise<ParticipantView> {
  return inTx(ctx, async (ctx) => {
    const deal = await getDeal(ctx, dealId, { forUpdate: true });
    await assertPersonExists(ctx, personId, 'person_id');
    const [row] = await ctx.db
      .insert(dealParticipants)
      .values({ companyId: ctx.companyId, dealId, personId, addedByUserId: ctx.actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'The person already takes part in this deal', 'person_id');
    await recordEvent(ctx, {
      itemType: 'deal_participant',
      itemId: dealId,
      action: 'create',
      changes: [{ field_key: 'person_id', old_value: null, new_value: personId }],
    });
    const [person] = await ctx.db
      .select()
      .from(persons)
      .where(and(scoped(ctx, persons), eq(persons.id, personId)));
    if (!person) throw notFound('Person');
    const addedBy = await usersById(ctx, [row.addedByUserId]);
    return {
      row,
      person,
      deal: { id: deal.id, title: deal.title },
      addedBy: addedBy.get(row.addedByUserId ?? -1) ?? null,
    };
  });
}

/** Removes a participant by its id (`deal_participant_id`): the row stays, inactive, for history. */
export async function deleteParticipant(ctx: Ctx, dealId: number, participantId: number): Promise<void> {
  await inTx(ctx, async (ctx) => {
    await getDeal(ctx, dealId, { forUpdate: true });
    const [row] = await ctx.db
      .update(dealParticipants)
      .set({ activeFlag: false })
      .where(
        and(
          eq(dealParticipants.companyId, ctx.companyId),
          eq(dealParticipants.dealId, dealId),
          eq(dealParticipants.id, participantId),
          eq(dealParticipants.activeFlag, true),
        ),
      )
      .returning();
    if (!row) throw new AppError('not_found', 'Participant not found', 'deal_participant_id');
    await recordEvent(ctx, {
      itemType: 'deal_participant',
      itemId: dealId,
      action: 'delete',
      changes: [{ field_key: 'person_id', old_value: row.personId, new_value: null }],
    });
  });
}

/** GET /deals/{id}/participantsChangelog: persons added and removed, newest first, cursor-paged. */
export async function participantsChangelog(
  ctx: Ctx,
  dealId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
) {
  await getDeal(ctx, dealId);
  const page = await membershipChangelog(ctx, 'deal_participant', dealId, q);
  return {
    rows: page.rows.map((c) => ({
      action: c.action,
      actor_user_id: c.actorUserId,
      person_id: c.member,
      time: sqlTime(c.time) as string,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The deals a person takes part in (the person's "Participant" related deals, behaviour §3.8): the
 * person must be one the caller sees, and only deals the caller sees are listed; newest deal first.
 */
export async function participantDeals(
  ctx: Ctx,
  personId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
) {
  await assertPersonExists(ctx, personId, 'id');
  const limit = q.limit ?? 100;
  const k: Keyset = { column: deals.id, id: deals.id, direction: 'desc', kind: 'number' };
  const rows = await ctx.db
    .select()
    .from(deals)
    .where(
      and(
        scoped(ctx, deals),
        sql`EXISTS (SELECT 1 FROM ${dealParticipants} WHERE ${dealParticipants.companyId} = ${deals.companyId}
          AND ${dealParticipants.dealId} = ${deals.id} AND ${dealParticipants.personId} = ${personId}
          AND ${dealParticipants.activeFlag})`,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
}
