import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';

describe('company settings are changed by admins only', () => {
  it('refuses every settings write of a non-admin with 403, writes nothing, and keeps reads open', async () => {
    const t = await newTenant();
    const rep = (await t.addUser()).as;
    const pipeline = (await t.get('/api/v2/pipelines')).body.data[0];
    const stage = (await t.get('/api/v2/stages', { pipeline_id: pipeline.id })).body.data[0];
    const label = (await t.get('/api/v1/leadLabels')).body.data[0];
    const type = (await t.get('/api/v1/activityTypes')).body.data[0];
    const before = await Promise.all(
      ['/api/v2/pipelines', '/api/v2/stages', '/api/v1/leadLabels', '/api/v1/activityTypes'].map(
        async (p) => (await t.get(p)).body.data,
      ),
    );

    const writes: [string, () => Promise<{ status: number; body: any }>][] = [
      ['add pipeline', () => rep.post('/api/v2/pipelines', { name: 'Rep pipeline' })],
      ['update pipeline', () => rep.patch(`/api/v2/pipelines/${pipeline.id}`, { name: 'Renamed' })],
      ['delete pipeline', () => rep.del(`/api/v2/pipelines/${pipeline.id}`)],
      ['add stage', () => rep.post('/api/v2/stages', { name: 'Rep stage', pipeline_id: pipeline.id })],
      ['update stage', () => rep.patch(`/api/v2/stages/${stage.id}`, { name: 'Renamed' })],
      ['delete stage', () => rep.del(`/api/v2/stages/${stage.id}`)],
      ['add label', () => rep.post('/api/v1/leadLabels', { name: 'Rep label', color: 'green' })],
      ['update label', () => rep.patch(`/api/v1/leadLabels/${label.id}`, { name: 'Renamed' })],
      ['delete label', () => rep.del(`/api/v1/leadLabels/${label.id}`)],
      ['add type', () => rep.post('/api/v1/activityTypes', { name: 'Rep type', icon_key: 'call' })],
      ['update type', () => rep.put(`/api/v1/activityTypes/${type.id}`, { name: 'Renamed' })],
      ['delete type', () => rep.del(`/api/v1/activityTypes/${type.id}`)],
    ];
    for (const [what, write] of writes) {
      const res = await write();
      expect(res.status, what).toBe(403);
      expect(res.body, what).toMatchObject({ success: false, errorCode: 403 });
      expect(res.body.error, what).toMatch(/^Only admins can change /);
    }
    const after = await Promise.all(
      ['/api/v2/pipelines', '/api/v2/stages', '/api/v1/leadLabels', '/api/v1/activityTypes'].map(
        async (p) => (await rep.get(p)).body.data,
      ),
    );
    expect(after).toEqual(before);

    // The admin still can.
    const ok = (res: { body: { success: boolean } }) => expect(res.body.success).toBe(true);
    ok(await t.post('/api/v2/pipelines', { name: 'Admin pipeline' }));
    ok(await t.post('/api/v1/leadLabels', { name: 'Admin label', color: 'green' }));
    ok(await t.post('/api/v1/activityTypes', { name: 'Admin type', icon_key: 'call' }));
    ok(await t.patch(`/api/v2/stages/${stage.id}`, { name: 'Admin stage' }));
  });
});
