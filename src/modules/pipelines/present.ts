import { rfc3339 } from '../../http/formats.ts';
import type { PipelineRow, StageRow } from './service.ts';

export function presentPipeline(p: PipelineRow) {
  return {
    id: p.id,
    name: p.name,
    order_nr: p.orderNr,
    is_deleted: p.isDeleted,
    is_deal_probability_enabled: p.isDealProbabilityEnabled,
    add_time: rfc3339(p.addTime) as string,
    update_time: rfc3339(p.updateTime) as string,
  };
}

export function presentStage(s: StageRow) {
  return {
    id: s.id,
    order_nr: s.orderNr,
    name: s.name,
    is_deleted: s.isDeleted,
    deal_probability: s.dealProbability,
    pipeline_id: s.pipelineId,
    is_deal_rot_enabled: s.isDealRotEnabled,
    days_to_rotten: s.daysToRotten,
    add_time: rfc3339(s.addTime) as string,
    update_time: rfc3339(s.updateTime) as string,
  };
}
