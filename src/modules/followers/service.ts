import { and, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rfc3339 } from '../../http/formats.ts';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { membershipChangelog } from '../audit/membership.ts';
import { type AuditedType, recordEvent } from '../audit/service.ts';
import { getOrganization } from '../contacts/organizations.ts';
import { getPerson } from '../contacts/persons.ts';
import { type Ctx, inTx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { AppError } from '../errors.ts';
import { getProductRow } from '../products/service.ts';
import { productFollowers } from '../products/tables.ts';
import { assertUsersExist } from '../users/service.ts';
import { dealFollowers, organizationFollowers, personFollowers } from './tables.ts';

/** What can be followed (the product followers' table stays with the products' tables). */
export type FollowedKind = 'deal' | 'person' | 'organization' | 'product';

/** A follow, whatever the kind: `itemId` is the deal's, person's or organization's id. */
export interface Follow {
  id: number;
  userId: number;
  itemId: number;
  addTime: Date;
}

type AnyFollowers = typeof dealFollowers;

interface Kind {
  table: PgTable;
  /** the followers table seen through one shape (the four differ only in the item column's name) */
  t: Pick<AnyFollowers, 'id' | 'companyId' | 'userId' | 'addTime'> & { itemId: AnyFollowers['dealId'] };
  auditType: Extract<AuditedType, `${FollowedKind}_follower`>;
  /** the item, as the caller sees it (404 otherwise); its owner decides who may add others */
  item: (ctx: Ctx, id: number) => Promise<{ ownerId: number }>;
}

const KINDS: Record<FollowedKind, Kind> = {
  deal: {
    table: dealFollowers,
    t: { ...pick(dealFollowers), itemId: dealFollowers.dealId },
    auditType: 'deal_follower',
    item: (ctx, id) => getDeal(ctx, id),
  },
  person: {
    table: personFollowers,
    t: { ...pick(personFollowers), itemId: personFollowers.personId as unknown as AnyFollowers['dealId'] },
    auditType: 'person_follower',
    item: getPerson,
  },
  organization: {
    table: organizationFollowers,
    t: {
      ...pick(organizationFollowers),
      itemId: organizationFollowers.orgId as unknown as AnyFollowers['dealId'],
    },
    auditType: 'organization_follower',
    item: getOrganization,
  },
  product: {
    table: productFollowers,
    t: { ...pick(productFollowers), itemId: productFollowers.productId as unknown as AnyFollowers['dealId'] },
    auditType: 'product_follower',
    item: (ctx, id) => getProductRow(ctx, id),
  },
};

function pick(
  t: typeof dealFollowers | typeof personFollowers | typeof organizationFollowers | typeof productFollowers,
) {
  return { id: t.id, companyId: t.companyId, userId: t.userId, addTime: t.addTime } as Pick<
    AnyFollowers,
    'id' | 'companyId' | 'userId' | 'addTime'
  >;
}

const columns = (k: Kind) => ({ id: k.t.id, userId: k.t.userId, itemId: k.t.itemId, addTime: k.t.addTime });
const ofItem = (ctx: Ctx, k: Kind, itemId: number): SQL =>
  and(eq(k.t.companyId, ctx.companyId), eq(k.t.itemId, itemId)) as SQL;

/** Followers of an item the caller sees, oldest follow first; v2 keyset (cursor) or v1 offset (start). */
export async function listFollowers(
  ctx: Ctx,
  kind: FollowedKind,
  itemId: number,
  q: { cursor?: string | undefined; limit?: number | undefined; start?: number | undefined },
): Promise<{ rows: Follow[]; nextCursor: string | null }> {
  const k = KINDS[kind];
  await k.item(ctx, itemId);
  const limit = q.limit ?? 100;
  const keyset: Keyset = { column: k.t.id, id: k.t.id, direction: 'asc', kind: 'number' };
  const rows = await ctx.db
    .select(columns(k))
    .from(k.table)
    .where(and(ofItem(ctx, k, itemId), keysetAfter(keyset, q.cursor)))
    .orderBy(...keysetOrder(keyset))
    .offset(q.start ?? 0)
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ v: r.id, id: r.id }));
}

/**
 * Who may start or stop someone else's follow: an admin or the item's owner (behaviour §3.8); anyone
 * who sees the item may follow it themselves.
 */
function assertMayChange(ctx: Ctx, item: { ownerId: number }, userId: number) {
  if (userId === ctx.user.id || ctx.user.isAdmin || item.ownerId === ctx.user.id) return;
  throw new AppError(
    'forbidden',
    "Only an admin or the item's owner may change other users' follows",
    'user_id',
  );
}

/** A user starts following an item; following it again is a 409 naming user_id. */
export async function addFollower(
  ctx: Ctx,
  kind: FollowedKind,
  itemId: number,
  userId: number,
): Promise<Follow> {
  const k = KINDS[kind];
  return inTx(ctx, async (ctx) => {
    assertMayChange(ctx, await k.item(ctx, itemId), userId);
    await assertUsersExist(ctx, [userId], 'user_id');
    const [row] = await ctx.db
      .insert(k.table)
      .values({ companyId: ctx.companyId, [itemKey(kind)]: itemId, userId } as never)
      .onConflictDoNothing()
      .returning(columns(k));
    if (!row) throw new AppError('conflict', `The user already follows this ${kind}`, 'user_id');
    await recordEvent(ctx, {
      itemType: k.auditType,
      itemId,
      action: 'create',
      changes: [{ field_key: 'follower_user_id', old_value: null, new_value: userId }],
    });
    return row;
  });
}

const ITEM_KEY = { deal: 'dealId', person: 'personId', organization: 'orgId', product: 'productId' } as const;
const itemKey = (kind: FollowedKind) => ITEM_KEY[kind];

/** A follow ends: named by the user's id (v2) or the relation's id (v1). */
export async function deleteFollower(
  ctx: Ctx,
  kind: FollowedKind,
  itemId: number,
  by: { userId: number } | { relationId: number },
): Promise<Follow> {
  const k = KINDS[kind];
  return inTx(ctx, async (ctx) => {
    const item = await k.item(ctx, itemId);
    const [found] = await ctx.db
      .select(columns(k))
      .from(k.table)
      .where(
        and(ofItem(ctx, k, itemId), 'userId' in by ? eq(k.t.userId, by.userId) : eq(k.t.id, by.relationId)),
      );
    if (!found) throw new AppError('not_found', 'Follower not found', 'follower_id');
    assertMayChange(ctx, item, found.userId);
    await ctx.db.delete(k.table).where(and(ofItem(ctx, k, itemId), eq(k.t.id, found.id)));
    await recordEvent(ctx, {
      itemType: k.auditType,
      itemId,
      action: 'delete',
      changes: [{ field_key: 'follower_user_id', old_value: found.userId, new_value: null }],
    });
    return found;
  });
}

/** v2 GET /{items}/{id}/followers/changelog: who started or stopped following, newest first. */
export async function followersChangelog(
  ctx: Ctx,
  kind: FollowedKind,
  itemId: number,
  q: { cursor?: string | undefined; limit?: number | undefined },
) {
  const k = KINDS[kind];
  await k.item(ctx, itemId);
  const page = await membershipChangelog(ctx, k.auditType, itemId, q);
  return {
    rows: page.rows.map((c) => ({
      action: c.action,
      actor_user_id: c.actorUserId,
      follower_user_id: c.member,
      time: rfc3339(c.time) as string,
    })),
    nextCursor: page.nextCursor,
  };
}
