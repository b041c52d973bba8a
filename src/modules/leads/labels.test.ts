import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { LeadLabel } from './schema.ts';

// Starting the app (and migrating the embedded database) is slow on a busy machine: not a test's time.
beforeAll(async () => {
  await testApp();
}, 60_000);

const UNKNOWN_UUID = '7d0f6f0e-3c57-4d3c-9a0e-2a9c1e0c5b11';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('v1 lead labels', () => {
  it('gives a new company Hot, Warm and Cold, all in one unpaged list', async () => {
    const t = await newTenant();
    const res = await t.get('/api/v1/leadLabels');
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('additional_data');
    const byName = Object.fromEntries(res.body.data.map((l: { name: string; color: string }) => [l.name, l]));
    expect(Object.keys(byName).sort()).toEqual(['Cold', 'Hot', 'Warm']);
    expect(byName.Hot).toMatchObject({ color: 'red' });
    for (const l of res.body.data) {
      LeadLabel.parse(l);
      expect(l.add_time).toMatch(ISO_MS);
    }
  });

  it('adds (201), updates and deletes labels, with audit events', async () => {
    const t = await newTenant();
    const added = await t.post('/v1/leadLabels', { name: 'Partner', color: 'dark-gray' });
    expect(added.status).toBe(201);
    expect(added.body.data).toEqual({
      id: expect.any(String),
      name: 'Partner',
      color: 'dark-gray',
      add_time: expect.stringMatching(ISO_MS),
      update_time: expect.stringMatching(ISO_MS),
    });
    const id = added.body.data.id;
    const renamed = await t.patch(`/api/v1/leadLabels/${id}`, { name: 'Partners' });
    expect(renamed.body.data).toMatchObject({ id, name: 'Partners', color: 'dark-gray' });
    const recoloured = await t.patch(`/api/v1/leadLabels/${id}`, { color: 'pink' });
    expect(recoloured.body.data).toMatchObject({ name: 'Partners', color: 'pink' });
    expect((await t.get('/api/v1/leadLabels')).body.data).toHaveLength(4);
    expect((await t.del(`/api/v1/leadLabels/${id}`)).body).toEqual({ success: true, data: { id } });
    expect((await t.get('/api/v1/leadLabels')).body.data).toHaveLength(3);
    expect((await t.patch(`/api/v1/leadLabels/${id}`, { name: 'x' })).status).toBe(404);
    expect((await t.del(`/api/v1/leadLabels/${id}`)).status).toBe(404);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, id)))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'change', 'delete']);
    expect(events[1]?.changes).toEqual([{ field_key: 'name', old_value: 'Partner', new_value: 'Partners' }]);
  });

  it('takes a deleted label off every lead that carries it', async () => {
    const t = await newTenant();
    const personId = (await makePerson(t)).id;
    const [hot, warm] = (await t.get('/api/v1/leadLabels')).body.data.map((l: { id: string }) => l.id);
    const one = (await t.post('/api/v1/leads', { title: 'one', person_id: personId, label_ids: [hot, warm] }))
      .body.data;
    const two = (await t.post('/api/v1/leads', { title: 'two', person_id: personId, label_ids: [hot] })).body
      .data;
    const three = (await t.post('/api/v1/leads', { title: 'three', person_id: personId, label_ids: [warm] }))
      .body.data;
    await t.patch(`/api/v1/leads/${two.id}`, { is_archived: true });
    expect((await t.del(`/api/v1/leadLabels/${hot}`)).status).toBe(200);
    expect((await t.get(`/api/v1/leads/${one.id}`)).body.data.label_ids).toEqual([warm]);
    expect((await t.get(`/api/v1/leads/${two.id}`)).body.data.label_ids).toEqual([]);
    expect((await t.get(`/api/v1/leads/${three.id}`)).body.data.label_ids).toEqual([warm]);
    const [change] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.companyId, t.companyId),
          eq(auditEvents.itemId, one.id),
          eq(auditEvents.action, 'change'),
        ),
      );
    expect(change?.changes).toEqual([{ field_key: 'label_ids', old_value: [hot, warm], new_value: [warm] }]);
  });

  it('refuses bad names and colours with a 400 naming the field', async () => {
    const t = await newTenant();
    const id = (await t.get('/api/v1/leadLabels')).body.data[0].id;
    const cases: [Record<string, unknown>, string][] = [
      [{ color: 'red' }, 'name'],
      [{ name: '', color: 'red' }, 'name'],
      [{ name: 'x'.repeat(256), color: 'red' }, 'name'],
      [{ name: 7, color: 'red' }, 'name'],
      [{ name: 'Ok' }, 'color'],
      [{ name: 'Ok', color: 'magenta' }, 'color'],
      [{ name: 'Ok', color: 'RED' }, 'color'],
      [{ name: 'Ok', color: null }, 'color'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v1/leadLabels', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    const patch = await t.patch(`/api/v1/leadLabels/${id}`, { color: 'teal' });
    expect(patch.status).toBe(400);
    expect(patch.body.error).toContain('color');
    expect((await t.patch('/api/v1/leadLabels/nope', { name: 'x' })).status).toBe(400);
    expect((await t.del('/api/v1/leadLabels/nope')).status).toBe(400);
    expect((await t.patch(`/api/v1/leadLabels/${UNKNOWN_UUID}`, { name: 'x' })).status).toBe(404);
    expect((await t.get('/api/v1/leadLabels')).body.data).toHaveLength(3);
  });

  it('keeps labels apart between companies', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const mine = (await a.post('/api/v1/leadLabels', { name: 'Mine', color: 'green' })).body.data.id;
    const names = (await b.get('/api/v1/leadLabels')).body.data.map((l: { name: string }) => l.name);
    expect(names).not.toContain('Mine');
    expect((await b.patch(`/api/v1/leadLabels/${mine}`, { name: 'Stolen' })).status).toBe(404);
    expect((await b.del(`/api/v1/leadLabels/${mine}`)).status).toBe(404);
    expect((await a.get('/api/v1/leadLabels')).body.data.map((l: { name: string }) => l.name)).toContain(
      'Mine',
    );
  });
});

describe('v1 lead sources', () => {
  it('answers the fixed list of sources', async () => {
    const t = await newTenant();
    const res = await t.get('/api/v1/leadSources');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const names = res.body.data.map((s: { name: string }) => s.name);
    for (const name of [
      'API',
      'Manually created',
      'Deal',
      'Web forms',
      'Prospector',
      'Leadbooster',
      'Live chat',
      'Import',
      'Website visitors',
      'Workflow automation',
    ]) {
      expect(names).toContain(name);
    }
    expect(res.body.data.every((s: object) => Object.keys(s).join() === 'name')).toBe(true);
    expect((await t.get('/v1/leadSources')).body).toEqual(res.body);
  });
});
