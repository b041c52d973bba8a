import { sql } from 'drizzle-orm';
import { refreshNextActivity } from '../activities/next-activity.ts';
import type { Ctx } from '../context.ts';
import { leadDealLinks } from '../references.ts';

export interface LeadDealPair {
  leadId: string;
  dealId: number;
}

/**
 * Moves everything that hangs on a lead to its deal (or back), walking the references registry:
 * one set-based UPDATE … FROM unnest(mapping) per linked table, whatever the number of pairs.
 * Activities that move take the next/last activity pointers with them: a lead made from a deal gets
 * its pointers here. Deals made from leads were inserted with their leads' pointers already
 * (pointersFromLeadActivities), and those leads are deleted in the same transaction: nothing is left
 * to refresh in that direction.
 */
export async function moveLinks(
  ctx: Ctx,
  direction: 'lead_to_deal' | 'deal_to_lead',
  pairs: readonly LeadDealPair[],
): Promise<void> {
  if (pairs.length === 0) return;
  const leadIds = pairs.map((p) => p.leadId);
  const dealIds = pairs.map((p) => p.dealId);
  const now = new Date().toISOString();
  for (const link of leadDealLinks) {
    const lead = sql.identifier(link.lead.name);
    const deal = sql.identifier(link.deal.name);
    const updated = sql.identifier(link.updateTime.name);
    // The ANY(…) repeats the join key as a list so that the planner looks the rows up by the link's
    // index whatever the size of the table (joined on the mapping alone, it scanned the company's
    // whole table for every chunk).
    let [set, match] =
      direction === 'lead_to_deal'
        ? [
            sql`${deal} = m.deal_id, ${lead} = NULL`,
            sql`${link.lead} = m.lead_id AND ${link.lead} = ANY(${sql.param(leadIds)}::uuid[])`,
          ]
        : [
            sql`${lead} = m.lead_id, ${deal} = NULL`,
            sql`${link.deal} = m.deal_id AND ${link.deal} = ANY(${sql.param(dealIds)}::bigint[])`,
          ];
    if (link.pins) {
      const [from, to] =
        direction === 'lead_to_deal' ? [link.pins.lead, link.pins.deal] : [link.pins.deal, link.pins.lead];
      set = sql`${set}, ${sql.identifier(to.name)} = ${from}, ${sql.identifier(from.name)} = false`;
    }
    await ctx.db.execute(sql`
      UPDATE ${link.table} SET ${set}, ${updated} = ${now}::timestamptz
      FROM unnest(${sql.param(leadIds)}::uuid[], ${sql.param(dealIds)}::bigint[]) AS m(lead_id, deal_id)
      WHERE ${link.companyId} = ${ctx.companyId} AND ${match}`);
  }
  if (direction === 'deal_to_lead') await refreshNextActivity(ctx, { leadIds, dealIds });
}
