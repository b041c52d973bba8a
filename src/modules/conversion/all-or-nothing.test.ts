import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  activityRows,
  dealsFromLead,
  leadRow,
  makeActivity,
  makeLead,
  makeNote,
  noteRows,
} from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { convert, INTERNAL_ERROR, statusOf, withFailingNotes } from '../../../test/helpers/conversion.ts';
import { purgeConversions } from './conversions.ts';
import { conversions } from './tables.ts';

describe('lead → deal: all or nothing, exactly once', () => {
  it('makes exactly one deal when the same lead is converted ten times at once', async () => {
    const t = await newTenant();
    const lead = (await makeLead(t)).id;
    const note = (await makeNote(t, { lead_id: lead })).id;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.post(`/api/v2/leads/${lead}/convert/deal`, {})),
    );
    const started = responses.filter((r) => r.status === 200);
    expect(started.length).toBeGreaterThanOrEqual(1);
    for (const r of responses) expect([200, 404]).toContain(r.status);

    const statuses = await Promise.all(started.map((r) => statusOf(t, lead, r.body.data.conversion_id)));
    const completed = statuses.filter((s) => s.status === 'completed');
    expect(completed).toHaveLength(1);
    for (const s of statuses.filter((x) => x.status !== 'completed')) {
      expect(s).toMatchObject({ status: 'rejected', error: 'Lead already converted to a deal' });
      expect(s.deal_id).toBeUndefined();
    }
    const deals = await dealsFromLead(t, lead);
    expect(deals.map((d) => d.id)).toEqual([completed[0].deal_id]);
    expect((await noteRows(t, [note]))[0]?.dealId).toBe(completed[0].deal_id);
  });

  it('rolls everything back when a step fails, and says so in the status', async () => {
    const t = await newTenant();
    const lead = (await makeLead(t, { value: { amount: 10, currency: 'EUR' } })).id;
    const notes = [(await makeNote(t, { lead_id: lead })).id, (await makeNote(t, { lead_id: lead })).id];
    const acts = [
      (await makeActivity(t, { lead_id: lead })).id,
      (await makeActivity(t, { lead_id: lead })).id,
    ];
    const before = {
      lead: await leadRow(t, lead),
      notes: await noteRows(t, notes),
      acts: await activityRows(t, acts),
    };

    const res = await withFailingNotes(t, () => t.post(`/api/v2/leads/${lead}/convert/deal`, {}));
    expect(res.status).toBe(200);
    const status = await statusOf(t, lead, res.body.data.conversion_id);
    expect(status).toMatchObject({ status: 'failed', error: expect.stringMatching(INTERNAL_ERROR) });
    expect(status.deal_id).toBeUndefined();

    expect(await leadRow(t, lead)).toEqual(before.lead);
    expect(await noteRows(t, notes)).toEqual(before.notes);
    expect(await activityRows(t, acts)).toEqual(before.acts);
    expect(await dealsFromLead(t, lead)).toHaveLength(0);
    expect((await t.get('/api/v2/deals')).body.data).toHaveLength(0);
    expect((await t.get(`/api/v1/leads/${lead}`)).status).toBe(200);

    // Once the cause is gone, the same lead converts.
    const again = await t.post(`/api/v2/leads/${lead}/convert/deal`, {});
    expect((await statusOf(t, lead, again.body.data.conversion_id)).status).toBe('completed');
    expect(await dealsFromLead(t, lead)).toHaveLength(1);
  });
});

describe('conversion status retention', () => {
  it('purges status rows older than the retention, and only those', async () => {
    const t = await newTenant();
    const old = (await makeLead(t)).id;
    const fresh = (await makeLead(t)).id;
    const oldId = await convert(t, old);
    const freshId = await convert(t, fresh);
    await t.db
      .update(conversions)
      .set({ updateTime: new Date(Date.now() - 8 * 86_400_000) })
      .where(and(eq(conversions.companyId, t.companyId), eq(conversions.id, oldId)));
    expect(await purgeConversions(t.ctx)).toBe(1);
    expect((await t.get(`/api/v2/leads/${old}/convert/status/${oldId}`)).status).toBe(404);
    expect((await statusOf(t, fresh, freshId)).status).toBe('completed');
  });
});
