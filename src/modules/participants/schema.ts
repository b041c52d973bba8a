import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qId, v1Paging, v2Paging } from '../../http/query.ts';

const Channel = z.object({ value: z.string(), primary: z.boolean(), label: z.string() });

/** `added_by_user_id`: the user's fields, and the same under `data` (API-2 §4.2). */
const AddedBy = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  has_pic: z.number().int(),
  pic_hash: z.string().nullable(),
  active_flag: z.boolean(),
  value: z.number().int(),
  data: z.object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    has_pic: z.number().int(),
    pic_hash: z.string().nullable(),
    active_flag: z.boolean(),
  }),
});

/** A v1 person inside a participant (`owner_id`, `org_id` as objects with `value`). */
const ParticipantPerson = z.object({
  id: z.number().int(),
  company_id: z.number().int(),
  name: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  owner_id: z.object({ id: z.number().int(), value: z.number().int() }),
  org_id: z.object({ value: z.number().int() }).nullable(),
  email: z.array(Channel),
  phone: z.array(Channel),
  visible_to: z.string(),
  active_flag: z.boolean(),
  add_time: z.string(),
  update_time: z.string(),
  label_ids: z.array(z.number().int()),
});

/** v1 `DealParticipantItem`. */
export const Participant = z
  .object({
    id: z.number().int(),
    person_id: z.object({
      active_flag: z.boolean(),
      name: z.string(),
      email: z.array(Channel),
      phone: z.array(Channel),
      owner_id: z.number().int(),
      company_id: z.number().int(),
      value: z.number().int(),
    }),
    add_time: z.string(),
    active_flag: z.boolean(),
    related_item_data: z.object({ deal_id: z.number().int(), title: z.string() }),
    person: ParticipantPerson,
    added_by_user_id: AddedBy.nullable(),
    related_item_type: z.literal('deal'),
    related_item_id: z.number().int(),
  })
  .meta({ id: 'DealParticipant' });

export const ParticipantChange = z
  .object({
    action: z.enum(['added', 'removed']),
    actor_user_id: z.number().int().nullable(),
    person_id: z.number().int(),
    time: z.string(),
  })
  .meta({ id: 'DealParticipantChange' });

export const AddParticipantBody = z.object({ person_id: entityId });

export const ParticipantsQuery = z.object({ ...v1Paging });
export const ChangelogQuery = z.object({ ...v2Paging });
export const participantParams = z.object({ id: qId, deal_participant_id: qId });
