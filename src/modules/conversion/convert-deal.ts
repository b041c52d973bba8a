import { num } from '../../http/formats.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { type DealRow, deleteDeal, getDeal } from '../deals/service.ts';
import { AppError, invalid } from '../errors.ts';
import { customFieldDefs } from '../fields/defs.ts';
import { addLead } from '../leads/service.ts';
import { alreadyConverted, markConversionFailed, saveConversions, startConversion } from './conversions.ts';
import { moveLinks } from './move-links.ts';
import { REASONS, reasonOf } from './reasons.ts';

/** Refusals of a deal the request names: 404 unknown/invisible, 403 archived, 400 without contacts. */
function assertConvertible(deal: DealRow): void {
  if (deal.isArchived) throw new AppError('forbidden', REASONS.dealArchived);
  if (deal.personId === null && deal.orgId === null) {
    throw invalid('person_id', 'a lead needs a person or an organization; set one on the deal first');
  }
}

/** A deal's values as a lead keeps them: the same stored form, without formula fields (deals only). */
async function leadValuesOf(ctx: TxCtx, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  let any = false;
  for (const _ in values) any = true;
  if (!any) return {};
  const formulas = (await customFieldDefs(ctx, 'deal')).filter((d) => d.formula !== null).map((d) => d.key);
  const out = { ...values };
  for (const key of formulas) delete out[key];
  return out;
}

/**
 * The conversion itself, in the caller's transaction: lock the deal (a concurrent conversion that
 * committed first makes it not found here: rejected), create the lead through the leads module
 * (source "Deal", origin = the deal's, source_deal_id), move what the references registry lists to
 * the lead, refresh the activity pointers, soft-delete the deal (products, participants, invoices
 * and its changelog stay with it), record the 'convert' event and the outcome.
 */
async function dealToLead(ctx: TxCtx, dealId: number, conversionId: string): Promise<void> {
  const reject = async (error: string) =>
    saveConversions(ctx, [
      { id: conversionId, direction: 'deal_to_lead', status: 'rejected', leadId: null, dealId, error },
    ]);
  let deal: DealRow;
  try {
    deal = await getDeal(ctx, dealId, { forUpdate: true });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    const done = await alreadyConverted(ctx, { direction: 'deal_to_lead', dealIds: [dealId] });
    return reject(done.size > 0 ? REASONS.dealConverted : REASONS.dealNotFound);
  }
  if (deal.isArchived) return reject(REASONS.dealArchived);
  const lead = await addLead(
    ctx,
    {
      title: deal.title,
      owner_id: deal.ownerId,
      person_id: deal.personId,
      organization_id: deal.orgId,
      value: { amount: num(deal.value) ?? 0, currency: deal.currency },
      expected_close_date: deal.expectedCloseDate,
      visible_to: deal.visibleTo as 1 | 3 | 5 | 7,
      was_seen: false,
      origin_id: deal.originId,
      channel: deal.channel,
      channel_id: deal.channelId,
      stored_custom_fields: await leadValuesOf(ctx, deal.customFields),
    },
    { sourceName: 'Deal', origin: deal.origin, sourceDealId: deal.id },
  );
  await moveLinks(ctx, 'deal_to_lead', [{ leadId: lead.id, dealId }]);
  await deleteDeal(ctx, dealId);
  await recordEvent(ctx, {
    itemType: 'deal',
    itemId: dealId,
    action: 'convert',
    changes: [{ field_key: 'lead_id', old_value: null, new_value: lead.id }],
  });
  await saveConversions(ctx, [
    {
      id: conversionId,
      direction: 'deal_to_lead',
      status: 'completed',
      leadId: lead.id,
      dealId,
      error: null,
    },
  ]);
}

/**
 * Deal → lead (spec §5, behaviour §2.4). Any status converts (open, won or lost: Pipedrive's UI
 * offers it on every deal); archived deals are refused, as they refuse every change over the API.
 * Same rules as lead → deal: refusals before anything is written, the status row first, the work in
 * one transaction, a failure marked failed with its reason, exactly one lead per deal.
 */
export async function convertDealToLead(ctx: Ctx, dealId: number): Promise<string> {
  assertConvertible(await getDeal(ctx, dealId));
  const conversionId = await inTx(ctx, (tx) => startConversion(tx, { direction: 'deal_to_lead', dealId }));
  try {
    await inTx(ctx, (tx) => dealToLead(tx, dealId, conversionId));
  } catch (err) {
    await inTx(ctx, (tx) => markConversionFailed(tx, conversionId, reasonOf(err)));
  }
  return conversionId;
}
