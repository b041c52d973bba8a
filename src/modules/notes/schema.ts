import { z } from 'zod';
import { abort, dateTimeInput, entityId, storable, UNSTORABLE, ymd } from '../../http/fields.ts';
import { qDateTime, qId, v1Paging } from '../../http/query.ts';

// ---------------------------------------------------------------- responses

const titled = z.object({ title: z.string() }).nullable();
const named = z.object({ name: z.string() }).nullable();

/** v1 note (spec §11): every key, pin flags as booleans, times "YYYY-MM-DD HH:MM:SS" (UTC). */
export const Note = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    content: z.string(),
    active_flag: z.boolean(),
    add_time: z.string(),
    update_time: z.string(),
    last_update_user_id: z.number().int().nullable(),
    lead_id: z.uuid().nullable(),
    deal_id: z.number().int().nullable(),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    project_id: z.number().int().nullable(),
    task_id: z.number().int().nullable(),
    pinned_to_lead_flag: z.boolean(),
    pinned_to_deal_flag: z.boolean(),
    pinned_to_organization_flag: z.boolean(),
    pinned_to_person_flag: z.boolean(),
    pinned_to_project_flag: z.boolean(),
    pinned_to_task_flag: z.boolean(),
    deal: titled,
    organization: named,
    person: named,
    project: titled,
    task: titled,
    user: z.object({
      email: z.string(),
      icon_url: z.string().nullable(),
      is_you: z.boolean(),
      name: z.string(),
    }),
  })
  .meta({ id: 'Note' });

/** Comment on a note (spec §11); `uuid` is its id. */
export const Comment = z
  .object({
    uuid: z.uuid(),
    active_flag: z.boolean(),
    add_time: z.string(),
    update_time: z.string(),
    content: z.string(),
    object_id: z.string(),
    object_type: z.literal('note'),
    user_id: z.number().int(),
    updater_id: z.number().int().nullable(),
    company_id: z.number().int(),
  })
  .meta({ id: 'Comment' });

// ---------------------------------------------------------------- queries

export const NOTE_SORT_FIELDS = [
  'id',
  'user_id',
  'deal_id',
  'person_id',
  'org_id',
  'content',
  'add_time',
  'update_time',
] as const;
export type NoteSortField = (typeof NOTE_SORT_FIELDS)[number];
export interface NoteSortKey {
  field: NoteSortField;
  direction: 'asc' | 'desc';
}

const SORT_PART = /^([a-z_]+)(?:\s+(asc|desc))?$/i;

/** `"field ASC"` or `"field ASC, field2 DESC"`; answers the reason as a string when it is not one. */
export function parseNoteSort(input: string): NoteSortKey[] | string {
  const parts = input.split(',').map((p) => p.trim());
  if (parts.length > NOTE_SORT_FIELDS.length) return 'too many sort fields';
  const keys: NoteSortKey[] = [];
  for (const part of parts) {
    const m = SORT_PART.exec(part);
    const field = m?.[1]?.toLowerCase();
    if (!m || !field || !(NOTE_SORT_FIELDS as readonly string[]).includes(field)) {
      return `expected "field ASC" or "field ASC, field2 DESC" with fields among ${NOTE_SORT_FIELDS.join(', ')}`;
    }
    if (keys.some((k) => k.field === field)) return `${field} appears twice`;
    keys.push({ field: field as NoteSortField, direction: m[2]?.toLowerCase() === 'desc' ? 'desc' : 'asc' });
  }
  return keys;
}

const noteSort = z
  .string()
  .max(500, 'at most 500 characters')
  .transform((v, ctx) => {
    const parsed = parseNoteSort(v);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({ description: `"field ASC|DESC[, …]" over ${NOTE_SORT_FIELDS.join(', ')}` });

/** v1 query flags are `0|1`; `true|false` are accepted as well. */
const qFlag = z
  .enum(['0', '1', 'true', 'false'], { error: 'expected 0 or 1' })
  .transform((v) => v === '1' || v === 'true');

export const ListNotesQuery = z.object({
  ...v1Paging,
  user_id: qId.optional(),
  lead_id: z.uuid('expected a UUID').optional(),
  deal_id: qId.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  project_id: qId.optional(),
  task_id: qId.optional(),
  sort: noteSort.optional(),
  // calendar dates (qDate checks the pattern only: 2024-13-45 would reach the database)
  start_date: ymd.optional(),
  end_date: ymd.optional(),
  updated_since: qDateTime.optional(),
  pinned_to_lead_flag: qFlag.optional(),
  pinned_to_deal_flag: qFlag.optional(),
  pinned_to_organization_flag: qFlag.optional(),
  pinned_to_person_flag: qFlag.optional(),
  pinned_to_project_flag: qFlag.optional(),
  pinned_to_task_flag: qFlag.optional(),
});
export type ListNotesInput = z.output<typeof ListNotesQuery>;

export const ListCommentsQuery = z.object({ ...v1Paging });

export const NoteParams = z.object({ id: qId });
export const CommentParams = z.object({ id: qId, commentId: z.uuid('expected a comment UUID') });

// ---------------------------------------------------------------- bodies

/** Notes and comments are at most this long, before sanitising. */
export const MAX_CONTENT = 100_000;

export const content = z
  .string({ error: 'expected a string of HTML' })
  .max(MAX_CONTENT, { ...abort, message: `at most ${MAX_CONTENT} characters` })
  .refine(storable, UNSTORABLE);

/** v1 is lenient: ids may arrive as numbers or as decimal strings (form-encoded bodies). */
const lenientId = z.union(
  [
    entityId,
    z
      .string()
      .regex(/^\d{1,15}$/, 'expected an integer id')
      .transform(Number),
  ],
  {
    error: 'expected an integer id',
  },
);
const linkId = lenientId.pipe(entityId).nullable().optional();

/** Body pin flags are sent as 0|1 numbers (spec §15); booleans and "0"/"1" strings are accepted too. */
const pinFlag = z
  .union([z.literal(0), z.literal(1), z.boolean(), z.enum(['0', '1', 'true', 'false'])], {
    error: 'expected 0 or 1',
  })
  .transform((v) => v === 1 || v === true || v === '1' || v === 'true')
  .optional();

const noteShape = {
  user_id: lenientId.pipe(entityId).optional(),
  lead_id: z.uuid('expected a UUID').nullable().optional(),
  deal_id: linkId,
  person_id: linkId,
  org_id: linkId,
  project_id: linkId,
  task_id: linkId,
  add_time: dateTimeInput
    .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'year out of range')
    .optional(),
  pinned_to_lead_flag: pinFlag,
  pinned_to_deal_flag: pinFlag,
  pinned_to_organization_flag: pinFlag,
  pinned_to_person_flag: pinFlag,
  pinned_to_project_flag: pinFlag,
  pinned_to_task_flag: pinFlag,
};

/** AddNoteRequest: the client's type allows extra keys; unknown keys are ignored. */
export const AddNoteBody = z.object({ content, ...noteShape });
export const UpdateNoteBody = z.object({ content: content.optional(), ...noteShape });
export type AddNoteInput = z.output<typeof AddNoteBody>;
export type UpdateNoteInput = z.output<typeof UpdateNoteBody>;

export const CommentBody = z.object({ content });
export type CommentInput = z.output<typeof CommentBody>;
