import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makePerson, stagesOf } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';

// The worker's database starts once (seconds; longer on a busy machine): not inside a test's time.
beforeAll(async () => {
  await testApp();
});

describe('v2 deals: refusals', () => {
  it('refuses bad bodies with a 400 naming the field, and writes nothing', async () => {
    const t = await newTenant();
    const cases: [unknown, string][] = [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(256) }, 'title'],
      [{ title: 'x'.repeat(10_000) }, 'title'],
      [{ title: 42 }, 'title'],
      [{ title: null }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ title: 'x', value: '10' }, 'value'],
      [{ title: 'x', value: 1e300 }, 'value'],
      [{ title: 'x', currency: 'usd' }, 'currency'],
      [{ title: 'x', currency: 'EURO' }, 'currency'],
      [{ title: 'x', status: 'closed' }, 'status'],
      [{ title: 'x', status: 'deleted' }, 'status'],
      [{ title: 'x', visible_to: 2 }, 'visible_to'],
      [{ title: 'x', visible_to: '3' }, 'visible_to'],
      [{ title: 'x', probability: 101 }, 'probability'],
      [{ title: 'x', probability: '50' }, 'probability'],
      [{ title: 'x', person_id: '1' }, 'person_id'],
      [{ title: 'x', org_id: -1 }, 'org_id'],
      [{ title: 'x', owner_id: 1.5 }, 'owner_id'],
      [{ title: 'x', stage_id: 1e20 }, 'stage_id'],
      [{ title: 'x', expected_close_date: '2024-02-30' }, 'expected_close_date'],
      [{ title: 'x', expected_close_date: '30.01.2024' }, 'expected_close_date'],
      [{ title: 'x', expected_close_date: '0000-01-01' }, 'expected_close_date'],
      [{ title: 'x', stage_id: null }, 'stage_id'],
      [{ title: 'x', label_ids: Array(101).fill(1) }, 'label_ids'],
      [{ title: 'x', lost_reason: 'x'.repeat(10_000), status: 'lost' }, 'lost_reason'],
      [{ title: 'x', origin_id: 'x'.repeat(256) }, 'origin_id'],
      [{ title: 'x', label_ids: ['a'] }, 'label_ids'],
      [{ title: 'x', label_ids: [2 ** 40] }, 'label_ids'],
      [{ title: 'x', channel: 'web' }, 'channel'],
      [{ title: 'x', is_archived: 'true' }, 'is_archived'],
      [{ title: 'x', archive_time: 'yesterday', is_archived: true }, 'archive_time'],
      [{ title: 'x', archive_time: '2024-01-01 10:00:00' }, 'archive_time'],
      [{ title: 'x', won_time: '0000-01-01 00:00:00', status: 'won' }, 'won_time'],
      [{ title: 'x', lost_reason: 'too pricey' }, 'lost_reason'],
      [{ title: 'x', status: 'won', lost_reason: 'too pricey' }, 'lost_reason'],
      [{ title: 'x', won_time: '2024-01-01 10:00:00' }, 'won_time'],
      [{ title: 'x', status: 'won', lost_time: '2024-01-01 10:00:00' }, 'lost_time'],
      [{ title: 'x', close_time: '2024-01-01 10:00:00' }, 'close_time'],
      [{ title: 'x', custom_fields: { ['b'.repeat(40)]: [] } }, 'custom_fields'],
      [{ title: 'x', custom_fields: { 'Not A Key': 1 } }, 'custom_fields'],
      [{ title: 'x', custom_fields: { ['b'.repeat(40)]: 'a\u0000' } }, 'custom_fields'],
      [{ title: 'x', custom_fields: { ['b'.repeat(40)]: '\ud800' } }, 'custom_fields'],
      [{ title: 'x', custom_fields: { ['b'.repeat(40)]: { value: { deep: 1 } } } }, 'custom_fields'],
      [{ title: 'x', custom_fields: [] }, 'custom_fields'],
      [[], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v2/deals', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    const d = (await t.post('/api/v2/deals', { title: 'ok' })).body.data;
    for (const [body, field] of cases.slice(1)) {
      const res = await t.patch(`/api/v2/deals/${d.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toContain(field);
    }
    const list = (await t.get('/api/v2/deals')).body.data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ title: 'ok', update_time: d.update_time });
    expect((await t.get('/api/v2/deals/abc')).status).toBe(400);
    expect((await t.get('/api/v2/deals/99999999999999999999')).status).toBe(400);
    expect((await t.get('/api/v2/deals/999999999')).status).toBe(404);
    const noBody = await t.app.inject({
      method: 'POST',
      url: '/api/v2/deals',
      headers: { 'x-api-token': t.token },
    });
    expect(noBody.statusCode).toBe(400);
  });

  it('answers unknown or foreign references with a 404 naming the field', async () => {
    const t = await newTenant();
    const b = await newTenant();
    const { pipeline: foreignPipeline, stages: foreignStages } = await stagesOf(b);
    const foreignPerson = (await makePerson(b)).id;
    const foreignOrg = (await makeOrganization(b)).id;
    const deletedPerson = (await makePerson(t, { deleted: true })).id;
    const cases: [Record<string, unknown>, string][] = [
      [{ stage_id: 999_999_999 }, 'stage_id'],
      [{ stage_id: foreignStages[0] }, 'stage_id'],
      [{ pipeline_id: 999_999_999 }, 'pipeline_id'],
      [{ pipeline_id: foreignPipeline }, 'pipeline_id'],
      [{ person_id: 999_999_999 }, 'person_id'],
      [{ person_id: foreignPerson }, 'person_id'],
      [{ person_id: deletedPerson }, 'person_id'],
      [{ org_id: 999_999_999 }, 'org_id'],
      [{ org_id: foreignOrg }, 'org_id'],
      [{ owner_id: 999_999_999 }, 'owner_id'],
      [{ owner_id: b.userId }, 'owner_id'],
    ];
    for (const [extra, field] of cases) {
      const res = await t.post('/api/v2/deals', { title: 'x', ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(404);
      expect(res.body.code).toBe('not_found');
      expect(res.body.error).toContain(field);
    }
    const d = (await t.post('/api/v2/deals', { title: 'ok' })).body.data;
    for (const [extra, field] of cases) {
      const res = await t.patch(`/api/v2/deals/${d.id}`, extra);
      expect(res.status, JSON.stringify(extra)).toBe(404);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get('/api/v2/deals')).body.data).toHaveLength(1);
  });
});
