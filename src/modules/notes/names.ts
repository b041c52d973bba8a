import { and, eq, sql } from 'drizzle-orm';
import { organizationNames, personNames } from '../contacts/refs.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';
import { type NoteRefs, type NoteRow, presentNote } from './present.ts';

const present = (v: number | null): v is number => v !== null;

/** Deal titles by id (read-only; deleted deals included: names of history). */
async function dealTitles(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: deals.id, title: deals.title })
    .from(deals)
    // names of history: deleted deals and deals the caller does not see keep their titles here
    .where(
      and(
        scoped(ctx, deals, { deleted: 'too', visibility: 'any' }),
        sql`${deals.id} = ANY(${sql.param(unique)}::bigint[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r.title]));
}

async function userNames(ctx: Ctx, ids: number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<number, { name: string; email: string }>();
  const rows = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), sql`${users.id} = ANY(${sql.param(unique)}::bigint[])`));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}

/**
 * The nested names of a page of notes: one query per kind, never one per note. (Sequential: inside a
 * transaction the queries share one connection anyway.)
 */
export async function loadNoteRefs(ctx: Ctx, rows: NoteRow[]): Promise<NoteRefs> {
  return {
    users: await userNames(
      ctx,
      rows.map((r) => r.userId),
    ),
    deals: await dealTitles(ctx, rows.map((r) => r.dealId).filter(present)),
    persons: await personNames(ctx, rows.map((r) => r.personId).filter(present)),
    organizations: await organizationNames(ctx, rows.map((r) => r.orgId).filter(present)),
  };
}

/** Notes in Pipedrive's v1 shape, with their nested names. */
export async function presentNotes(ctx: Ctx, rows: NoteRow[]) {
  const refs = await loadNoteRefs(ctx, rows);
  return rows.map((r) => presentNote(r, refs, ctx.user.id));
}

export async function presentOneNote(ctx: Ctx, row: NoteRow) {
  const [note] = await presentNotes(ctx, [row]);
  return note as ReturnType<typeof presentNote>;
}
