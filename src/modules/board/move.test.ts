import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageDeal } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { boardOf } from '../../../test/helpers/board.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from '../deals/tables.ts';
import { Card } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

describe('POST /api/ext/deals/{id}/move', () => {
  it('moves a card to another stage and place, records the stage change and answers the card', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const moving = await b.addDeal({ title: 'Moving' });
    const x = await b.addDeal({ stage_id: b.stages[1] });
    const y = await b.addDeal({ stage_id: b.stages[1] });
    await ageDeal(t, moving, 10);

    const res = await t.post(`/api/ext/deals/${moving}/move`, { stage_id: b.stages[1], before_id: y });
    expect(res.status).toBe(200);
    const card = Card.parse(res.body.data);
    expect(card).toMatchObject({ id: moving, title: 'Moving', stage_id: b.stages[1] });
    expect(await b.ids(b.stages[1])).toEqual([x, moving, y]);
    expect(await b.ids(b.stages[0])).toEqual([]);

    const deal = (await t.get(`/api/v2/deals/${moving}`)).body.data;
    expect(deal.stage_id).toBe(b.stages[1]);
    expect(Date.now() - Date.parse(deal.update_time)).toBeLessThan(60_000);
    const changelog = await t.get(`/api/v1/deals/${moving}/changelog`);
    expect(changelog.body.data[0]).toMatchObject({
      field_key: 'stage_id',
      old_value: String(b.stages[0]),
      new_value: String(b.stages[1]),
      actor_user_id: t.userId,
    });
  });

  it('reorders within a stage (before, after, to the end) without touching update_time', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const [d1, d2, d3, d4] = [await b.addDeal(), await b.addDeal(), await b.addDeal(), await b.addDeal()];
    const before = (await t.get(`/api/v2/deals/${d4}`)).body.data.update_time;

    await t.post(`/api/ext/deals/${d4}/move`, { stage_id: b.stages[0], before_id: d1 });
    expect(await b.ids(b.stages[0])).toEqual([d4, d1, d2, d3]);
    await t.post(`/api/ext/deals/${d4}/move`, { stage_id: b.stages[0], after_id: d2 });
    expect(await b.ids(b.stages[0])).toEqual([d1, d2, d4, d3]);
    await t.post(`/api/ext/deals/${d1}/move`, { stage_id: b.stages[0], after_id: d3 });
    expect(await b.ids(b.stages[0])).toEqual([d2, d4, d3, d1]);
    await t.post(`/api/ext/deals/${d2}/move`, { stage_id: b.stages[0] });
    expect(await b.ids(b.stages[0])).toEqual([d4, d3, d1, d2]);
    expect((await t.get(`/api/v2/deals/${d4}`)).body.data.update_time).toBe(before);
  });

  it('keeps the order when the gap between two cards runs out (renumbers the stage)', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const a = await b.addDeal();
    const c = await b.addDeal();
    const m = await b.addDeal();
    // tie a and c: no float fits between them
    await t.db
      .update(deals)
      .set({ position: 5 })
      .where(and(eq(deals.companyId, t.companyId)));
    const res = await t.post(`/api/ext/deals/${m}/move`, { stage_id: b.stages[0], after_id: a });
    expect(res.status).toBe(200);
    expect(await b.ids(b.stages[0])).toEqual([a, m, c]);
    // many moves into the same gap stay ordered
    for (let i = 0; i < 60; i++) {
      const [from, to] = i % 2 === 0 ? [m, a] : [a, m];
      await t.post(`/api/ext/deals/${from}/move`, { stage_id: b.stages[0], before_id: to });
    }
    expect(await b.ids(b.stages[0])).toEqual([a, m, c]);
  });

  it('refuses bad input, unknown and foreign ids, archived deals; writes nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const b = await boardOf(t);
    const ob = await boardOf(other);
    const d = await b.addDeal();
    const n = await b.addDeal({ stage_id: b.stages[1] });
    const foreignDeal = await ob.addDeal();
    const archived = await b.addDeal({ is_archived: true });
    const gone = await b.addDeal();
    await t.del(`/api/v2/deals/${gone}`);

    const cases: [number | string, unknown, number, string][] = [
      [d, {}, 400, 'stage_id'],
      [d, { stage_id: String(b.stages[1]) }, 400, 'stage_id'],
      [d, { stage_id: 1.5 }, 400, 'stage_id'],
      [d, { stage_id: 1e30 }, 400, 'stage_id'],
      [d, { stage_id: null }, 400, 'stage_id'],
      [d, { stage_id: b.stages[1], before_id: 'x' }, 400, 'before_id'],
      [d, { stage_id: b.stages[1], before_id: n, after_id: n }, 400, 'before_id'],
      [d, { stage_id: b.stages[1], before_id: d }, 400, 'before_id'],
      [d, { stage_id: b.stages[0], after_id: n }, 400, 'after_id'],
      [d, { stage_id: 999_999_999 }, 404, 'stage_id'],
      [d, { stage_id: ob.stages[0] }, 404, 'stage_id'],
      [d, { stage_id: b.stages[1], before_id: foreignDeal }, 404, 'before_id'],
      [d, { stage_id: b.stages[0], after_id: gone }, 404, 'after_id'],
      [foreignDeal, { stage_id: b.stages[1] }, 404, 'Deal'],
      [gone, { stage_id: b.stages[1] }, 404, 'Deal'],
      ['abc', { stage_id: b.stages[1] }, 400, 'id'],
      [archived, { stage_id: b.stages[1] }, 403, 'archived'],
    ];
    for (const [id, body, status, word] of cases) {
      const res = await t.post(`/api/ext/deals/${id}/move`, body);
      expect(res.status, `${id} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(word);
    }
    expect(await b.ids(b.stages[0])).toEqual([d]);
    expect(await ob.ids(ob.stages[0])).toEqual([foreignDeal]);
  });

  it("does not let a regular user move someone else's private deal", async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const user = await t.addUser();
    const secret = await b.addDeal({ visible_to: 1 });
    const open = await b.addDeal();
    const res = await user.as.post(`/api/ext/deals/${secret}/move`, { stage_id: b.stages[1] });
    expect(res.status).toBe(404);
    const near = await user.as.post(`/api/ext/deals/${open}/move`, {
      stage_id: b.stages[0],
      after_id: secret,
    });
    expect(near.status).toBe(404);
    expect(near.body.error).toContain('after_id');
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.actorUserId, user.id)));
    expect(events.filter((e) => e.itemType === 'deal')).toEqual([]);
  });
});

describe('GET /api/ext/deals/{id}/stage-history', () => {
  it('lists the stages a deal went through with the days spent in each', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const d = await b.addDeal();
    await t.post(`/api/ext/deals/${d}/move`, { stage_id: b.stages[2] });
    await t.patch(`/api/v2/deals/${d}`, { stage_id: b.stages[1] });
    // make the first visit three days long
    const ev = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, String(d))));
    const created = ev.find((e) => e.action === 'create');
    await t.db
      .update(auditEvents)
      .set({ time: new Date(Date.now() - 3.5 * 86_400_000) })
      .where(eq(auditEvents.id, created!.id));

    const res = await t.get(`/api/ext/deals/${d}/stage-history`);
    expect(res.status).toBe(200);
    const visits = res.body.data;
    expect(visits.map((v: { stage_id: number }) => v.stage_id)).toEqual([
      b.stages[0],
      b.stages[2],
      b.stages[1],
    ]);
    expect(visits[0].days).toBe(3);
    expect(visits[0].left).toBe(visits[1].entered);
    expect(visits[1].left).toBe(visits[2].entered);
    expect(visits[2]).toMatchObject({ left: null, days: 0 });
  });

  it('starts from where the deal is when it has no stage events', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const d = await b.addDeal({ stage_id: b.stages[3] });
    await t.db
      .delete(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemId, String(d))));
    const res = await t.get(`/api/ext/deals/${d}/stage-history`);
    expect(res.body.data).toEqual([expect.objectContaining({ stage_id: b.stages[3], left: null, days: 0 })]);
  });

  it('is 404 for deleted, foreign and invisible deals', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const b = await boardOf(t);
    const user = await t.addUser();
    const secret = await b.addDeal({ visible_to: 1 });
    const gone = await b.addDeal();
    await t.del(`/api/v2/deals/${gone}`);
    expect((await t.get(`/api/ext/deals/${gone}/stage-history`)).status).toBe(404);
    expect((await other.get(`/api/ext/deals/${secret}/stage-history`)).status).toBe(404);
    expect((await user.as.get(`/api/ext/deals/${secret}/stage-history`)).status).toBe(404);
    expect((await t.get('/api/ext/deals/0x1/stage-history')).status).toBe(400);
  });
});
