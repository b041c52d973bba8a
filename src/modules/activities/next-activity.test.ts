import { beforeAll, describe, expect, it } from 'vitest';
import { dealPointers, leadPointer, makeDeal, makeLead } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { inTx } from '../context.ts';
import { refreshNextActivity } from './next-activity.ts';
import { activities } from './tables.ts';

async function add(t: Tenant, body: Record<string, unknown>): Promise<number> {
  const res = await t.post('/api/v2/activities', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id;
}

// The worker's app and embedded database start here, under the hook timeout.
beforeAll(async () => {
  await testApp();
});

describe('next_activity_id and last_activity_id', () => {
  it('follows a lead through add, complete, reschedule and delete', async () => {
    const t = await newTenant();
    const lead = (await makeLead(t)).id;
    expect(await leadPointer(t, lead)).toBeNull();

    const undated = await add(t, { lead_id: lead });
    expect(await leadPointer(t, lead)).toBe(undated);
    const later = await add(t, { lead_id: lead, due_date: '2030-05-01', due_time: '15:00' });
    expect(await leadPointer(t, lead)).toBe(later);
    const sameDayNoTime = await add(t, { lead_id: lead, due_date: '2030-05-01' });
    expect(await leadPointer(t, lead)).toBe(later);
    const sooner = await add(t, { lead_id: lead, due_date: '2030-05-01', due_time: '08:00' });
    expect(await leadPointer(t, lead)).toBe(sooner);
    // done activities never count
    await add(t, { lead_id: lead, due_date: '2020-01-01', done: true });
    expect(await leadPointer(t, lead)).toBe(sooner);

    await t.patch(`/api/v2/activities/${sooner}`, { done: true });
    expect(await leadPointer(t, lead)).toBe(later);
    await t.patch(`/api/v2/activities/${undated}`, { due_date: '2030-04-30' });
    expect(await leadPointer(t, lead)).toBe(undated);
    await t.del(`/api/v2/activities/${undated}`);
    expect(await leadPointer(t, lead)).toBe(later);
    await t.patch(`/api/v2/activities/${later}`, { lead_id: null });
    expect(await leadPointer(t, lead)).toBe(sameDayNoTime);
    await t.patch(`/api/v2/activities/${sooner}`, { done: false });
    expect(await leadPointer(t, lead)).toBe(sooner);
    await t.del(`/api/v2/activities/${sooner}`);
    await t.del(`/api/v2/activities/${sameDayNoTime}`);
    expect(await leadPointer(t, lead)).toBeNull();
  });

  it('follows deals, including moves from one deal to another', async () => {
    const t = await newTenant();
    const d1 = (await makeDeal(t)).id;
    const d2 = (await makeDeal(t)).id;
    const a = await add(t, { deal_id: d1, due_date: '2030-01-10' });
    const b = await add(t, { deal_id: d1, due_date: '2030-01-20' });
    expect(await dealPointers(t, d1)).toEqual({ next: a, last: null });
    expect(await dealPointers(t, d2)).toEqual({ next: null, last: null });

    await t.patch(`/api/v2/activities/${a}`, { done: true });
    expect(await dealPointers(t, d1)).toEqual({ next: b, last: a });
    await new Promise((r) => setTimeout(r, 5));
    await t.patch(`/api/v2/activities/${b}`, { done: true });
    expect(await dealPointers(t, d1)).toEqual({ next: null, last: b });

    // move b to the other deal: both deals are refreshed
    await t.patch(`/api/v2/activities/${b}`, { deal_id: d2 });
    expect(await dealPointers(t, d1)).toEqual({ next: null, last: a });
    expect(await dealPointers(t, d2)).toEqual({ next: null, last: b });
    await t.patch(`/api/v2/activities/${b}`, { done: false, due_date: '2029-12-31' });
    expect(await dealPointers(t, d2)).toEqual({ next: b, last: null });
    const c = await add(t, { deal_id: d2, due_date: '2029-12-31', due_time: '07:00' });
    expect((await dealPointers(t, d2)).next).toBe(c);
    await t.patch(`/api/v2/activities/${c}`, { due_date: '2031-01-01' });
    expect((await dealPointers(t, d2)).next).toBe(b);
    await t.patch(`/api/v2/activities/${c}`, { deal_id: d1 });
    expect(await dealPointers(t, d1)).toEqual({ next: c, last: a });
    await t.del(`/api/v2/activities/${a}`);
    expect(await dealPointers(t, d1)).toEqual({ next: c, last: null });
  });

  it('refreshes many leads and deals in one call, and only within the company', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const leadIds = [(await makeLead(t)).id, (await makeLead(t)).id, (await makeLead(t)).id];
    const dealIds = [(await makeDeal(t)).id, (await makeDeal(t)).id];
    const foreignDeal = (await makeDeal(other)).id;
    // rows moved behind the service's back, as a bulk conversion does
    const rows = await t.db
      .insert(activities)
      .values([
        ...leadIds.slice(0, 2).map((leadId) => ({
          companyId: t.companyId,
          subject: 's',
          type: 'call',
          ownerId: t.userId,
          creatorUserId: t.userId,
          leadId,
        })),
        ...dealIds.map((dealId) => ({
          companyId: t.companyId,
          subject: 's',
          type: 'call',
          ownerId: t.userId,
          creatorUserId: t.userId,
          dealId,
        })),
        // an activity of this company naming another company's deal id must not touch that deal
        {
          companyId: t.companyId,
          subject: 's',
          type: 'call',
          ownerId: t.userId,
          creatorUserId: t.userId,
          dealId: foreignDeal,
        },
      ])
      .returning({ id: activities.id });
    await inTx(t.ctx, (ctx) => refreshNextActivity(ctx, { leadIds, dealIds: [...dealIds, foreignDeal] }));
    expect(await leadPointer(t, leadIds[0]!)).toBe(rows[0]!.id);
    expect(await leadPointer(t, leadIds[1]!)).toBe(rows[1]!.id);
    expect(await leadPointer(t, leadIds[2]!)).toBeNull();
    expect((await dealPointers(t, dealIds[0]!)).next).toBe(rows[2]!.id);
    expect((await dealPointers(t, dealIds[1]!)).next).toBe(rows[3]!.id);
    expect(await dealPointers(other, foreignDeal)).toEqual({ next: null, last: null });
    await inTx(t.ctx, (ctx) => refreshNextActivity(ctx, {}));
  });
});
