import { and, eq } from 'drizzle-orm';
import { rfc3339, sqlTime } from '../../http/formats.ts';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import { auditEvents } from '../audit/tables.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { getProductRow } from './service.ts';
import { productFollowers } from './tables.ts';

type FollowerRow = typeof productFollowers.$inferSelect;

export const presentFollower = (f: FollowerRow) => ({
  user_id: f.userId,
  add_time: rfc3339(f.addTime) as string,
});
export const presentFollowerV1 = (f: FollowerRow) => ({
  id: f.id,
  user_id: f.userId,
  product_id: f.productId,
  add_time: sqlTime(f.addTime) as string,
});

/** v2: keyset by relation id; v1 uses start/limit over the same order. */
export async function listFollowers(
  ctx: Ctx,
  productId: number,
  q: { cursor?: string | undefined; limit?: number | undefined; start?: number | undefined },
) {
  await getProductRow(ctx, productId);
  const limit = q.limit ?? 100;
  const k: Keyset = {
    column: productFollowers.id,
    id: productFollowers.id,
    direction: 'asc',
    kind: 'number',
  };
  const rows = await ctx.db
    .select()
    .from(productFollowers)
    .where(
      and(scoped(ctx, productFollowers), eq(productFollowers.productId, productId), keysetAfter(k, q.cursor)),
    )
    .orderBy(...keysetOrder(k))
    .offset(q.start ?? 0)
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
}

export async function addFollower(ctx: Ctx, productId: number, userId: number): Promise<FollowerRow> {
  return inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    await assertUsersExist(ctx, [userId], 'user_id');
    const [row] = await ctx.db
      .insert(productFollowers)
      .values({ companyId: ctx.companyId, productId, userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'The user already follows this product', 'user_id');
    await recordEvent(ctx, {
      itemType: 'product_follower',
      itemId: productId,
      action: 'create',
      changes: [{ field_key: 'follower_user_id', old_value: null, new_value: userId }],
    });
    return row;
  });
}

/** Stops a follow: by the user's id (v2) or the relation's id (v1). */
export async function deleteFollower(
  ctx: Ctx,
  productId: number,
  by: { userId: number } | { relationId: number },
): Promise<FollowerRow> {
  return inTx(ctx, async (ctx) => {
    await getProductRow(ctx, productId, { forUpdate: true });
    const [row] = await ctx.db
      .delete(productFollowers)
      .where(
        and(
          eq(productFollowers.companyId, ctx.companyId),
          eq(productFollowers.productId, productId),
          'userId' in by ? eq(productFollowers.userId, by.userId) : eq(productFollowers.id, by.relationId),
        ),
      )
      .returning();
    if (!row) throw notFound('Follower');
    await recordEvent(ctx, {
      itemType: 'product_follower',
      itemId: productId,
      action: 'delete',
      changes: [{ field_key: 'follower_user_id', old_value: row.userId, new_value: null }],
    });
    return row;
  });
}

/** GET /products/{id}/followers/changelog: who started or stopped following, newest first. */
export async function followersChangelog(
  ctx: Ctx,
  productId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
) {
  await getProductRow(ctx, productId);
  const limit = q.limit ?? 100;
  const k: Keyset = { column: auditEvents.id, id: auditEvents.id, direction: 'desc', kind: 'number' };
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        scoped(ctx, auditEvents),
        eq(auditEvents.itemType, 'product_follower'),
        eq(auditEvents.itemId, String(productId)),
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
  return {
    rows: page.rows.map((e) => {
      const change = e.changes[0];
      const user = (e.action === 'create' ? change?.new_value : change?.old_value) as number;
      return {
        action: e.action === 'create' ? ('added' as const) : ('removed' as const),
        actor_user_id: e.actorUserId,
        follower_user_id: user,
        time: rfc3339(e.time) as string,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
