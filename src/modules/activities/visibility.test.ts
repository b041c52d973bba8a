import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';

async function add(t: Tenant, body: Record<string, unknown>): Promise<number> {
  const res = await t.post('/api/v2/activities', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id;
}

// The worker's app and embedded database start here, under the hook timeout.
beforeAll(async () => {
  await testApp();
});

describe('v2 activities: who sees what', () => {
  it('keeps companies apart', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const id = await add(a, { subject: 'Private' });
    expect((await b.get(`/api/v2/activities/${id}`)).status).toBe(404);
    expect((await b.patch(`/api/v2/activities/${id}`, { subject: 'stolen' })).status).toBe(404);
    expect((await b.del(`/api/v2/activities/${id}`)).status).toBe(404);
    expect((await b.get('/api/v2/activities')).body.data).toEqual([]);
    expect((await b.get('/api/v2/activities', { ids: String(id) })).body.data).toEqual([]);
    expect((await a.get(`/api/v2/activities/${id}`)).body.data.subject).toBe('Private');
  });

  it('shows a non-admin their own activities and those of records they can see', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const me = user.as;

    const privateDeal = (await makeDeal(t, { visible_to: 1 })).id;
    const sharedDeal = (await makeDeal(t, { visible_to: 3 })).id;
    const privateLead = (await makeLead(t, { visible_to: 1 })).id;
    const myPrivateLead = (await makeLead(t, { visible_to: 1, owner_id: user.id })).id;
    const privatePerson = (await makePerson(t, { visible_to: 1 })).id;
    const sharedOrg = (await makeOrganization(t, { visible_to: 3 })).id;

    const hiddenPlain = await add(t, { subject: 'admin only' });
    const hiddenDeal = await add(t, { deal_id: privateDeal });
    const hiddenLead = await add(t, { lead_id: privateLead });
    const hiddenPerson = await add(t, { person_id: privatePerson });
    const onSharedDeal = await add(t, { deal_id: sharedDeal });
    const onMyLead = await add(t, { lead_id: myPrivateLead });
    const onSharedOrg = await add(t, { org_id: sharedOrg });
    const mine = await add(t, { deal_id: privateDeal, owner_id: user.id });

    const seen = (await me.get('/api/v2/activities')).body.data.map((a: { id: number }) => a.id);
    expect(seen).toEqual([onSharedDeal, onMyLead, onSharedOrg, mine]);
    for (const id of [hiddenPlain, hiddenDeal, hiddenLead, hiddenPerson]) {
      expect((await me.get(`/api/v2/activities/${id}`)).status).toBe(404);
      expect((await me.patch(`/api/v2/activities/${id}`, { done: true })).status).toBe(404);
      expect((await me.del(`/api/v2/activities/${id}`)).status).toBe(404);
    }
    expect((await me.get(`/api/v2/activities/${mine}`)).status).toBe(200);
    expect((await me.patch(`/api/v2/activities/${onSharedDeal}`, { done: true })).status).toBe(200);

    // linking to a record the user cannot see is refused
    const refused = await me.post('/api/v2/activities', { deal_id: privateDeal });
    expect(refused.status).toBe(404);
    expect(refused.body.error).toContain('deal_id');
    expect((await me.post('/api/v2/activities', { lead_id: privateLead })).status).toBe(404);

    // the admin sees everything
    expect((await t.get('/api/v2/activities')).body.data).toHaveLength(8);
  });
});
