import { and, eq } from 'drizzle-orm';
import { diffFields, recordEvent } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { type Ctx, inTx } from '../context.ts';
import { findDealRef } from '../deals/refs.ts';
import { AppError, notFound } from '../errors.ts';
import { findLeadRef } from '../leads/refs.ts';
import { sanitizeRichText } from '../notes/sanitize.ts';
import { assertProjectExists } from '../projects/refs.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { activityVisibleToCaller } from './list.ts';
import { refreshNextActivity } from './next-activity.ts';
import { type ActivityRow, type PresentedActivity, presentActivity } from './present.ts';
import { type ActivityInput, LOCATION_KEYS } from './schema.ts';
import type { ActivityAttendee, ActivityParticipant } from './tables.ts';
import { activities } from './tables.ts';
import { DEFAULT_ACTIVITY_TYPE, requireActiveType } from './types.ts';

/** Fields written to the changelog. */
const TRACKED = [
  'subject',
  'type',
  'owner_id',
  'deal_id',
  'lead_id',
  'person_id',
  'org_id',
  'project_id',
  'due_date',
  'due_time',
  'duration',
  'busy',
  'done',
  'marked_as_done_time',
  'location',
  'participants',
  'attendees',
  'public_description',
  'priority',
  'outcome',
  'note',
  'is_deleted',
] as const;

function changesOf(before: PresentedActivity | null, after: PresentedActivity): FieldChange[] {
  if (before) return diffFields(before, after, TRACKED);
  // A new activity's changes are the fields it was created with.
  return TRACKED.filter((k) => {
    const v = after[k];
    return v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
  }).map((k) => ({ field_key: k, old_value: null, new_value: after[k] }));
}

export async function getActivity(ctx: Ctx, id: number): Promise<ActivityRow> {
  const [row] = await ctx.db
    .select()
    .from(activities)
    .where(and(scoped(ctx, activities), eq(activities.id, id), activityVisibleToCaller(ctx)));
  if (!row) throw notFound('Activity');
  return row;
}

/** HTML the web app shows: sanitised like notes before it is stored (undefined and null pass). */
const richText = <T extends string | null | undefined>(v: T): T =>
  (typeof v === 'string' ? sanitizeRichText(v) : v) as T;

function normalizeLocation(l: ActivityInput['location']): Record<string, string | null> | null {
  if (!l) return null;
  return Object.fromEntries(LOCATION_KEYS.map((k) => [k, l[k] ?? null]));
}

function normalizeParticipants(list: NonNullable<ActivityInput['participants']>): ActivityParticipant[] {
  const seen = new Set<number>();
  const out: ActivityParticipant[] = [];
  for (const p of list) {
    if (seen.has(p.person_id)) continue;
    seen.add(p.person_id);
    out.push({ person_id: p.person_id, primary: p.primary ?? false });
  }
  return out;
}

function normalizeAttendees(list: NonNullable<ActivityInput['attendees']>): ActivityAttendee[] {
  return list.map((a) => ({
    email: a.email ?? null,
    name: a.name ?? null,
    status: a.status ?? null,
    is_organizer: a.is_organizer ?? false,
    person_id: a.person_id ?? null,
    user_id: a.user_id ?? null,
  }));
}

/** Errors about a referenced record name the request field in their message too. */
async function namingFields<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.field && !e.message.includes(e.field)) {
      throw new AppError(e.code, `${e.message} (${e.field})`, e.field);
    }
    throw e;
  }
}

/** Checks every record the request points at; a missing one is a 404 that names the field. */
function checkReferences(ctx: Ctx, input: ActivityInput, before: ActivityRow | null): Promise<void> {
  return namingFields(() => checkReferencesOf(ctx, input, before));
}

async function checkReferencesOf(ctx: Ctx, input: ActivityInput, before: ActivityRow | null): Promise<void> {
  const changed = <K extends keyof ActivityInput>(key: K, current: unknown) =>
    input[key] !== undefined && input[key] !== null && input[key] !== current;
  if (input.type !== undefined && input.type !== before?.type) await requireActiveType(ctx, input.type);
  if (changed('owner_id', before?.ownerId))
    await assertUsersExist(ctx, [input.owner_id as number], 'owner_id');
  if (changed('deal_id', before?.dealId)) await findDealRef(ctx, input.deal_id as number, 'deal_id');
  if (changed('lead_id', before?.leadId)) await findLeadRef(ctx, input.lead_id as string, 'lead_id');
  if (changed('person_id', before?.personId))
    await assertPersonExists(ctx, input.person_id as number, 'person_id');
  if (changed('org_id', before?.orgId)) await assertOrganizationExists(ctx, input.org_id as number, 'org_id');
  if (input.project_id != null && input.project_id !== before?.projectId) {
    await assertProjectExists(ctx, input.project_id, 'project_id');
  }
  const known = new Set(before?.participants.map((p) => p.person_id));
  for (const p of input.participants ?? []) {
    if (!known.has(p.person_id)) await assertPersonExists(ctx, p.person_id, 'participants');
    known.add(p.person_id);
  }
  const attendeeUsers = (input.attendees ?? []).flatMap((a) => (a.user_id ? [a.user_id] : []));
  await assertUsersExist(ctx, attendeeUsers, 'attendees');
  const attendeePersons = new Set((input.attendees ?? []).flatMap((a) => (a.person_id ? [a.person_id] : [])));
  for (const id of attendeePersons) await assertPersonExists(ctx, id, 'attendees');
}

const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

export async function addActivity(ctx: Ctx, input: ActivityInput): Promise<ActivityRow> {
  return inTx(ctx, async (ctx) => {
    const typeKey = input.type ?? DEFAULT_ACTIVITY_TYPE;
    const type = await requireActiveType(ctx, typeKey);
    await checkReferences(ctx, { ...input, type: undefined }, null);
    let participants = input.participants ? normalizeParticipants(input.participants) : [];
    if (!input.participants && input.person_id != null) {
      participants = [{ person_id: input.person_id, primary: true }];
    }
    const done = input.done ?? false;
    const [row] = await ctx.db
      .insert(activities)
      .values({
        companyId: ctx.companyId,
        subject: input.subject ?? type.name,
        type: type.keyString,
        ownerId: input.owner_id ?? ctx.user.id,
        creatorUserId: ctx.user.id,
        dealId: input.deal_id ?? null,
        leadId: input.lead_id ?? null,
        personId: input.person_id ?? null,
        orgId: input.org_id ?? null,
        projectId: input.project_id ?? null,
        dueDate: input.due_date ?? null,
        dueTime: input.due_time ?? null,
        duration: input.duration ?? null,
        busy: input.busy ?? false,
        done,
        markedAsDoneTime: done ? new Date() : null,
        location: normalizeLocation(input.location),
        participants,
        attendees: input.attendees ? normalizeAttendees(input.attendees) : [],
        publicDescription: richText(input.public_description) ?? null,
        priority: input.priority ?? null,
        outcome: input.outcome ?? null,
        note: richText(input.note) ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal', 'activity not created');
    await refreshNextActivity(ctx, { leadIds: [row.leadId], dealIds: [row.dealId] });
    await recordEvent(ctx, {
      itemType: 'activity',
      itemId: row.id,
      action: 'create',
      changes: changesOf(null, presentActivity(row)),
    });
    return row;
  });
}

export async function updateActivity(ctx: Ctx, id: number, input: ActivityInput): Promise<ActivityRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getActivity(ctx, id);
    await checkReferences(ctx, input, before);
    const done = input.done ?? before.done;
    const markedAsDoneTime = !done ? null : before.done ? before.markedAsDoneTime : new Date();
    const [row] = await ctx.db
      .update(activities)
      .set({
        subject: input.subject ?? before.subject,
        type: input.type ?? before.type,
        ownerId: input.owner_id ?? before.ownerId,
        dealId: pick(input.deal_id, before.dealId),
        leadId: pick(input.lead_id, before.leadId),
        personId: pick(input.person_id, before.personId),
        orgId: pick(input.org_id, before.orgId),
        projectId: pick(input.project_id, before.projectId),
        dueDate: pick(input.due_date, before.dueDate),
        dueTime: pick(input.due_time, before.dueTime),
        duration: pick(input.duration, before.duration),
        busy: input.busy ?? before.busy,
        done,
        markedAsDoneTime,
        location: input.location === undefined ? before.location : normalizeLocation(input.location),
        participants: input.participants ? normalizeParticipants(input.participants) : before.participants,
        attendees: input.attendees ? normalizeAttendees(input.attendees) : before.attendees,
        publicDescription: pick(richText(input.public_description), before.publicDescription),
        priority: pick(input.priority, before.priority),
        outcome: pick(input.outcome, before.outcome),
        note: pick(richText(input.note), before.note),
        updateTime: new Date(),
      })
      .where(and(eq(activities.companyId, ctx.companyId), eq(activities.id, id)))
      .returning();
    if (!row) throw notFound('Activity');
    await refreshNextActivity(ctx, {
      leadIds: [before.leadId, row.leadId],
      dealIds: [before.dealId, row.dealId],
    });
    await recordEvent(ctx, {
      itemType: 'activity',
      itemId: id,
      action: 'change',
      changes: changesOf(presentActivity(before), presentActivity(row)),
    });
    return row;
  });
}

/** Soft delete: the activity answers 404 from now on and leaves its lead's and deal's pointers. */
export async function deleteActivity(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const before = await getActivity(ctx, id);
    const now = new Date();
    const [row] = await ctx.db
      .update(activities)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(eq(activities.companyId, ctx.companyId), eq(activities.id, id)))
      .returning();
    if (!row) throw notFound('Activity');
    await refreshNextActivity(ctx, { leadIds: [row.leadId], dealIds: [row.dealId] });
    await recordEvent(ctx, {
      itemType: 'activity',
      itemId: id,
      action: 'delete',
      changes: changesOf(presentActivity(before), presentActivity(row)),
    });
  });
}
