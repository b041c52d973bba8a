import { and, eq, inArray } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import type { Ctx } from '../context.ts';
import { scoped } from '../scope.ts';
import type { AuditedType } from './service.ts';
import { auditEvents } from './tables.ts';

/** One entry of a membership's changelog: who joined (added) or left (removed) an item, and who did it. */
export interface MembershipChange {
  action: 'added' | 'removed';
  actorUserId: number | null;
  /** the member's id: the new value of a create, the old value of a delete */
  member: number;
  time: Date;
}

/**
 * The changelog of a membership kept as audit events of one kind (followers of an item, participants
 * of a deal): its create and delete events on the item, newest first, cursor-paged. The caller checks
 * first that the item is one the user sees.
 */
export async function membershipChangelog(
  ctx: Ctx,
  itemType: AuditedType,
  itemId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ rows: MembershipChange[]; nextCursor: string | null }> {
  const limit = q.limit ?? 100;
  const k: Keyset = { column: auditEvents.id, id: auditEvents.id, direction: 'desc', kind: 'number' };
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        scoped(ctx, auditEvents),
        eq(auditEvents.itemType, itemType),
        eq(auditEvents.itemId, String(itemId)),
        inArray(auditEvents.action, ['create', 'delete']),
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  return {
    rows: page.rows.map((e) => {
      const change = e.changes[0];
      const added = e.action === 'create';
      return {
        action: added ? 'added' : 'removed',
        actorUserId: e.actorUserId,
        member: (added ? change?.new_value : change?.old_value) as number,
        time: e.time,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
