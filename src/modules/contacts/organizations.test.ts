import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Organization } from './schema.ts';

const CF = 'd4de1c1518b4531717c676029a45911c340390a6';

const NO_ADDRESS = {
  value: null,
  country: null,
  admin_area_level_1: null,
  admin_area_level_2: null,
  locality: null,
  sublocality: null,
  route: null,
  street_number: null,
  subpremise: null,
  postal_code: null,
};

async function eventsOf(t: Tenant, itemId: number) {
  return t.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.companyId, t.companyId),
        eq(auditEvents.itemType, 'organization'),
        eq(auditEvents.itemId, String(itemId)),
      ),
    )
    .orderBy(auditEvents.id);
}

// The first use of the worker's database migrates it: not part of any test's time.
beforeAll(() => testApp());

describe('v2 organizations', () => {
  it('adds an organization with every key, a structured address and an audit event', async () => {
    const t = await newTenant();
    await makeField(t, 'organization', { key: CF, name: 'Budget', field_type: 'monetary' });
    const res = await t.post('/api/v2/organizations', {
      name: 'Acme AB',
      address: {
        value: 'Storgatan 1, 111 22 Stockholm, Sweden',
        country: 'Sweden',
        locality: 'Stockholm',
        postal_code: '111 22',
      },
      website: 'https://acme.example',
      linkedin: 'https://linkedin.example/acme',
      industry: 12,
      annual_revenue: 1234567.89,
      employee_count: 42,
      label_ids: [7],
      custom_fields: { [CF]: { value: 10, currency: 'EUR' } },
    });
    expect(res.status).toBe(200);
    const o = Organization.parse(res.body.data);
    expect(o).toEqual({
      id: o.id,
      name: 'Acme AB',
      owner_id: t.userId,
      add_time: o.add_time,
      update_time: o.update_time,
      is_deleted: false,
      visible_to: 3,
      address: {
        ...NO_ADDRESS,
        value: 'Storgatan 1, 111 22 Stockholm, Sweden',
        country: 'Sweden',
        locality: 'Stockholm',
        postal_code: '111 22',
      },
      label_ids: [7],
      website: 'https://acme.example',
      linkedin: 'https://linkedin.example/acme',
      industry: 12,
      annual_revenue: 1234567.89,
      employee_count: 42,
      custom_fields: { [CF]: { value: 10, currency: 'EUR' } },
    });
    const [created] = await eventsOf(t, o.id);
    expect(created?.action).toBe('create');
    expect(created?.changes).toContainEqual({
      field_key: 'annual_revenue',
      old_value: null,
      new_value: 1234567.89,
    });
    expect((await t.get(`/api/v2/organizations/${o.id}`)).body.data).toEqual(res.body.data);
  });

  it('emits a null address, takes a string as the value and formats an address given in parts', async () => {
    const t = await newTenant();
    const bare = Organization.parse((await t.post('/api/v2/organizations', { name: 'Bare' })).body.data);
    expect(bare).toMatchObject({
      address: NO_ADDRESS,
      website: null,
      linkedin: null,
      industry: null,
      annual_revenue: null,
      employee_count: null,
      custom_fields: {},
      label_ids: [],
    });
    const str = (await t.post('/api/v2/organizations', { name: 'Str', address: '  Main St 1, Springfield ' }))
      .body.data;
    expect(str.address).toEqual({ ...NO_ADDRESS, value: 'Main St 1, Springfield' });
    const parts = (
      await t.post('/api/v2/organizations', {
        name: 'Parts',
        address: {
          route: 'Storgatan',
          street_number: '1',
          postal_code: '111 22',
          locality: 'Stockholm',
          country: 'Sweden',
        },
      })
    ).body.data;
    expect(parts.address).toMatchObject({
      value: 'Storgatan 1, 111 22 Stockholm, Sweden',
      route: 'Storgatan',
    });
    const valueOnly = (
      await t.post('/api/v2/organizations', { name: 'V', address: { value: 'Somewhere 5' } })
    ).body.data;
    expect(valueOnly.address).toEqual({ ...NO_ADDRESS, value: 'Somewhere 5' });

    const cleared = await t.patch(`/api/v2/organizations/${str.id}`, { address: null });
    expect(cleared.body.data.address).toEqual(NO_ADDRESS);
    const blank = await t.patch(`/api/v2/organizations/${parts.id}`, { address: '' });
    expect(blank.body.data.address).toEqual(NO_ADDRESS);
  });

  it('updates fields and records the differences', async () => {
    const t = await newTenant();
    await makeField(t, 'organization', { key: CF, name: 'Note', field_type: 'varchar' });
    const user = await t.addUser();
    const o = (
      await t.post('/api/v2/organizations', { name: 'Old', annual_revenue: 10, custom_fields: { [CF]: 'x' } })
    ).body.data;
    const res = await t.patch(`/api/v2/organizations/${o.id}`, {
      name: 'New',
      owner_id: user.id,
      annual_revenue: null,
      employee_count: 0,
      visible_to: 7,
      custom_fields: { [CF]: null },
      website: 'acme.example',
    });
    expect(res.status).toBe(200);
    expect(Organization.parse(res.body.data)).toMatchObject({
      name: 'New',
      owner_id: user.id,
      annual_revenue: null,
      employee_count: 0,
      visible_to: 7,
      custom_fields: {},
      website: 'acme.example',
    });
    const untouched = await t.patch(`/api/v2/organizations/${o.id}`, {});
    expect(untouched.body.data).toMatchObject({ name: 'New', website: 'acme.example' });
    const events = await eventsOf(t, o.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change']);
    expect(events[1]?.changes).toContainEqual({ field_key: 'name', old_value: 'Old', new_value: 'New' });
    expect(events[1]?.changes).toContainEqual({
      field_key: 'annual_revenue',
      old_value: 10,
      new_value: null,
    });
  });

  it('soft-deletes: the organization answers 404, its persons keep org_id', async () => {
    const t = await newTenant();
    const o = (await t.post('/api/v2/organizations', { name: 'Closing' })).body.data;
    const p = (await t.post('/api/v2/persons', { name: 'Staff', org_id: o.id })).body.data;
    expect((await t.del(`/api/v2/organizations/${o.id}`)).body).toEqual({
      success: true,
      data: { id: o.id },
    });
    expect((await t.get(`/api/v2/organizations/${o.id}`)).status).toBe(404);
    expect((await t.patch(`/api/v2/organizations/${o.id}`, { name: 'x' })).status).toBe(404);
    expect((await t.del(`/api/v2/organizations/${o.id}`)).status).toBe(404);
    expect((await t.get(`/api/v2/persons/${p.id}`)).body.data.org_id).toBe(o.id);
    // the person can still be edited without touching org_id, but not re-linked to the deleted org
    expect((await t.patch(`/api/v2/persons/${p.id}`, { name: 'Staff Member' })).status).toBe(200);
    const other = (await t.post('/api/v2/organizations', { name: 'Other' })).body.data;
    await t.patch(`/api/v2/persons/${p.id}`, { org_id: other.id });
    expect((await t.patch(`/api/v2/persons/${p.id}`, { org_id: o.id })).status).toBe(404);
    expect((await eventsOf(t, o.id)).at(-1)?.action).toBe('delete');
  });

  it('refuses bad bodies with a 400 naming the field and writes nothing', async () => {
    const t = await newTenant();
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: 5 }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(256) }, 'name'],
      [{ name: 'A', owner_id: '1' }, 'owner_id'],
      [{ name: 'A', visible_to: 2 }, 'visible_to'],
      [{ name: 'A', address: 5 }, 'address'],
      [{ name: 'A', address: { value: 5 } }, 'address'],
      [{ name: 'A', industry: 'tech' }, 'industry'],
      [{ name: 'A', industry: 1.5 }, 'industry'],
      [{ name: 'A', annual_revenue: '100' }, 'annual_revenue'],
      [{ name: 'A', annual_revenue: 1e300 }, 'annual_revenue'],
      [{ name: 'A', employee_count: -1 }, 'employee_count'],
      [{ name: 'A', employee_count: 2 ** 40 }, 'employee_count'],
      [{ name: 'A', website: 5 }, 'website'],
      [{ name: 'A', label_ids: 'x' }, 'label_ids'],
      [{ name: 'A', custom_fields: { Name: 1 } }, 'custom_fields'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/api/v2/organizations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    const o = (await t.post('/api/v2/organizations', { name: 'Valid' })).body.data;
    expect((await t.patch(`/api/v2/organizations/${o.id}`, { name: '  ' })).status).toBe(400);
    expect((await t.patch(`/api/v2/organizations/${o.id}`, { employee_count: '3' })).status).toBe(400);
    expect((await t.get('/api/v2/organizations')).body.data.map((x: { name: string }) => x.name)).toEqual([
      'Valid',
    ]);
  });

  it('answers 404 for unknown owners and ids, other companies and hidden organizations', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const user = await a.addUser();
    const badOwner = await a.post('/api/v2/organizations', { name: 'A', owner_id: b.userId });
    expect(badOwner.status).toBe(404);
    expect(badOwner.body.error).toContain('owner_id');
    const o = (await a.post('/api/v2/organizations', { name: 'Mine' })).body.data;
    for (const t of [b, a]) {
      const id = t === a ? 999_999_999_999 : o.id;
      expect((await t.get(`/api/v2/organizations/${id}`)).status).toBe(404);
      expect((await t.patch(`/api/v2/organizations/${id}`, { name: 'x' })).status).toBe(404);
      expect((await t.del(`/api/v2/organizations/${id}`)).status).toBe(404);
    }
    expect((await b.post('/api/v2/persons', { name: 'P', org_id: o.id })).status).toBe(404);

    const hidden = (await a.post('/api/v2/organizations', { name: 'Secret', visible_to: 1 })).body.data;
    expect((await user.as.get(`/api/v2/organizations/${hidden.id}`)).status).toBe(404);
    expect((await user.as.patch(`/api/v2/organizations/${hidden.id}`, { name: 'x' })).status).toBe(404);
    expect((await user.as.del(`/api/v2/organizations/${hidden.id}`)).status).toBe(404);
    expect((await user.as.post('/api/v2/persons', { name: 'P', org_id: hidden.id })).status).toBe(404);
    expect((await user.as.get(`/api/v2/organizations/${o.id}`)).status).toBe(200);
    expect((await a.get(`/api/v2/organizations/${hidden.id}`)).body.data.name).toBe('Secret');
  });
});
