import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { Pipeline, Stage } from './schema.ts';

describe('v2 pipelines and stages', () => {
  it('gives a new company the default pipeline with Pipedrive stages', async () => {
    const t = await newTenant();
    const res = await t.get('/api/v2/pipelines');
    expect(res.status).toBe(200);
    expect(res.body.additional_data).toEqual({ next_cursor: null });
    expect(res.body.data).toHaveLength(1);
    const pipeline = Pipeline.parse(res.body.data[0]);
    expect(pipeline.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const stages = await t.get('/api/v2/stages', { pipeline_id: pipeline.id, sort_by: 'order_nr' });
    expect(stages.body.data.map((s: { name: string }) => s.name)).toEqual([
      'Qualified',
      'Contact made',
      'Demo scheduled',
      'Proposal made',
      'Negotiations started',
    ]);
    for (const s of stages.body.data) Stage.parse(s);
  });

  it('adds, updates and deletes pipelines and stages', async () => {
    const t = await newTenant();
    const added = await t.post('/api/v2/pipelines', { name: 'Partners', is_deal_probability_enabled: true });
    expect(added.status).toBe(200);
    expect(added.body.data).toMatchObject({
      name: 'Partners',
      order_nr: 1,
      is_deal_probability_enabled: true,
      is_deleted: false,
    });
    const id = added.body.data.id;

    const stage = await t.post('/api/v2/stages', {
      name: 'Intro',
      pipeline_id: id,
      days_to_rotten: 7,
      is_deal_rot_enabled: true,
    });
    expect(stage.status).toBe(200);
    expect(stage.body.data).toMatchObject({
      name: 'Intro',
      pipeline_id: id,
      order_nr: 1,
      deal_probability: 100,
      days_to_rotten: 7,
    });

    const patched = await t.patch(`/api/v2/stages/${stage.body.data.id}`, {
      deal_probability: 35,
      days_to_rotten: null,
    });
    expect(patched.body.data).toMatchObject({ deal_probability: 35, days_to_rotten: null, name: 'Intro' });

    const renamed = await t.patch(`/api/v2/pipelines/${id}`, { name: 'Channel partners' });
    expect(renamed.body.data.name).toBe('Channel partners');

    expect((await t.del(`/api/v2/stages/${stage.body.data.id}`)).body).toEqual({
      success: true,
      data: { id: stage.body.data.id },
    });
    expect((await t.get(`/api/v2/stages/${stage.body.data.id}`)).status).toBe(404);
    expect((await t.del(`/api/v2/pipelines/${id}`)).body).toEqual({ success: true, data: { id } });
    expect((await t.get(`/api/v2/pipelines/${id}`)).status).toBe(404);
  });

  it('refuses bad input with a 400 that names the field, and writes nothing', async () => {
    const t = await newTenant();
    const cases: [string, unknown, string][] = [
      ['/api/v2/pipelines', {}, 'name'],
      ['/api/v2/pipelines', { name: 42 }, 'name'],
      ['/api/v2/pipelines', { name: 'x'.repeat(256) }, 'name'],
      [
        '/api/v2/pipelines',
        { name: 'ok', is_deal_probability_enabled: 'true' },
        'is_deal_probability_enabled',
      ],
      ['/api/v2/stages', { name: 'S' }, 'pipeline_id'],
      ['/api/v2/stages', { name: 'S', pipeline_id: '1' }, 'pipeline_id'],
      ['/api/v2/stages', { name: 'S', pipeline_id: 1, deal_probability: 101 }, 'deal_probability'],
    ];
    for (const [path, body, field] of cases) {
      const res = await t.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get('/api/v2/pipelines')).body.data).toHaveLength(1);
  });

  it('keeps companies apart', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const pa = (await a.get('/api/v2/pipelines')).body.data[0].id;
    expect((await b.get(`/api/v2/pipelines/${pa}`)).status).toBe(404);
    expect((await b.patch(`/api/v2/pipelines/${pa}`, { name: 'stolen' })).status).toBe(404);
    expect((await b.post('/api/v2/stages', { name: 'x', pipeline_id: pa })).status).toBe(404);
    expect((await a.get(`/api/v2/pipelines/${pa}`)).body.data.name).toBe('Pipeline');
  });

  it('pages with a cursor and rejects a bad one', async () => {
    const t = await newTenant();
    const pid = (await t.get('/api/v2/pipelines')).body.data[0].id;
    const first = await t.get('/api/v2/stages', { pipeline_id: pid, limit: 2 });
    expect(first.body.data).toHaveLength(2);
    const next = first.body.additional_data.next_cursor;
    expect(typeof next).toBe('string');
    const second = await t.get('/api/v2/stages', { pipeline_id: pid, limit: 2, cursor: next });
    expect(second.body.data[0].id).toBeGreaterThan(first.body.data[1].id);
    const desc = await t.get('/api/v2/stages', {
      pipeline_id: pid,
      sort_by: 'add_time',
      sort_direction: 'desc',
      limit: 3,
    });
    const more = await t.get('/api/v2/stages', {
      pipeline_id: pid,
      sort_by: 'add_time',
      sort_direction: 'desc',
      limit: 3,
      cursor: desc.body.additional_data.next_cursor,
    });
    expect([...desc.body.data, ...more.body.data]).toHaveLength(5);
    expect(more.body.additional_data.next_cursor).toBeNull();
    const bad = await t.get('/api/v2/stages', { cursor: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('cursor');
    expect((await t.get('/api/v2/stages', { limit: 501 })).status).toBe(400);
  });

  it('refuses to delete a pipeline that is the last one', async () => {
    const t = await newTenant();
    const pid = (await t.get('/api/v2/pipelines')).body.data[0].id;
    const res = await t.del(`/api/v2/pipelines/${pid}`);
    expect(res.status).toBe(409);
  });
});
