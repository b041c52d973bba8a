import { z } from 'zod';
import { entityId } from '../../http/fields.ts';
import { qId } from '../../http/query.ts';
import { BULK_MAX } from './bulk.ts';

/** Path ids: any string up to this length; one that is not a UUID is simply not found (404). */
const pathUuid = z.string().min(1).max(100);

export const LeadPath = z.object({ id: pathUuid });
export const LeadStatusPath = z.object({ id: pathUuid, conversion_id: pathUuid });
export const DealStatusPath = z.object({ id: qId, conversion_id: pathUuid });

/** v2 ConvertLeadToDealRequest, plus person_id/org_id chosen after the duplicate review. */
export const ConvertLeadBody = z
  .object({
    stage_id: entityId.nullable().optional(),
    pipeline_id: entityId.nullable().optional(),
    person_id: entityId.optional(),
    org_id: entityId.optional(),
  })
  .meta({ id: 'ConvertLeadToDealRequest' });

export const ConversionStarted = z
  .object({
    success: z.literal(true),
    data: z.object({ conversion_id: z.uuid() }),
    additional_data: z.null(),
  })
  .meta({ id: 'ConversionStarted' });

export const CONVERSION_STATUSES = ['not_started', 'running', 'completed', 'failed', 'rejected'] as const;

export const ConversionStatus = z
  .object({
    success: z.literal(true),
    data: z.object({
      conversion_id: z.uuid(),
      status: z.enum(CONVERSION_STATUSES),
      deal_id: z.number().int().optional(),
      lead_id: z.uuid().optional(),
      /** Pipewright extension: why a conversion failed or was rejected */
      error: z.string().optional(),
    }),
    additional_data: z.null(),
  })
  .meta({ id: 'ConversionStatus' });

export const BulkConvertBody = z.object({
  lead_ids: z
    .array(z.uuid('expected a lead UUID'))
    .min(1, 'at least one lead id')
    .max(BULK_MAX, `at most ${BULK_MAX} lead ids`),
  stage_id: entityId.nullable().optional(),
  pipeline_id: entityId.nullable().optional(),
});

export const BulkQueued = z.object({
  success: z.literal(true),
  data: z.object({ job_id: z.number().int(), status: z.enum(['queued', 'running', 'completed', 'failed']) }),
});
