import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError } from '../errors.ts';
import { getLead } from '../leads/service.ts';
import { resolveStage } from '../pipelines/service.ts';
import { markConversionFailed, startConversion } from './conversions.ts';
import { convertLeadChunk } from './lead-chunk.ts';
import { REASONS, reasonOf } from './reasons.ts';

export interface ConvertLeadInput {
  stage_id?: number | null | undefined;
  pipeline_id?: number | null | undefined;
  /** Pipewright extension (after the duplicate review): the deal's person instead of the lead's */
  person_id?: number | undefined;
  /** Pipewright extension: the deal's organization instead of the lead's */
  org_id?: number | undefined;
}

/**
 * Lead → deal (spec §5, behaviour §2.2–2.3). Checks what the request can get wrong first (404 for a
 * deleted, foreign or invisible lead, 403 for an archived one, 404 naming stage_id, pipeline_id,
 * person_id or org_id), so a refusal writes nothing. Then writes the conversion as running, and runs
 * the conversion in one transaction (see convertLeadChunk). A failure rolls that back entirely and
 * marks the conversion failed with its reason; a lead converted meanwhile marks it rejected. Returns
 * the conversion id: the work is done when this returns, and the status endpoint tells how it ended.
 */
export async function convertLeadToDeal(ctx: Ctx, leadId: string, input: ConvertLeadInput): Promise<string> {
  const lead = await getLead(ctx, leadId);
  if (lead.isArchived) throw new AppError('forbidden', REASONS.leadArchived);
  // The stage wins and implies its pipeline; a pipeline_id given with it is ignored (spec §5).
  const stage = await resolveStage(ctx, {
    stage_id: input.stage_id,
    pipeline_id: input.stage_id == null ? input.pipeline_id : undefined,
  });
  if (input.person_id !== undefined) await assertPersonExists(ctx, input.person_id, 'person_id');
  if (input.org_id !== undefined) await assertOrganizationExists(ctx, input.org_id, 'org_id');

  const conversionId = await inTx(ctx, (tx) =>
    startConversion(tx, { direction: 'lead_to_deal', leadId: lead.id }),
  );
  try {
    await convertLeadChunk(
      ctx,
      [{ leadId: lead.id, conversionId, personId: input.person_id, orgId: input.org_id }],
      { stage },
    );
  } catch (err) {
    await inTx(ctx, (tx) => markConversionFailed(tx, conversionId, reasonOf(err)));
  }
  return conversionId;
}
