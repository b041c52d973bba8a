import type { Ctx } from '../context.ts';
import { customFieldDefs } from '../fields/defs.ts';
import { presentV2 } from '../fields/present-values.ts';
import { customValueFilter } from '../fields/value-filter.ts';
import { setLeadsArchived } from '../leads/bulk.ts';
import { softDeleteLeads } from '../leads/soft-delete-many.ts';
import { getUser } from '../users/service.ts';
import { inboxCount, inboxRows } from './list.ts';
import { clockFor, presentInboxRow } from './present.ts';
import type { BulkInput, InboxListInput } from './schema.ts';

export { restoreLead } from '../leads/bulk.ts';
export { listDeletedLeads } from './deleted.ts';

/** A page of inbox rows, presented, with the total count when asked for. */
export async function listInbox(ctx: Ctx, q: InboxListInput) {
  const keys = q.custom_fields ?? [];
  const defs = keys.length > 0 ? await customFieldDefs(ctx, 'deal') : [];
  q = { ...q, custom_contains: await customValueFilter(ctx, 'deal', q) };
  const me = await getUser(ctx, ctx.user.id);
  const clock = clockFor(me.timezoneName);
  const { rows, more, page } = await inboxRows(ctx, q);
  let total: number | undefined;
  if (q.include_total) {
    const first = rows[0];
    total = first ? Number(first.total) : page.start === 0 ? 0 : await inboxCount(ctx, q);
  }
  const custom = (r: (typeof rows)[number]) =>
    keys.length > 0 ? presentV2(defs, r.customFields, { keys }) : {};
  return {
    rows: rows.map((r) => ({ ...presentInboxRow(r, clock), custom_fields: custom(r) })),
    more,
    page,
    total,
  };
}

export interface BulkRowResult {
  lead_id: string;
  ok: boolean;
  error?: string;
}

const NOT_FOUND = 'Lead not found';

/**
 * Archive, unarchive or delete many leads in one transaction, set-based: one result per distinct id,
 * in the order given. A lead the caller cannot see (or that is deleted) is refused as not found.
 */
export async function bulkLeadAction(ctx: Ctx, input: BulkInput): Promise<BulkRowResult[]> {
  const ids = [...new Set(input.lead_ids.map((id) => id.toLowerCase()))];
  let done: Set<string>;
  if (input.action === 'delete') {
    done = new Set(await softDeleteLeads(ctx, ids, { isBulk: true }));
  } else {
    const outcome = await setLeadsArchived(ctx, ids, input.action === 'archive');
    done = new Set([...outcome.changed, ...outcome.unchanged]);
  }
  return ids.map((id) =>
    done.has(id) ? { lead_id: id, ok: true } : { lead_id: id, ok: false, error: NOT_FOUND },
  );
}
