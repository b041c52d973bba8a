import { rfc3339 } from '../../http/formats.ts';
import type { JobRow } from './service.ts';

export function presentJob(row: JobRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    total: row.total,
    result: row.result ?? null,
    error: row.error,
    add_time: rfc3339(row.addTime) as string,
    update_time: rfc3339(row.updateTime) as string,
    finish_time: rfc3339(row.finishTime),
  };
}
