import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { ActivityType } from './schema.ts';
import { createDefaultActivityTypes, keyStringOf } from './types.ts';

const SQL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

// The worker's app and embedded database start here, under the hook timeout.
beforeAll(async () => {
  await testApp();
});

describe('v1 activity types', () => {
  it('gives every company the default types, once', async () => {
    const t = await newTenant();
    // Companies made before activity types existed get them lazily; a second call adds nothing.
    await createDefaultActivityTypes(t.ctx);
    await createDefaultActivityTypes(t.ctx);
    const res = await t.get('/api/v1/activityTypes');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.map((a: { key_string: string }) => a.key_string)).toEqual([
      'call',
      'meeting',
      'task',
      'deadline',
      'email',
      'lunch',
    ]);
    for (const a of res.body.data) {
      ActivityType.parse(a);
      expect(a).toMatchObject({ active_flag: true, is_custom_flag: false });
      expect(a.add_time).toMatch(SQL_TIME);
      expect(a.icon_key).toBe(a.key_string);
    }
    expect(res.body.data[0]).toMatchObject({ name: 'Call', order_nr: 1 });
    expect((await t.get('/v1/activityTypes')).body.data).toHaveLength(6);
  });

  it('creates the defaults lazily for a company that has none', async () => {
    const t = await newTenant();
    const res = await t.get('/v1/activityTypes');
    expect(res.body.data).toHaveLength(6);
    // and when an activity is the first thing the company makes
    const u = await newTenant();
    const a = await u.post('/api/v2/activities', { subject: 'First' });
    expect(a.status).toBe(200);
    expect(a.body.data.type).toBe('call');
    expect((await u.get('/api/v1/activityTypes')).body.data).toHaveLength(6);
  });

  it('adds, updates and deactivates custom types', async () => {
    const t = await newTenant();
    const added = await t.post('/api/v1/activityTypes', {
      name: 'Site visit!',
      icon_key: 'car',
      color: 'FFAA00',
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({
      name: 'Site visit!',
      icon_key: 'car',
      color: 'FFAA00',
      key_string: 'site_visit',
      active_flag: true,
      is_custom_flag: true,
      order_nr: 7,
    });
    ActivityType.parse(added.body.data);
    const id = added.body.data.id;

    const same = await t.post('/api/v1/activityTypes', { name: 'Site visit', icon_key: 'car' });
    expect(same.body.data.key_string).toBe('site_visit_2');
    expect(same.body.data.color).toBeNull();
    const call = await t.post('/api/v1/activityTypes', { name: 'Call', icon_key: 'call' });
    expect(call.body.data.key_string).toBe('call_2');

    const updated = await t.put(`/api/v1/activityTypes/${id}`, {
      name: 'Site tour',
      icon_key: 'world',
      color: '00ff00',
      order_nr: 2,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      name: 'Site tour',
      icon_key: 'world',
      color: '00ff00',
      order_nr: 2,
      key_string: 'site_visit',
    });

    // usable by activities while active
    const act = await t.post('/api/v2/activities', { type: 'site_visit' });
    expect(act.status).toBe(200);
    expect(act.body.data.subject).toBe('Site tour');

    expect((await t.del(`/api/v1/activityTypes/${id}`)).body).toEqual({ success: true, data: { id } });
    const list = (await t.get('/api/v1/activityTypes')).body.data;
    expect(list.find((a: { id: number }) => a.id === id).active_flag).toBe(false);
    expect((await t.put(`/api/v1/activityTypes/${id}`, { name: 'x' })).status).toBe(404);
    expect((await t.del(`/api/v1/activityTypes/${id}`)).status).toBe(404);
    const refused = await t.post('/api/v2/activities', { type: 'site_visit' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('type');
    // existing activities keep their type
    expect((await t.get(`/api/v2/activities/${act.body.data.id}`)).body.data.type).toBe('site_visit');
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const t = await newTenant();
    const cases: [unknown, string][] = [
      [{ icon_key: 'call' }, 'name'],
      [{ name: '', icon_key: 'call' }, 'name'],
      [{ name: 'x'.repeat(256), icon_key: 'call' }, 'name'],
      [{ name: 'X' }, 'icon_key'],
      [{ name: 'X', icon_key: 'rocket' }, 'icon_key'],
      [{ name: 'X', icon_key: 'call', color: '#FFAA00' }, 'color'],
      [{ name: 'X', icon_key: 'call', color: 'GGGGGG' }, 'color'],
      [{ name: 42, icon_key: 'call' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v1/activityTypes', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    const first = (await t.get('/api/v1/activityTypes')).body.data[0].id;
    const bad = await t.put(`/api/v1/activityTypes/${first}`, { order_nr: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('order_nr');
    expect((await t.put('/api/v1/activityTypes/99999999999', { name: 'x' })).status).toBe(404);
    expect((await t.get('/api/v1/activityTypes')).body.data).toHaveLength(6);
  });

  it('keeps companies apart', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const added = await a.post('/api/v1/activityTypes', { name: 'Demo', icon_key: 'presentation' });
    const id = added.body.data.id;
    expect((await b.get('/api/v1/activityTypes')).body.data.map((x: { id: number }) => x.id)).not.toContain(
      id,
    );
    expect((await b.put(`/api/v1/activityTypes/${id}`, { name: 'stolen' })).status).toBe(404);
    expect((await b.del(`/api/v1/activityTypes/${id}`)).status).toBe(404);
    expect((await b.post('/api/v2/activities', { type: 'demo' })).status).toBe(400);
    // the same name gives the same key in another company
    expect(
      (await b.post('/api/v1/activityTypes', { name: 'Demo', icon_key: 'bell' })).body.data.key_string,
    ).toBe('demo');
  });

  it('derives key strings', () => {
    expect(keyStringOf('Follow-up call')).toBe('follow_up_call');
    expect(keyStringOf('  Ünïcode  ')).toBe('n_code');
    expect(keyStringOf('!!!')).toBe('custom');
  });
});
