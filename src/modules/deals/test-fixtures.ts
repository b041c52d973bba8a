// Persons and organizations to link to are inserted directly (test/helpers/records.ts).
export { insertOrganization, insertPerson } from '../../../test/helpers/records.ts';

interface Caller {
  get(
    path: string,
    query?: Record<string, string | number | boolean>,
  ): Promise<{ body: { data: { id: number }[] } }>;
}

/** The default pipeline and its stage ids in order. */
export async function stagesOf(t: Caller): Promise<{ pipeline: number; stages: number[] }> {
  const pipeline = (await t.get('/api/v2/pipelines')).body.data[0]!.id;
  const stages = (await t.get('/api/v2/stages', { pipeline_id: pipeline, sort_by: 'order_nr' })).body.data;
  return { pipeline, stages: stages.map((s) => s.id) };
}
