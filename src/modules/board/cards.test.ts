import { beforeAll, describe, expect, it } from 'vitest';
import { ageDeal, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { boardOf } from '../../../test/helpers/board.ts';
import { activityState, isRotten } from './cards.ts';
import { Card } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

const ymd = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('GET /api/ext/stages/{id}/cards', () => {
  it('answers cards in kanban order with contacts, owner, activity state and rotting', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const personId = (await makePerson(t, { name: 'Pat Buyer' })).id;
    const orgId = (await makeOrganization(t, { name: 'Buyer Inc' })).id;
    await t.patch(`/api/v2/stages/${b.stages[0]}`, { is_deal_rot_enabled: true, days_to_rotten: 3 });
    const first = await b.addDeal({ title: 'First', value: 12.5, person_id: personId, org_id: orgId });
    const overdue = await b.addDeal({ title: 'Overdue' });
    const today = await b.addDeal({ title: 'Today' });
    const future = await b.addDeal({ title: 'Future' });
    const rotten = await b.addDeal({ title: 'Rotten' });
    await b.addDeal({ title: 'Elsewhere', stage_id: b.stages[1] });
    for (const [deal, due] of [
      [overdue, ymd(-2)],
      [today, ymd(0)],
      [future, ymd(5)],
    ] as const) {
      const res = await t.post('/api/v2/activities', { subject: 'Call', deal_id: deal, due_date: due });
      expect(res.status).toBe(200);
    }
    await t.post('/api/v2/activities', { subject: 'Done', deal_id: first, due_date: ymd(-1), done: true });
    await ageDeal(t, rotten, 4);

    const res = await t.get(`/api/ext/stages/${b.stages[0]}/cards`);
    expect(res.status).toBe(200);
    expect(res.body.additional_data).toEqual({ next_cursor: null });
    const cards = res.body.data.map((c: unknown) => Card.parse(c));
    expect(cards.map((c: { title: string }) => c.title)).toEqual([
      'First',
      'Overdue',
      'Today',
      'Future',
      'Rotten',
    ]);
    expect(cards[0]).toMatchObject({
      id: first,
      value: 12.5,
      currency: 'USD',
      status: 'open',
      stage_id: b.stages[0],
      person: { id: personId, name: 'Pat Buyer' },
      organization: { id: orgId, name: 'Buyer Inc' },
      owner: { id: t.userId },
      activity: 'none',
      next_activity_date: null,
      is_rotten: false,
    });
    expect(cards[1]).toMatchObject({ activity: 'overdue', next_activity_date: ymd(-2), person: null });
    expect(cards[2]).toMatchObject({ activity: 'today' });
    expect(cards[3]).toMatchObject({ activity: 'future', next_activity_date: ymd(5) });
    expect(cards[4]).toMatchObject({ activity: 'none', is_rotten: true });
    expect(cards[0].update_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('pages with a cursor (50 by default, at most 100)', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push(await b.addDeal({ title: `D${i}` }));
    const one = await t.get(`/api/ext/stages/${b.stages[0]}/cards`, { limit: 2 });
    expect(one.body.data.map((c: { id: number }) => c.id)).toEqual(made.slice(0, 2));
    const two = await t.get(`/api/ext/stages/${b.stages[0]}/cards`, {
      limit: 2,
      cursor: one.body.additional_data.next_cursor,
    });
    expect(two.body.data.map((c: { id: number }) => c.id)).toEqual(made.slice(2, 4));
    const three = await t.get(`/api/ext/stages/${b.stages[0]}/cards`, {
      limit: 2,
      cursor: two.body.additional_data.next_cursor,
    });
    expect(three.body.data.map((c: { id: number }) => c.id)).toEqual(made.slice(4));
    expect(three.body.additional_data.next_cursor).toBeNull();
  });

  it('filters by owner and status; hides deleted, archived and private deals of others', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const other = await t.addUser();
    const open = await b.addDeal();
    const theirs = await b.addDeal({ owner_id: other.id });
    const secret = await b.addDeal({ visible_to: 1 });
    const won = await b.addDeal({ status: 'won' });
    await b.addDeal({ is_archived: true });
    const gone = await b.addDeal();
    await t.del(`/api/v2/deals/${gone}`);

    expect(await b.ids(b.stages[0])).toEqual([open, theirs, secret]);
    expect((await b.cards(b.stages[0], { owner_id: other.id })).map((c) => c.id)).toEqual([theirs]);
    expect((await b.cards(b.stages[0], { status: 'won' })).map((c) => c.id)).toEqual([won]);
    expect((await b.cards(b.stages[0], { status: 'all' })).map((c) => c.id)).toEqual([
      open,
      theirs,
      secret,
      won,
    ]);
    const asOther = await other.as.get(`/api/ext/stages/${b.stages[0]}/cards`);
    expect(asOther.body.data.map((c: { id: number }) => c.id)).toEqual([open, theirs]);
  });

  it('carries the custom values asked for; a moved card carries all of them', async () => {
    const t = await newTenant();
    const b = await boardOf(t);
    const add = async (body: object) => (await t.post('/api/v2/dealFields', body)).body.data;
    const tier = await add({ field_name: 'Tier', field_type: 'enum', options: [{ label: 'Gold' }] });
    const ref = await add({ field_name: 'Ref', field_type: 'varchar' });
    const gold = tier.options[0].id;
    const deal = await b.addDeal({
      title: 'Custom',
      custom_fields: { [tier.field_code]: gold, [ref.field_code]: 'R-1' },
    });
    await b.addDeal({ title: 'Plain' });

    const plain = await b.cards(b.stages[0]);
    expect(plain.map((c) => c.custom_fields)).toEqual([{}, {}]);
    const asked = await b.cards(b.stages[0], { custom_fields: tier.field_code });
    expect(asked.map((c) => Card.parse(c).custom_fields)).toEqual([{ [tier.field_code]: gold }, {}]);

    const moved = await t.post(`/api/ext/deals/${deal}/move`, { stage_id: b.stages[1] });
    expect(moved.status).toBe(200);
    expect(moved.body.data.custom_fields).toEqual({ [tier.field_code]: gold, [ref.field_code]: 'R-1' });

    const bad = await t.get(`/api/ext/stages/${b.stages[0]}/cards`, { custom_fields: 'not-a-key' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('custom_fields');
  });

  it('refuses bad input and other companies, without a 500', async () => {
    const a = await newTenant();
    const other = await newTenant();
    const b = await boardOf(a);
    expect((await other.get(`/api/ext/stages/${b.stages[0]}/cards`)).status).toBe(404);
    expect((await a.get('/api/ext/stages/999999999/cards')).status).toBe(404);
    const forged = Buffer.from(JSON.stringify({ v: 'x', id: 'not-a-number' })).toString('base64url');
    const uuidId = Buffer.from(JSON.stringify({ v: 1, id: '2b7c8a5e-6f1e-4a53-9d47-0b8d5a1f3c2e' })).toString(
      'base64url',
    );
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'garbage' }, 'cursor'],
      [{ cursor: forged }, 'cursor'],
      [{ cursor: uuidId }, 'cursor'],
      [{ cursor: 'x'.repeat(10_000) }, 'cursor'],
      [{ owner_id: '1.5' }, 'owner_id'],
      [{ status: 'deleted' }, 'status'],
    ] as const) {
      const res = await a.get(`/api/ext/stages/${b.stages[0]}/cards`, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});

describe('card indicators', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  it('tells overdue, today, future and none apart (UTC)', () => {
    expect(activityState(null, null, false, now)).toBe('none');
    expect(activityState(null, null, true, now)).toBe('future');
    expect(activityState('2025-03-09', null, true, now)).toBe('overdue');
    expect(activityState('2025-03-10', '11:30', true, now)).toBe('overdue');
    expect(activityState('2025-03-10', '12:30', true, now)).toBe('today');
    expect(activityState('2025-03-10', null, true, now)).toBe('today');
    expect(activityState('2025-03-11', '00:00', true, now)).toBe('future');
  });
  it('rots only open deals in stages with rotting on', () => {
    const old = { status: 'open', updateTime: new Date('2025-03-01T00:00:00Z') };
    expect(isRotten({ isDealRotEnabled: true, daysToRotten: 5 }, old, now)).toBe(true);
    expect(isRotten({ isDealRotEnabled: true, daysToRotten: 30 }, old, now)).toBe(false);
    expect(isRotten({ isDealRotEnabled: false, daysToRotten: 5 }, old, now)).toBe(false);
    expect(isRotten({ isDealRotEnabled: true, daysToRotten: null }, old, now)).toBe(false);
    expect(isRotten({ isDealRotEnabled: true, daysToRotten: 5 }, { ...old, status: 'won' }, now)).toBe(false);
  });
});
