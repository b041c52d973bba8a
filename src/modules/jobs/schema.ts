import { z } from 'zod';

export const Job = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    progress: z.number().int(),
    total: z.number().int(),
    /** what the job produced; for convert_leads, one entry per lead in input order */
    result: z.unknown(),
    error: z.string().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    finish_time: z.string().nullable(),
  })
  .meta({ id: 'Job' });
