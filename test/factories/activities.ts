import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityRow } from '../../src/modules/activities/present.ts';
import { AddActivityBody } from '../../src/modules/activities/schema.ts';
import { addActivity } from '../../src/modules/activities/service.ts';
import { activities } from '../../src/modules/activities/tables.ts';
import type { Maker } from './tenant.ts';

/** The body of POST /api/v2/activities. */
export type ActivityOverrides = Partial<z.input<typeof AddActivityBody>>;

/** An activity written by `addActivity` (which refreshes its deal's and lead's next/last activity). */
export async function makeActivity(t: Maker, o: ActivityOverrides = {}): Promise<ActivityRow> {
  return addActivity(t.ctx, AddActivityBody.parse({ subject: 'Call', ...o }));
}

/** These activities' rows as stored, by id. */
export async function activityRows(t: Maker, ids: number[]): Promise<ActivityRow[]> {
  const rows = await t.db.select().from(activities).where(eq(activities.companyId, t.ctx.companyId));
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.id - b.id);
}
