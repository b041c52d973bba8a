import { and, asc, eq, max } from 'drizzle-orm';
import { diffFields, recordEvent, recordEvents } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { requireAdmin } from '../users/permissions.ts';
import type { UserLocale } from '../users/service.ts';
import { type ActivityTypeRow, presentActivityType } from './present.ts';
import type { AddActivityTypeInput, UpdateActivityTypeInput } from './schema.ts';
import { activityTypes } from './tables.ts';

/** Pipedrive's activity types of a new company (behaviour §6.1); the key stays, the name is worded. */
export const DEFAULT_ACTIVITY_TYPES = [
  { keyString: 'call', name: { en_US: 'Call', sv_SE: 'Samtal' } },
  { keyString: 'meeting', name: { en_US: 'Meeting', sv_SE: 'Möte' } },
  { keyString: 'task', name: { en_US: 'Task', sv_SE: 'Uppgift' } },
  { keyString: 'deadline', name: { en_US: 'Deadline', sv_SE: 'Deadline' } },
  { keyString: 'email', name: { en_US: 'Email', sv_SE: 'E-post' } },
  { keyString: 'lunch', name: { en_US: 'Lunch', sv_SE: 'Lunch' } },
] as const satisfies readonly { keyString: string; name: Record<UserLocale, string> }[];

/** The type an activity gets when the request names none. */
export const DEFAULT_ACTIVITY_TYPE = 'call';

const TRACKED = ['name', 'icon_key', 'color', 'order_nr', 'active_flag'] as const;

/**
 * Gives the company the default activity types. Idempotent (unique key per company): companies made
 * before activity types existed get them lazily from `ensureActivityTypes`.
 */
export async function createDefaultActivityTypes(
  ctx: Ctx,
  locale: UserLocale = 'en_US',
): Promise<ActivityTypeRow[]> {
  return inTx(ctx, async (ctx) => {
    const rows = await ctx.db
      .insert(activityTypes)
      .values(
        DEFAULT_ACTIVITY_TYPES.map((t, i) => ({
          companyId: ctx.companyId,
          name: t.name[locale],
          keyString: t.keyString,
          iconKey: t.keyString,
          orderNr: i + 1,
          isCustomFlag: false,
        })),
      )
      .onConflictDoNothing({ target: [activityTypes.companyId, activityTypes.keyString] })
      .returning();
    await recordEvents(
      ctx,
      rows.map((r) => ({ itemType: 'activity_type', itemId: r.id, action: 'create' as const })),
    );
    return rows;
  });
}

async function hasActivityTypes(ctx: Ctx): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: activityTypes.id })
    .from(activityTypes)
    .where(eq(activityTypes.companyId, ctx.companyId))
    .limit(1);
  return rows.length > 0;
}

/** Creates the defaults for a company that has no activity types at all (not even inactive ones). */
export async function ensureActivityTypes(ctx: Ctx): Promise<void> {
  if (!(await hasActivityTypes(ctx))) await createDefaultActivityTypes(ctx);
}

/** Every activity type of the company, active or not, in order. */
export async function listActivityTypes(ctx: Ctx): Promise<ActivityTypeRow[]> {
  await ensureActivityTypes(ctx);
  return ctx.db
    .select()
    .from(activityTypes)
    .where(eq(activityTypes.companyId, ctx.companyId))
    .orderBy(asc(activityTypes.orderNr), asc(activityTypes.id));
}

async function findActiveType(ctx: Ctx, keyString: string): Promise<ActivityTypeRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.companyId, ctx.companyId),
        eq(activityTypes.keyString, keyString),
        eq(activityTypes.activeFlag, true),
      ),
    );
  return row;
}

/** The active activity type with this key_string; anything else is a 400 that names `type`. */
export async function requireActiveType(ctx: Ctx, keyString: string): Promise<ActivityTypeRow> {
  let row = await findActiveType(ctx, keyString);
  if (!row && !(await hasActivityTypes(ctx))) {
    await createDefaultActivityTypes(ctx);
    row = await findActiveType(ctx, keyString);
  }
  if (!row) throw invalid('type', `unknown activity type "${keyString.slice(0, 50)}"`);
  return row;
}

async function getActiveTypeById(ctx: Ctx, id: number): Promise<ActivityTypeRow> {
  const [row] = await ctx.db
    .select()
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.companyId, ctx.companyId),
        eq(activityTypes.id, id),
        eq(activityTypes.activeFlag, true),
      ),
    );
  if (!row) throw notFound('Activity type');
  return row;
}

/** key_string from a name: lower case, runs of anything but a-z and 0-9 become one '_'. */
export function keyStringOf(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    // runs are one '_' by now: at most one at each end
    .replace(/^_/, '')
    .replace(/_$/, '')
    .slice(0, 60);
  return key || 'custom';
}

export async function addActivityType(ctx: Ctx, input: AddActivityTypeInput): Promise<ActivityTypeRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'activity types');
    await ensureActivityTypes(ctx);
    const [m] = await ctx.db
      .select({ m: max(activityTypes.orderNr) })
      .from(activityTypes)
      .where(eq(activityTypes.companyId, ctx.companyId));
    const orderNr = (m?.m ?? 0) + 1;
    const existing = await ctx.db
      .select({ key: activityTypes.keyString })
      .from(activityTypes)
      .where(eq(activityTypes.companyId, ctx.companyId));
    const taken = new Set(existing.map((r) => r.key));
    const base = keyStringOf(input.name);
    let n = 1;
    // A key taken meanwhile by a concurrent request is skipped by ON CONFLICT and the next suffix tried.
    for (let attempt = 0; attempt < 50; attempt++) {
      let key = base;
      while (taken.has(key)) key = `${base}_${++n}`;
      const [row] = await ctx.db
        .insert(activityTypes)
        .values({
          companyId: ctx.companyId,
          name: input.name,
          keyString: key,
          iconKey: input.icon_key,
          color: input.color ?? null,
          orderNr,
          isCustomFlag: true,
        })
        .onConflictDoNothing({ target: [activityTypes.companyId, activityTypes.keyString] })
        .returning();
      if (row) {
        const after = presentActivityType(row);
        await recordEvent(ctx, {
          itemType: 'activity_type',
          itemId: row.id,
          action: 'create',
          changes: TRACKED.filter((k) => after[k] !== null).map((k) => ({
            field_key: k,
            old_value: null,
            new_value: after[k],
          })),
        });
        return row;
      }
      taken.add(key);
    }
    throw new AppError('conflict', 'Could not choose a key_string for the activity type; try another name');
  });
}

export async function updateActivityType(
  ctx: Ctx,
  id: number,
  input: UpdateActivityTypeInput,
): Promise<ActivityTypeRow> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'activity types');
    const before = await getActiveTypeById(ctx, id);
    const [row] = await ctx.db
      .update(activityTypes)
      .set({
        name: input.name ?? before.name,
        iconKey: input.icon_key ?? before.iconKey,
        color: input.color === undefined ? before.color : input.color,
        orderNr: input.order_nr ?? before.orderNr,
        updateTime: new Date(),
      })
      .where(and(eq(activityTypes.companyId, ctx.companyId), eq(activityTypes.id, id)))
      .returning();
    if (!row) throw notFound('Activity type');
    await recordEvent(ctx, {
      itemType: 'activity_type',
      itemId: id,
      action: 'change',
      changes: diffFields(presentActivityType(before), presentActivityType(row), TRACKED),
    });
    return row;
  });
}

/** Deactivates the type (active_flag false): activities of that type keep it. */
export async function deleteActivityType(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    requireAdmin(ctx, 'activity types');
    const before = await getActiveTypeById(ctx, id);
    const [row] = await ctx.db
      .update(activityTypes)
      .set({ activeFlag: false, updateTime: new Date() })
      .where(and(eq(activityTypes.companyId, ctx.companyId), eq(activityTypes.id, id)))
      .returning();
    if (!row) throw notFound('Activity type');
    await recordEvent(ctx, {
      itemType: 'activity_type',
      itemId: id,
      action: 'delete',
      changes: diffFields(presentActivityType(before), presentActivityType(row), TRACKED),
    });
  });
}
