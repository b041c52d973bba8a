import { and, asc, sql } from 'drizzle-orm';
import { type Ctx, inTx } from '../context.ts';
import { insertDealsFromLeads } from '../deals/from-leads.ts';
import { softDeleteLeads } from '../leads/soft-delete-many.ts';
import { leads } from '../leads/tables.ts';
import type { StageRow } from '../pipelines/service.ts';
import { scoped, visibleRows } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import {
  alreadyConverted,
  type ConversionOutcome,
  type FinalStatus,
  saveConversions,
} from './conversions.ts';
import { moveLinks } from './move-links.ts';
import { REASONS } from './reasons.ts';

/** One lead of a conversion chunk, with its conversion id (new in bulk, running for one lead). */
export interface LeadToConvert {
  leadId: string;
  conversionId: string;
  personId?: number | undefined;
  orgId?: number | undefined;
}

/** A lead's outcome: the shape of a bulk job's result entries. */
export interface LeadConversionResult {
  lead_id: string;
  status: FinalStatus;
  deal_id: number | null;
  conversion_id: string;
  error: string | null;
}

export interface ChunkOptions {
  stage: Pick<StageRow, 'id' | 'pipelineId'>;
  jobId?: number | null;
  isBulk?: boolean;
}

/** Locks the leads (in id order, so that overlapping chunks never deadlock) and reads their state. */
async function lockLeads(ctx: Ctx, ids: string[]) {
  const visible = visibleRows(ctx, leads);
  return (
    ctx.db
      .select({
        id: leads.id,
        isDeleted: leads.isDeleted,
        isArchived: leads.isArchived,
        visible: sql<boolean>`${visible}`.as('visible'),
      })
      .from(leads)
      // every named lead is locked and answered for (deleted: a reason; hidden: not found)
      .where(
        and(
          scoped(ctx, leads, { deleted: 'too', visibility: 'any' }),
          sql`${leads.id} = ANY(${sql.param(ids)}::uuid[])`,
        ),
      )
      .orderBy(asc(leads.id))
      .for('update')
  );
}

/**
 * Converts a chunk of leads into deals, all or nothing, in ONE transaction and a fixed number of
 * statements whatever the chunk size: lock the leads; refuse the deleted, archived, invisible and
 * unknown ones (reported, not fatal); one INSERT … SELECT for the deals (taking their activity pointers
 * from the leads' activities); one UPDATE per table of the references registry to move notes,
 * activities… to the deals; one UPDATE soft-deleting the leads (with their 'convert' events); one
 * INSERT for the conversion rows.
 * A lead already deleted by a concurrent conversion is seen after that one commits (the row lock
 * makes the waiter re-read it), so a lead never makes two deals.
 */
export async function convertLeadChunk(
  ctx: Ctx,
  items: LeadToConvert[],
  opts: ChunkOptions,
): Promise<LeadConversionResult[]> {
  return inTx(ctx, async (tx) => {
    const ids = items.map((i) => i.leadId.toLowerCase());
    const locked = new Map((await lockLeads(tx, ids)).map((r) => [r.id, r]));
    const deleted = [...locked.values()].filter((r) => r.isDeleted && r.visible).map((r) => r.id);
    const converted = await alreadyConverted(tx, { direction: 'lead_to_deal', leadIds: deleted });

    const refusal = (id: string): string | null => {
      const row = locked.get(id);
      if (!row?.visible) return REASONS.leadNotFound;
      if (row.isDeleted) return converted.has(id) ? REASONS.leadConverted : REASONS.leadNotFound;
      if (row.isArchived) return REASONS.leadArchived;
      return null;
    };
    const eligible = items.filter((i) => refusal(i.leadId.toLowerCase()) === null);

    const created = await insertDealsFromLeads(tx, {
      items: eligible.map((i) => ({ leadId: i.leadId.toLowerCase(), personId: i.personId, orgId: i.orgId })),
      stage: opts.stage,
      defaultCurrency: eligible.length > 0 ? (await getCompany(tx)).defaultCurrency : 'USD',
      isBulk: opts.isBulk ?? false,
    });
    const pairs = [...created.entries()].map(([leadId, deal]) => ({ leadId, dealId: deal.id }));
    await moveLinks(tx, 'lead_to_deal', pairs);
    const removed = await softDeleteLeads(
      tx,
      pairs.map((p) => p.leadId),
      {
        action: 'convert',
        isBulk: opts.isBulk ?? false,
        dealOf: new Map(pairs.map((p) => [p.leadId, p.dealId])),
      },
    );
    // Locked and checked above, so this cannot differ; if it ever does, nothing is kept.
    if (removed.length !== pairs.length) throw new Error('the leads changed during their conversion');

    const results: LeadConversionResult[] = items.map((i) => {
      const id = i.leadId.toLowerCase();
      const deal = created.get(id);
      const error = deal ? null : (refusal(id) ?? REASONS.leadNotFound);
      return {
        lead_id: i.leadId,
        status: deal ? 'completed' : 'rejected',
        deal_id: deal?.id ?? null,
        conversion_id: i.conversionId,
        error,
      };
    });
    await saveConversions(
      tx,
      results.map((r) => outcomeOf(r, opts.jobId)),
    );
    return results;
  });
}

/** The conversion row of a lead's result. */
export function outcomeOf(r: LeadConversionResult, jobId?: number | null): ConversionOutcome {
  return {
    id: r.conversion_id,
    direction: 'lead_to_deal',
    status: r.status,
    leadId: r.lead_id,
    dealId: r.deal_id,
    error: r.error,
    jobId: jobId ?? null,
  };
}
