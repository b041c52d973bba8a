import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

// The official client rejects with the parsed error body (not an Error), so failures are caught as values.
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: users, pipelines, stages', () => {
  it('reads the current user over v1 on /api/v1 and /v1 with a trailing slash', async () => {
    const { base, tenant, cfg1, v1 } = await officialClient();
    const me = await new v1.UsersApi(cfg1).getCurrentUser();
    expect(me.data?.id).toBe(tenant.userId);
    const legacy = new v1.Configuration({ apiKey: tenant.token, basePath: `${base}/v1/` });
    const users = await new v1.UsersApi(legacy).getUsers();
    expect(users.data?.map((u) => u.id)).toContain(tenant.userId);
  });

  it('manages pipelines and stages over v2', async () => {
    const { cfg2, v2 } = await officialClient();
    const pipelinesApi = new v2.PipelinesApi(cfg2);
    const stagesApi = new v2.StagesApi(cfg2);
    const list = await pipelinesApi.getPipelines({ limit: 10 });
    expect(list.data).toHaveLength(1);
    expect(list.additional_data?.next_cursor).toBeNull();
    const added = await pipelinesApi.addPipeline({
      AddPipelineRequest: { name: 'Renewals', is_deal_probability_enabled: true },
    });
    const pid = added.data!.id!;
    const stage = await stagesApi.addStage({
      AddStageRequest: { name: 'Due', pipeline_id: pid, deal_probability: 50 },
    });
    expect(stage.data).toMatchObject({ name: 'Due', pipeline_id: pid, deal_probability: 50 });
    const updated = await stagesApi.updateStage({
      id: stage.data!.id!,
      UpdateStageRequest: { name: 'Due soon' },
    });
    expect(updated.data?.name).toBe('Due soon');
    const stages = await stagesApi.getStages({ pipeline_id: pid });
    expect(stages.data?.map((s) => s.name)).toEqual(['Due soon']);
    await stagesApi.deleteStage({ id: stage.data!.id! });
    const gone = await rejection(stagesApi.getStage({ id: stage.data!.id! }));
    expect(gone).toMatchObject({ success: false, error: 'Stage not found' });
    expect((await pipelinesApi.deletePipeline({ id: pid })).data).toEqual({ id: pid });
  });

  it('gets a 401 error body for a wrong token', async () => {
    const { base, v2 } = await officialClient();
    const cfg = new v2.Configuration({ apiKey: 'not-a-token', basePath: `${base}/api/v2` });
    const err = await rejection(new v2.PipelinesApi(cfg).getPipelines());
    expect(err).toMatchObject({ success: false, error: 'unauthorized access', errorCode: 401 });
  });
});
