import { type AnyColumn, and, eq, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { activities } from '../activities/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { files } from '../files/tables.ts';
import { leads } from '../leads/tables.ts';
import { mentions, noteComments, notes } from '../notes/tables.ts';
import { notifications } from '../notifications/tables.ts';
import {
  dealOnlyReferences,
  leadDealLinks,
  organizationReferences,
  personReferences,
  type Reference,
} from '../references.ts';
import { allRows, liveRows } from '../scope.ts';

/** Deleted items stay restorable this long, then are purged for good (job purge_deleted). */
export const DELETED_RETENTION_DAYS = 30;
/** Items purged per transaction. */
const BATCH = 500;

/** The links of a note or an activity: one that loses its last link to a purge goes with it. */
const linksOf = (t: typeof notes | typeof activities) => [t.leadId, t.dealId, t.personId, t.orgId];

interface Purgeable {
  name: 'activities' | 'leads' | 'deals' | 'persons' | 'organizations';
  table: PgTable;
  id: AnyColumn;
  companyId: AnyColumn;
  isDeleted: AnyColumn;
  deleteTime: AnyColumn;
  /** columns of other tables that point at it: cleared, or the note or activity purged with it */
  references: Reference[];
}

const leadRefs = leadDealLinks.map((l) => ({ ...l, column: l.lead }));
const dealRefs = [...leadDealLinks.map((l) => ({ ...l, column: l.deal })), ...dealOnlyReferences];

const PURGEABLE: Purgeable[] = [
  { name: 'activities', table: activities, ...cols(activities), references: [] },
  { name: 'leads', table: leads, ...cols(leads), references: leadRefs },
  { name: 'deals', table: deals, ...cols(deals), references: dealRefs },
  { name: 'persons', table: persons, ...cols(persons), references: personReferences },
  { name: 'organizations', table: organizations, ...cols(organizations), references: organizationReferences },
];

function cols(t: { id: AnyColumn; companyId: AnyColumn; isDeleted: AnyColumn; deleteTime: AnyColumn }) {
  return { id: t.id, companyId: t.companyId, isDeleted: t.isDeleted, deleteTime: t.deleteTime };
}

/** Deletes notes for good, with their comments, mentions and notifications. */
async function deleteNotes(ctx: Ctx, where: SQL): Promise<void> {
  const gone = await ctx.db
    .delete(notes)
    .where(and(eq(notes.companyId, ctx.companyId), where))
    .returning({ id: notes.id });
  const ids = gone.map((n) => n.id);
  if (ids.length === 0) return;
  await ctx.db
    .delete(noteComments)
    .where(and(eq(noteComments.companyId, ctx.companyId), inArray(noteComments.noteId, ids)));
  await ctx.db
    .delete(mentions)
    .where(and(eq(mentions.companyId, ctx.companyId), inArray(mentions.noteId, ids)));
  await ctx.db
    .delete(notifications)
    .where(and(eq(notifications.companyId, ctx.companyId), inArray(notifications.noteId, ids)));
}

/**
 * Clears the references to purged items; a note or an activity that pointed only at them (it was
 * theirs) is purged with them.
 */
async function releaseReferences(ctx: Ctx, p: Purgeable, ids: (number | string)[]): Promise<void> {
  const cast = p.name === 'leads' ? sql`::uuid[]` : sql`::bigint[]`;
  const pointsAt = (column: AnyColumn) => sql`${column} = ANY(${sql.param(ids)}${cast})`;
  for (const ref of p.references) {
    if (ref.belongs) {
      await ctx.db.execute(
        sql`DELETE FROM ${ref.table} WHERE ${ref.companyId} = ${ctx.companyId} AND ${pointsAt(ref.column)}`,
      );
      continue;
    }
    if (ref.table === notes || ref.table === activities) {
      const t = ref.table as typeof notes | typeof activities;
      const onlyThis = and(
        pointsAt(ref.column),
        ...linksOf(t)
          .filter((c) => c !== ref.column)
          .map((c) => sql`${c} IS NULL`),
      ) as SQL;
      if (t === notes) await deleteNotes(ctx, onlyThis);
      else await ctx.db.delete(activities).where(and(eq(activities.companyId, ctx.companyId), onlyThis));
    }
    if (ref.table === files) {
      // a file that hung only on the purged item is deleted with it (its bytes stay in the storage)
      const onlyThis = and(
        pointsAt(ref.column),
        ...[files.leadId, files.dealId, files.personId, files.orgId, files.productId, files.activityId]
          .filter((c) => c !== ref.column)
          .map((c) => sql`${c} IS NULL`),
      ) as SQL;
      await ctx.db
        .update(files)
        .set({ isDeleted: true, deleteTime: new Date() })
        .where(and(eq(files.companyId, ctx.companyId), liveRows(files), onlyThis));
    }
    await ctx.db.execute(
      sql`UPDATE ${ref.table} SET ${sql.identifier(ref.column.name)} = NULL WHERE ${ref.companyId} = ${ctx.companyId} AND ${pointsAt(ref.column)}`,
    );
  }
}

/**
 * The scheduled purge of one company's deleted items (job purge_deleted): activities, leads, deals,
 * persons and organizations deleted more than DELETED_RETENTION_DAYS ago are deleted for good, a
 * batch per transaction; what pointed at them is cleared, and their own notes and activities go with
 * them. Answers how many of each were purged.
 */
export async function purgeDeletedItems(
  ctx: Ctx,
  olderThanDays = DELETED_RETENTION_DAYS,
): Promise<Record<Purgeable['name'], number>> {
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
  const purged = { activities: 0, leads: 0, deals: 0, persons: 0, organizations: 0 };
  for (const p of PURGEABLE) {
    for (;;) {
      const n = await inTx(ctx, async (tx) => {
        const rows = (await tx.db.execute(sql`
          SELECT ${p.id} AS id FROM ${p.table}
          WHERE ${p.companyId} = ${ctx.companyId} AND ${liveRows(p, 'only')} AND ${allRows(p.table)}
            AND ${isNotNull(p.deleteTime)}
            AND ${lt(p.deleteTime, cutoff)}
          ORDER BY ${p.id} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`)) as unknown as {
          rows: { id: number | string }[];
        };
        const ids = rows.rows.map((r) => r.id);
        if (ids.length === 0) return 0;
        await releaseReferences(tx, p, ids);
        const cast = p.name === 'leads' ? sql`::uuid[]` : sql`::bigint[]`;
        await tx.db.execute(
          sql`DELETE FROM ${p.table} WHERE ${p.companyId} = ${ctx.companyId} AND ${p.id} = ANY(${sql.param(ids)}${cast})`,
        );
        return ids.length;
      });
      purged[p.name] += n;
      if (n < BATCH) break;
    }
  }
  return purged;
}
