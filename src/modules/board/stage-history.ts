import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rfc3339 } from '../../http/formats.ts';
import { auditEvents, type FieldChange } from '../audit/tables.ts';
import type { Ctx } from '../context.ts';
import { getDeal } from '../deals/service.ts';

const DAY_MS = 24 * 3600 * 1000;

interface Visit {
  stageId: number;
  entered: Date;
  left: Date | null;
}

function stageIdOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The stages a deal went through and how long it stayed in each, from its audit events ('create' and
 * 'change' events that carry a stage_id change; index audit_events_item_idx). A deal whose history
 * starts with a change entered the first stage when it was added; a deal without any starts where it
 * is. The last visit is open (left null); its days count to now, or to the close time of a won or lost
 * deal. Days are whole days.
 */
export async function stageHistory(ctx: Ctx, dealId: number) {
  const deal = await getDeal(ctx, dealId);
  const events = await ctx.db
    .select({ time: auditEvents.time, action: auditEvents.action, changes: auditEvents.changes })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, ctx.companyId),
        eq(auditEvents.itemType, 'deal'),
        eq(auditEvents.itemId, String(dealId)),
        inArray(auditEvents.action, ['create', 'change']),
        sql`${auditEvents.changes} @> '[{"field_key":"stage_id"}]'::jsonb`,
      ),
    )
    .orderBy(asc(auditEvents.id));

  const visits: Visit[] = [];
  for (const e of events) {
    const change = (Array.isArray(e.changes) ? e.changes : []).find(
      (c: FieldChange) => c?.field_key === 'stage_id',
    );
    if (!change) continue;
    const from = stageIdOf(change.old_value);
    const to = stageIdOf(change.new_value);
    const last = visits[visits.length - 1];
    if (!last && e.action !== 'create' && from !== null) {
      visits.push({ stageId: from, entered: deal.addTime, left: e.time });
    } else if (last) {
      last.left = e.time;
    }
    if (to !== null) visits.push({ stageId: to, entered: e.time, left: null });
  }
  const last = visits[visits.length - 1];
  if (!last || last.stageId !== deal.stageId) {
    if (last) last.left ??= deal.stageChangeTime ?? new Date();
    visits.push({ stageId: deal.stageId, entered: deal.stageChangeTime ?? deal.addTime, left: null });
  }

  const end = deal.status !== 'open' && deal.closeTime ? deal.closeTime : new Date();
  return visits.map((v) => {
    const until = v.left ?? end;
    return {
      stage_id: v.stageId,
      entered: rfc3339(v.entered) as string,
      left: rfc3339(v.left),
      days: Math.max(0, Math.floor((until.getTime() - v.entered.getTime()) / DAY_MS)),
    };
  });
}
