import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { boardOf } from '../../../test/helpers/board.ts';
import { Board } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

describe('GET /api/ext/pipelines/{id}/board', () => {
  it('sums counts, values and weighted values per stage and currency on the server', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    // stage 0 has probability 10, stage 1 has 20
    await b.addDeal({ value: 1000 });
    await b.addDeal({ value: 500.5, probability: 50 });
    await b.addDeal({ value: 200, currency: 'EUR' });
    await b.addDeal({ value: 300, stage_id: b.stages[1] });
    await b.addDeal({ value: 9999, status: 'won' });
    await b.addDeal({ value: 7777, is_archived: true });
    const gone = await b.addDeal({ value: 8888 });
    await t.del(`/api/v2/deals/${gone}`);

    const res = await t.get(`/api/ext/pipelines/${b.pipeline}/board`);
    expect(res.status).toBe(200);
    const board = Board.parse(res.body.data);
    expect(board.pipeline.id).toBe(b.pipeline);
    expect(board.stages.map((s) => s.id)).toEqual(b.stages);
    const [first, second, third] = board.stages;
    expect(first).toMatchObject({
      name: 'Qualified',
      deal_probability: 10,
      count: 3,
      currency: 'USD',
      total_value: 1500.5,
      weighted_value: 350.25, // 1000 × 10% + 500.5 × 50%
      currencies: {
        USD: { count: 2, total_value: 1500.5, weighted_value: 350.25 },
        EUR: { count: 1, total_value: 200, weighted_value: 20 },
      },
    });
    expect(second).toMatchObject({ count: 1, total_value: 300, weighted_value: 60 });
    expect(third).toMatchObject({ count: 0, total_value: 0, weighted_value: 0, currencies: {} });
    expect(board.totals).toMatchObject({
      count: 4,
      currency: 'USD',
      total_value: 1800.5,
      weighted_value: 410.25,
      currencies: { EUR: { count: 1, total_value: 200, weighted_value: 20 } },
    });

    const won = await t.get(`/api/ext/pipelines/${b.pipeline}/board`, { status: 'won' });
    expect(won.body.data.stages[0]).toMatchObject({ count: 1, total_value: 9999 });
    const all = await t.get(`/api/ext/pipelines/${b.pipeline}/board`, { status: 'all' });
    expect(all.body.data.totals.count).toBe(5);
  });

  it('filters by owner and hides private deals of others from a regular user', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const other = await t.addUser();
    await b.addDeal({ value: 10 });
    await b.addDeal({ value: 20, owner_id: other.id });
    await b.addDeal({ value: 40, visible_to: 1 });

    const mine = await t.get(`/api/ext/pipelines/${b.pipeline}/board`, { owner_id: t.userId });
    expect(mine.body.data.stages[0]).toMatchObject({ count: 2, total_value: 50 });
    const theirs = await t.get(`/api/ext/pipelines/${b.pipeline}/board`, { owner_id: other.id });
    expect(theirs.body.data.stages[0]).toMatchObject({ count: 1, total_value: 20 });

    const asOther = await other.as.get(`/api/ext/pipelines/${b.pipeline}/board`);
    expect(asOther.body.data.stages[0]).toMatchObject({ count: 2, total_value: 30 });
    const admin = await t.get(`/api/ext/pipelines/${b.pipeline}/board`);
    expect(admin.body.data.stages[0]).toMatchObject({ count: 3, total_value: 70 });
  });

  it('reports the company default currency even when no deal uses it', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    await b.addDeal({ value: 100, currency: 'EUR' });
    const res = await t.get(`/api/ext/pipelines/${b.pipeline}/board`);
    expect(res.body.data.stages[0]).toMatchObject({
      count: 1,
      currency: 'USD',
      total_value: 0,
      currencies: { EUR: { count: 1, total_value: 100, weighted_value: 10 } },
    });
  });

  it('refuses bad input and other companies, without a 500', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const pa = (await boardOf(a)).pipeline;
    expect((await b.get(`/api/ext/pipelines/${pa}/board`)).status).toBe(404);
    expect((await a.get('/api/ext/pipelines/999999999/board')).status).toBe(404);
    for (const path of ['/api/ext/pipelines/abc/board', `/api/ext/pipelines/${'9'.repeat(30)}/board`]) {
      const res = await a.get(path);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain('id');
    }
    for (const [query, field] of [
      [{ status: 'deleted' }, 'status'],
      [{ owner_id: 'me' }, 'owner_id'],
      [{ owner_id: '-1' }, 'owner_id'],
    ] as const) {
      const res = await a.get(`/api/ext/pipelines/${pa}/board`, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    // a deleted pipeline is gone
    const extra = await a.post('/api/v2/pipelines', { name: 'Extra' });
    await a.del(`/api/v2/pipelines/${extra.body.data.id}`);
    expect((await a.get(`/api/ext/pipelines/${extra.body.data.id}/board`)).status).toBe(404);
  });
});
