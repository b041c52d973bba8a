import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { persons } from '../contacts/tables.ts';
import { leads } from '../leads/tables.ts';

async function lead(t: Tenant, body: Record<string, unknown>): Promise<string> {
  const res = await t.post('/api/v1/leads', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id;
}

const events = (t: Tenant, id: string) =>
  t.db
    .select({ action: auditEvents.action, isBulk: auditEvents.isBulk, changes: auditEvents.changes })
    .from(auditEvents)
    .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, id)))
    .orderBy(auditEvents.id);

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('POST /api/ext/leads (add from the web app)', () => {
  it('adds a lead marked "Manually created" with the v1 lead shape', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t)).id;
    const res = await t.post('/api/ext/leads', {
      title: 'From the form',
      organization_id: org,
      value: { amount: 99, currency: 'EUR' },
      expected_close_date: '2030-05-01',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: 'From the form',
      organization_id: org,
      person_id: null,
      source_name: 'Manually created',
      origin: 'Manually created',
      value: { amount: 99, currency: 'EUR' },
      owner_id: t.userId,
    });
    expect((await events(t, res.body.data.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a lead without person or organization, bad fields and unknown references', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreignPerson = (await makePerson(other)).id;
    const person = (await makePerson(t)).id;
    const cases: [unknown, number, string][] = [
      [{ title: 'No contact' }, 400, 'person_id'],
      [{ person_id: person }, 400, 'title'],
      [{ title: '', person_id: person }, 400, 'title'],
      [{ title: 'x'.repeat(256), person_id: person }, 400, 'title'],
      [{ title: 5, person_id: person }, 400, 'title'],
      [{ title: 'ok', person_id: '1' }, 400, 'person_id'],
      [{ title: 'ok', person_id: 1e300 }, 400, 'person_id'],
      [{ title: 'ok', person_id: foreignPerson }, 404, 'person_id'],
      [{ title: 'ok', person_id: person, owner_id: 999_999_999 }, 404, 'owner_id'],
      [{ title: 'ok', person_id: person, label_ids: [MISSING] }, 404, 'label_ids'],
      [{ title: 'ok', person_id: person, value: { amount: 'lots', currency: 'USD' } }, 400, 'value'],
      [{ title: 'ok', person_id: person, source_name: 'API' }, 400, 'source_name'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.post('/api/ext/leads', body);
      expect(res.status, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get('/api/ext/leads')).body.data).toEqual([]);
  });
});

describe('POST /api/ext/leads/bulk', () => {
  it('archives, unarchives and deletes many leads with one result per lead', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const person = (await makePerson(t)).id;
    const a = await lead(t, { title: 'A', person_id: person });
    const b = await lead(t, { title: 'B', person_id: person });
    const foreign = await lead(other, { title: 'F', person_id: (await makePerson(other)).id });

    const archived = await t.post('/api/ext/leads/bulk', {
      action: 'archive',
      lead_ids: [a, b, foreign, MISSING, a],
    });
    expect(archived.status).toBe(200);
    expect(archived.body.data).toEqual([
      { lead_id: a, ok: true },
      { lead_id: b, ok: true },
      { lead_id: foreign, ok: false, error: 'Lead not found' },
      { lead_id: MISSING, ok: false, error: 'Lead not found' },
    ]);
    expect((await t.get('/api/ext/leads', { archived: 'true' })).body.data).toHaveLength(2);
    expect(await events(t, a)).toEqual([
      { action: 'create', isBulk: false, changes: [] },
      {
        action: 'change',
        isBulk: true,
        changes: [{ field_key: 'is_archived', old_value: false, new_value: true }],
      },
    ]);
    // already archived: fine, nothing written
    const again = await t.post('/api/ext/leads/bulk', { action: 'archive', lead_ids: [a] });
    expect(again.body.data).toEqual([{ lead_id: a, ok: true }]);
    expect(await events(t, a)).toHaveLength(2);

    const unarchived = await t.post('/api/ext/leads/bulk', { action: 'unarchive', lead_ids: [a] });
    expect(unarchived.body.data).toEqual([{ lead_id: a, ok: true }]);
    const lead1 = (await t.get(`/api/v1/leads/${a}`)).body.data;
    expect(lead1.is_archived).toBe(false);

    const deleted = await t.post('/api/ext/leads/bulk', { action: 'delete', lead_ids: [a, b, foreign] });
    expect(deleted.body.data).toEqual([
      { lead_id: a, ok: true },
      { lead_id: b, ok: true },
      { lead_id: foreign, ok: false, error: 'Lead not found' },
    ]);
    expect((await t.get(`/api/v1/leads/${a}`)).status).toBe(404);
    for (const id of [a, b]) {
      expect((await events(t, id)).at(-1)).toEqual({
        action: 'delete',
        isBulk: true,
        changes: [{ field_key: 'is_deleted', old_value: false, new_value: true }],
      });
    }
    expect(await events(other, foreign)).toHaveLength(1);
    expect((await t.get('/api/ext/leads', { archived: 'true' })).body.data).toEqual([]);
    expect((await other.get(`/api/v1/leads/${foreign}`)).status).toBe(200);
    const again2 = await t.post('/api/ext/leads/bulk', { action: 'delete', lead_ids: [a] });
    expect(again2.body.data).toEqual([{ lead_id: a, ok: false, error: 'Lead not found' }]);
  });

  it('deleting one lead writes the event deleting many writes, but for the bulk mark', async () => {
    const t = await newTenant();
    const one = await lead(t, { title: 'One', person_id: (await makePerson(t)).id });
    expect((await t.del(`/api/v1/leads/${one}`)).status).toBe(200);
    expect((await events(t, one)).at(-1)).toEqual({
      action: 'delete',
      isBulk: false,
      changes: [{ field_key: 'is_deleted', old_value: false, new_value: true }],
    });
  });

  it('does not let a non-admin touch private leads of others', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const person = (await makePerson(t)).id;
    const priv = await lead(t, { title: 'Private', person_id: person, visible_to: '1' });
    const res = await user.as.post('/api/ext/leads/bulk', { action: 'delete', lead_ids: [priv] });
    expect(res.body.data).toEqual([{ lead_id: priv, ok: false, error: 'Lead not found' }]);
    expect((await t.get(`/api/v1/leads/${priv}`)).status).toBe(200);
  });

  it('refuses bad bodies with a 400 naming the field', async () => {
    const t = await newTenant();
    const ids = Array.from({ length: 501 }, () => MISSING);
    const cases: [unknown, string][] = [
      [{}, 'action'],
      [{ action: 'explode', lead_ids: [MISSING] }, 'action'],
      [{ action: 'archive' }, 'lead_ids'],
      [{ action: 'archive', lead_ids: [] }, 'lead_ids'],
      [{ action: 'archive', lead_ids: ids }, 'lead_ids'],
      [{ action: 'archive', lead_ids: ['nope'] }, 'lead_ids'],
      [{ action: 'archive', lead_ids: [5] }, 'lead_ids'],
      [{ action: 'archive', lead_ids: MISSING }, 'lead_ids'],
      [{ action: null, lead_ids: [MISSING] }, 'action'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/ext/leads/bulk', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});

describe('GET /api/ext/leads/deleted and POST /api/ext/leads/{id}/restore', () => {
  it('lists leads deleted in the last 30 days with who deleted them, and restores them', async () => {
    const t = await newTenant();
    const person = (await makePerson(t, { name: 'Pia' })).id;
    const org = (await makeOrganization(t, { name: 'Orga' })).id;
    const id = await lead(t, { title: 'Gone', person_id: person, organization_id: org });
    const old = await lead(t, { title: 'Old', person_id: person });
    const kept = await lead(t, { title: 'Kept', person_id: person });
    await t.del(`/api/v1/leads/${id}`);
    await t.del(`/api/v1/leads/${old}`);
    await t.db.update(leads).set({ deleteTime: sql`now() - interval '31 days'` }).where(eq(leads.id, old));

    const list = await t.get('/api/ext/leads/deleted');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      {
        id,
        title: 'Gone',
        person_name: 'Pia',
        organization_name: 'Orga',
        delete_time: expect.stringMatching(/Z$/),
        deleted_by: { id: t.userId, name: expect.any(String) },
      },
    ]);
    expect(list.body.additional_data.more_items_in_collection).toBe(false);

    const restored = await t.post(`/api/ext/leads/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ id, title: 'Gone', person_id: person, organization_id: org });
    expect((await t.get(`/api/v1/leads/${id}`)).status).toBe(200);
    expect((await t.get('/api/ext/leads/deleted')).body.data).toEqual([]);
    const last = (await events(t, id)).at(-1);
    expect(last).toMatchObject({
      action: 'restore',
      changes: [{ field_key: 'is_deleted', old_value: true, new_value: false }],
    });

    expect((await t.post(`/api/ext/leads/${old}/restore`)).status).toBe(404);
    expect((await t.post(`/api/ext/leads/${kept}/restore`)).status).toBe(404);
    expect((await t.post(`/api/ext/leads/${id}/restore`)).status).toBe(404);
    expect((await t.post(`/api/ext/leads/${MISSING}/restore`)).status).toBe(404);
    expect((await t.post('/api/ext/leads/not-a-uuid/restore')).status).toBe(404);
    expect((await t.post(`/api/ext/leads/${'x'.repeat(101)}/restore`)).status).toBe(400);
  });

  it('unlinks a deleted person on restore, and refuses when neither person nor organization remains', async () => {
    const t = await newTenant();
    const person = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;
    const both = await lead(t, { title: 'Both', person_id: person, organization_id: org });
    const personOnly = await lead(t, { title: 'Person only', person_id: person });
    await t.post('/api/ext/leads/bulk', { action: 'delete', lead_ids: [both, personOnly] });
    await t.db.update(persons).set({ isDeleted: true }).where(eq(persons.id, person));

    const res = await t.post(`/api/ext/leads/${both}/restore`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ person_id: null, organization_id: org });
    expect((await events(t, both)).at(-1)?.changes).toContainEqual({
      field_key: 'person_id',
      old_value: person,
      new_value: null,
    });
    const refused = await t.post(`/api/ext/leads/${personOnly}/restore`);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toContain('no longer exist');
    expect((await t.get(`/api/v1/leads/${personOnly}`)).status).toBe(404);
  });

  it('keeps other companies and private leads of others out of the list and out of reach', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    const person = (await makePerson(t)).id;
    const priv = await lead(t, { title: 'Private', person_id: person, visible_to: '1' });
    await t.del(`/api/v1/leads/${priv}`);
    const foreign = await lead(other, { title: 'Foreign', person_id: (await makePerson(other)).id });
    await other.del(`/api/v1/leads/${foreign}`);

    expect((await user.as.get('/api/ext/leads/deleted')).body.data).toEqual([]);
    expect((await user.as.post(`/api/ext/leads/${priv}/restore`)).status).toBe(404);
    expect((await t.get('/api/ext/leads/deleted')).body.data.map((r: { id: string }) => r.id)).toEqual([
      priv,
    ]);
    expect((await t.post(`/api/ext/leads/${foreign}/restore`)).status).toBe(404);
    expect((await other.get(`/api/v1/leads/${foreign}`)).status).toBe(404);
  });

  it('pages the deleted list and refuses bad paging', async () => {
    const t = await newTenant();
    const person = (await makePerson(t)).id;
    const ids = [
      await lead(t, { title: '1', person_id: person }),
      await lead(t, { title: '2', person_id: person }),
    ];
    await t.post('/api/ext/leads/bulk', { action: 'delete', lead_ids: ids });
    const page = await t.get('/api/ext/leads/deleted', { limit: 1 });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.additional_data.more_items_in_collection).toBe(true);
    for (const q of [{ limit: '0' }, { limit: '501' }, { start: '-3' }, { start: 'x' }]) {
      const res = await t.get('/api/ext/leads/deleted', q);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(Object.keys(q)[0]);
    }
  });
});
