import { z } from 'zod';
import { entityId, name255 } from '../../http/fields.ts';
import { qId, sortDirection, v2Paging } from '../../http/query.ts';

export const Pipeline = z
  .object({
    id: z.number().int(),
    name: z.string(),
    order_nr: z.number().int(),
    is_deleted: z.boolean(),
    is_deal_probability_enabled: z.boolean(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'Pipeline' });

export const Stage = z
  .object({
    id: z.number().int(),
    order_nr: z.number().int(),
    name: z.string(),
    is_deleted: z.boolean(),
    deal_probability: z.number().int(),
    pipeline_id: z.number().int(),
    is_deal_rot_enabled: z.boolean(),
    days_to_rotten: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'Stage' });

export const ListPipelinesQuery = z.object({
  sort_by: z.enum(['id', 'update_time', 'add_time']).optional(),
  sort_direction: sortDirection,
  ...v2Paging,
});

export const AddPipelineBody = z.object({
  name: name255,
  is_deal_probability_enabled: z.boolean().optional(),
  order_nr: z.number().int().min(0).optional(),
});
export const UpdatePipelineBody = AddPipelineBody.partial();

export const ListStagesQuery = z.object({
  pipeline_id: qId.optional(),
  sort_by: z.enum(['id', 'update_time', 'add_time', 'order_nr']).optional(),
  sort_direction: sortDirection,
  ...v2Paging,
});

const probability = z.number().int('expected an integer').min(0).max(100);

export const AddStageBody = z.object({
  name: name255,
  pipeline_id: entityId,
  order_nr: z.number().int().min(0).optional(),
  deal_probability: probability.optional(),
  is_deal_rot_enabled: z.boolean().optional(),
  days_to_rotten: z.number().int().min(1).max(10_000).nullable().optional(),
});
export const UpdateStageBody = AddStageBody.partial();
