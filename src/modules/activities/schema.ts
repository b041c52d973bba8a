import { z } from 'zod';
import { entityId, name255, text, ymd } from '../../http/fields.ts';
import { qBool, qCsv, qCsvIds, qDateTime, qId, sortDirection, v2Paging } from '../../http/query.ts';

/** Icon keys of activity types (behaviour §6.1). */
export const ICON_KEYS = [
  'task',
  'email',
  'meeting',
  'deadline',
  'call',
  'lunch',
  'calendar',
  'downarrow',
  'document',
  'smartphone',
  'camera',
  'scissors',
  'cogs',
  'bubble',
  'uparrow',
  'checkbox',
  'signpost',
  'shuffle',
  'addressbook',
  'linegraph',
  'picture',
  'car',
  'world',
  'search',
  'clip',
  'sound',
  'brush',
  'key',
  'padlock',
  'pricetag',
  'suitcase',
  'finish',
  'plane',
  'loop',
  'wifi',
  'truck',
  'cart',
  'bulb',
  'bell',
  'presentation',
] as const;

export const LOCATION_KEYS = [
  'value',
  'country',
  'admin_area_level_1',
  'admin_area_level_2',
  'locality',
  'sublocality',
  'route',
  'street_number',
  'subpremise',
  'postal_code',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------- activity types (v1)

export const ActivityType = z
  .object({
    id: z.number().int(),
    name: z.string(),
    icon_key: z.string(),
    color: z.string().nullable(),
    order_nr: z.number().int(),
    key_string: z.string(),
    active_flag: z.boolean(),
    is_custom_flag: z.boolean(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'ActivityType' });

const iconKey = z.enum(ICON_KEYS, { error: 'expected one of the activity icon keys' });
const color = z.string().regex(/^[0-9a-fA-F]{6}$/, 'expected 6 hexadecimal digits without #');

export const AddActivityTypeBody = z.object({
  name: name255,
  icon_key: iconKey,
  color: color.nullable().optional(),
});

export const UpdateActivityTypeBody = z.object({
  name: name255.optional(),
  icon_key: iconKey.optional(),
  color: color.nullable().optional(),
  order_nr: z.number().int('expected an integer').min(0).max(1_000_000).optional(),
});

export type AddActivityTypeInput = z.infer<typeof AddActivityTypeBody>;
export type UpdateActivityTypeInput = z.infer<typeof UpdateActivityTypeBody>;

// ---------------------------------------------------------------- activities (v2)

const Location = z.object(Object.fromEntries(LOCATION_KEYS.map((k) => [k, z.string().nullable()])));

export const Activity = z
  .object({
    id: z.number().int(),
    subject: z.string(),
    type: z.string(),
    owner_id: z.number().int(),
    creator_user_id: z.number().int(),
    is_deleted: z.boolean(),
    add_time: z.string(),
    update_time: z.string(),
    deal_id: z.number().int().nullable(),
    lead_id: z.string().nullable(),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    project_id: z.number().int().nullable(),
    due_date: z.string().nullable(),
    due_time: z.string().nullable(),
    duration: z.string().nullable(),
    busy: z.boolean(),
    done: z.boolean(),
    marked_as_done_time: z.string().nullable(),
    location: Location.nullable(),
    participants: z.array(z.object({ person_id: z.number().int(), primary: z.boolean() })),
    attendees: z.array(
      z.object({
        email: z.string().nullable(),
        name: z.string().nullable(),
        status: z.string().nullable(),
        is_organizer: z.boolean(),
        person_id: z.number().int().nullable(),
        user_id: z.number().int().nullable(),
      }),
    ),
    conference_meeting_client: z.string().nullable(),
    conference_meeting_url: z.string().nullable(),
    conference_meeting_id: z.string().nullable(),
    public_description: z.string().nullable(),
    priority: z.number().int().nullable(),
    outcome: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Activity' });

const qIncludeFields = qCsv.pipe(z.array(z.enum(['attendees'], { error: 'expected attendees' })));
const qUuid = z.string().regex(UUID, 'expected a UUID');

export const ListActivitiesQuery = z.object({
  /** saved filters are not supported yet: accepted and ignored */
  filter_id: qId.optional(),
  ids: qCsvIds.optional(),
  owner_id: qId.optional(),
  deal_id: qId.optional(),
  lead_id: qUuid.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  done: qBool.optional(),
  updated_since: qDateTime.optional(),
  updated_until: qDateTime.optional(),
  sort_by: z.enum(['id', 'update_time', 'add_time', 'due_date']).optional(),
  sort_direction: sortDirection,
  include_fields: qIncludeFields.optional(),
  ...v2Paging,
});
export type ListActivitiesInput = z.infer<typeof ListActivitiesQuery>;

export const GetActivityQuery = z.object({ include_fields: qIncludeFields.optional() });

/** "HH:MM" (seconds accepted and dropped). */
const dueTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected HH:MM (00:00 to 23:59)')
  .transform((v) => v.slice(0, 5));
const duration = z
  .string()
  .regex(/^\d{2}:[0-5]\d(:[0-5]\d)?$/, 'expected HH:MM (00:00 to 99:59)')
  .transform((v) => v.slice(0, 5));
const dueDate = ymd.refine((v) => Number(v.slice(0, 4)) >= 1, 'year out of range');
const int32 = z.number().int('expected an integer').min(-2_147_483_648).max(2_147_483_647);

const LocationInput = z.object(
  Object.fromEntries(LOCATION_KEYS.map((k) => [k, text(1000).nullable().optional()])),
);

const Participant = z.object({ person_id: entityId, primary: z.boolean().optional() });

const Attendee = z.object({
  email: text(255).nullable().optional(),
  name: text(255).nullable().optional(),
  status: text(50).nullable().optional(),
  is_organizer: z.boolean().optional(),
  person_id: entityId.nullable().optional(),
  user_id: entityId.nullable().optional(),
});

export const AddActivityBody = z.object({
  subject: name255.optional(),
  type: text(255).min(1, 'must not be empty').optional(),
  owner_id: entityId.optional(),
  deal_id: entityId.nullable().optional(),
  lead_id: z.string().regex(UUID, 'expected a UUID').nullable().optional(),
  person_id: entityId.nullable().optional(),
  org_id: entityId.nullable().optional(),
  project_id: entityId.nullable().optional(),
  due_date: dueDate.nullable().optional(),
  due_time: dueTime.nullable().optional(),
  duration: duration.nullable().optional(),
  busy: z.boolean().optional(),
  done: z.boolean().optional(),
  location: LocationInput.nullable().optional(),
  participants: z.array(Participant).max(100, 'at most 100 participants').optional(),
  attendees: z.array(Attendee).max(100, 'at most 100 attendees').optional(),
  public_description: text(100_000).nullable().optional(),
  priority: int32.nullable().optional(),
  outcome: int32.nullable().optional(),
  note: text(100_000).nullable().optional(),
});
export const UpdateActivityBody = AddActivityBody;

export type ActivityInput = z.infer<typeof AddActivityBody>;
