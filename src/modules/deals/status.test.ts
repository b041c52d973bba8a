import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from './tables.ts';

// The worker's database starts once (seconds; longer on a busy machine): not inside a test's time.
beforeAll(async () => {
  await testApp();
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('v2 deals: status', () => {
  it('sets and clears the close times through won, lost and reopen', async () => {
    const t = await newTenant();
    const won = (await t.post('/api/v2/deals', { title: 'w', status: 'won' })).body.data;
    expect(won.won_time).toMatch(RFC3339);
    expect(won).toMatchObject({
      status: 'won',
      close_time: won.won_time,
      lost_time: null,
      lost_reason: null,
    });
    const first = (await t.get(`/api/v2/deals/${won.id}`, { include_fields: 'first_won_time' })).body.data;
    expect(first.first_won_time).toBe(won.won_time);

    const reopened = (await t.patch(`/api/v2/deals/${won.id}`, { status: 'open' })).body.data;
    expect(reopened).toMatchObject({ status: 'open', won_time: null, lost_time: null, close_time: null });

    const lost = await t.patch(`/api/v2/deals/${won.id}`, { status: 'lost', lost_reason: 'Budget' });
    expect(lost.body.data).toMatchObject({ status: 'lost', lost_reason: 'Budget', won_time: null });
    expect(lost.body.data.lost_time).toMatch(RFC3339);
    expect(lost.body.data.close_time).toBe(lost.body.data.lost_time);
    // a lost deal may change its reason without a status
    const reason = await t.patch(`/api/v2/deals/${won.id}`, { lost_reason: 'Timing' });
    expect(reason.body.data).toMatchObject({ lost_reason: 'Timing', lost_time: lost.body.data.lost_time });

    // lost → won clears the lost part; first_won_time stays the first one
    await t.db
      .update(deals)
      .set({ firstWonTime: new Date('2021-06-01T12:00:00Z') })
      .where(eq(deals.id, won.id));
    const rewon = await t.patch(`/api/v2/deals/${won.id}`, { status: 'won' });
    expect(rewon.body.data).toMatchObject({ status: 'won', lost_reason: null, lost_time: null });
    const again = (await t.get('/api/v2/deals', { include_fields: 'first_won_time' })).body.data[0];
    expect(again.first_won_time).toBe('2021-06-01T12:00:00Z');

    const reopen = await t.patch(`/api/v2/deals/${won.id}`, { status: 'open' });
    expect(reopen.body.data).toMatchObject({ won_time: null, close_time: null, lost_reason: null });
    const refused = await t.patch(`/api/v2/deals/${won.id}`, { lost_reason: 'nope' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('lost_reason');
    expect((await t.patch(`/api/v2/deals/${won.id}`, { status: 'closed' })).status).toBe(400);
    // clearing a reason that is not there is fine
    expect((await t.patch(`/api/v2/deals/${won.id}`, { lost_reason: null })).status).toBe(200);

    const changes = (
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.itemType, 'deal'), eq(auditEvents.itemId, String(won.id))))
        .orderBy(auditEvents.id)
    )
      .flatMap((e) => e.changes)
      .filter((c) => c.field_key === 'status')
      .map((c) => [c.old_value, c.new_value]);
    expect(changes).toEqual([
      [null, 'won'],
      ['won', 'open'],
      ['open', 'lost'],
      ['lost', 'won'],
      ['won', 'open'],
    ]);
  });

  it('takes explicit won, lost and close times', async () => {
    const t = await newTenant();
    const won = await t.post('/api/v2/deals', {
      title: 'w',
      status: 'won',
      won_time: '2024-03-01 09:30:00',
    });
    expect(won.body.data).toMatchObject({
      won_time: '2024-03-01T09:30:00Z',
      close_time: '2024-03-01T09:30:00Z',
    });
    const lost = await t.post('/api/v2/deals', {
      title: 'l',
      status: 'lost',
      lost_reason: 'Price',
      lost_time: '2024-03-02T10:00:00+02:00',
      close_time: '2024-03-03 00:00:00',
    });
    expect(lost.body.data).toMatchObject({
      lost_time: '2024-03-02T08:00:00Z',
      close_time: '2024-03-03T00:00:00Z',
      lost_reason: 'Price',
    });
    const moved = await t.patch(`/api/v2/deals/${won.body.data.id}`, { won_time: '2024-04-01 00:00:00' });
    expect(moved.body.data.won_time).toBe('2024-04-01T00:00:00Z');
    const wrong = await t.patch(`/api/v2/deals/${won.body.data.id}`, { lost_time: '2024-04-01 00:00:00' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toContain('lost_time');
  });

  it('accepts probability as a number from 0 to 100, or null', async () => {
    const t = await newTenant();
    const d = (await t.post('/api/v2/deals', { title: 'p', probability: 0 })).body.data;
    expect(d.probability).toBe(0);
    expect((await t.patch(`/api/v2/deals/${d.id}`, { probability: 99.5 })).body.data.probability).toBe(99.5);
    expect((await t.patch(`/api/v2/deals/${d.id}`, { probability: -1 })).status).toBe(400);
  });
});

describe('v2 deals: archiving', () => {
  it('archives, refuses changes while archived, and unarchives', async () => {
    const t = await newTenant();
    const d = (await t.post('/api/v2/deals', { title: 'old', status: 'lost', lost_reason: 'x' })).body.data;
    const archived = await t.patch(`/api/v2/deals/${d.id}`, { is_archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ is_archived: true, status: 'lost', lost_reason: 'x' });
    expect(archived.body.data.archive_time).toMatch(RFC3339);

    expect((await t.get(`/api/v2/deals/${d.id}`)).body.data.is_archived).toBe(true);
    expect((await t.get('/api/v2/deals')).body.data).toEqual([]);
    const list = (await t.get('/api/v2/deals/archived')).body;
    expect(list.data.map((x: { id: number }) => x.id)).toEqual([d.id]);
    expect(list.additional_data).toEqual({ next_cursor: null });

    for (const body of [{ title: 'new' }, { is_archived: true }, {}, { status: 'open' }]) {
      const res = await t.patch(`/api/v2/deals/${d.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
      expect(res.body.error).toMatch(/archived/);
    }
    expect((await t.del(`/api/v2/deals/${d.id}`)).status).toBe(403);
    expect((await t.get(`/api/v2/deals/${d.id}`)).body.data.title).toBe('old');

    const back = await t.patch(`/api/v2/deals/${d.id}`, { is_archived: false });
    expect(back.status).toBe(200);
    expect(back.body.data).toMatchObject({ is_archived: false, archive_time: null, status: 'lost' });
    expect((await t.get('/api/v2/deals/archived')).body.data).toEqual([]);
    expect((await t.patch(`/api/v2/deals/${d.id}`, { title: 'new' })).body.data.title).toBe('new');
  });

  it('creates deals already archived, with a given or the current archive time', async () => {
    const t = await newTenant();
    const given = await t.post('/api/v2/deals', {
      title: 'a',
      is_archived: true,
      archive_time: '2024-05-01 10:00:00',
    });
    expect(given.body.data).toMatchObject({ is_archived: true, archive_time: '2024-05-01T10:00:00Z' });
    const now = await t.post('/api/v2/deals', { title: 'b', is_archived: true, archive_time: null });
    expect(now.body.data.archive_time).toMatch(RFC3339);
    const live = await t.post('/api/v2/deals', { title: 'c', is_archived: false });
    expect(live.body.data).toMatchObject({ is_archived: false, archive_time: null });
    const archived = (await t.get('/api/v2/deals/archived', { sort_direction: 'desc' })).body.data;
    expect(archived.map((x: { title: string }) => x.title)).toEqual(['b', 'a']);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.itemType, 'deal'), eq(auditEvents.itemId, String(given.body.data.id))))
      .orderBy(auditEvents.id);
    expect(events[0]?.changes).toContainEqual({ field_key: 'is_archived', old_value: null, new_value: true });
  });
});
