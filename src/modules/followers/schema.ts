import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qId, v1Paging, v2Paging } from '../../http/query.ts';

/** v2 follower (every kind). */
export const Follower = z
  .object({ user_id: z.number().int(), add_time: z.string() })
  .meta({ id: 'ItemFollower' });

export const FollowerChange = z
  .object({
    action: z.enum(['added', 'removed']),
    actor_user_id: z.number().int().nullable(),
    follower_user_id: z.number().int(),
    time: z.string(),
  })
  .meta({ id: 'ItemFollowerChange' });

/** v1 followers: `id` is the relation's, the item's id under its own key (API-2 §4.1). */
const v1 = <K extends string>(key: K) =>
  z.object({
    id: z.number().int(),
    user_id: z.number().int(),
    add_time: z.string(),
    ...({ [key]: z.number().int() } as Record<K, z.ZodNumber>),
  });
export const FollowerV1 = {
  deal: v1('deal_id').meta({ id: 'DealFollowerV1' }),
  person: v1('person_id').meta({ id: 'PersonFollowerV1' }),
  organization: v1('org_id').meta({ id: 'OrganizationFollowerV1' }),
  product: v1('product_id').meta({ id: 'ProductFollowerV1' }),
};

export const FollowerBody = z.object({ user_id: entityId });
export const CursorQuery = z.object({ ...v2Paging });
export const V1PageQuery = z.object({ ...v1Paging });
export const followerParams = z.object({ id: qId, follower_id: qId });
