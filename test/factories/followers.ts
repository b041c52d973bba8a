import { FollowerBody } from '../../src/modules/followers/schema.ts';
import { addFollower, type Follow, type FollowedKind } from '../../src/modules/followers/service.ts';
import type { Maker } from './tenant.ts';

/** A user following a deal, person or organization, as POST /v2/{items}/{id}/followers does. */
export async function makeFollower(
  t: Maker,
  kind: FollowedKind,
  itemId: number,
  userId: number,
): Promise<Follow> {
  return addFollower(t.ctx, kind, itemId, FollowerBody.parse({ user_id: userId }).user_id);
}
