import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeField, makeOrganization, makePerson, stagesOf } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { deals } from './tables.ts';

// The worker's database starts once (seconds; longer on a busy machine): not inside a test's time.
beforeAll(async () => {
  await testApp();
});

const idsOf = (res: { body: { data: { id: number }[] } }) => res.body.data.map((d) => d.id);

async function add(t: Tenant, body: Record<string, unknown>): Promise<number> {
  const res = await t.post('/api/v2/deals', { title: 'deal', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id;
}

describe('v2 deals: list filters', () => {
  it('filters by owner, person, org, pipeline, stage, ids and status', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    const { pipeline, stages } = await stagesOf(t);
    const p2 = (await t.post('/api/v2/pipelines', { name: 'Two' })).body.data.id;
    await t.post('/api/v2/stages', { name: 'Only', pipeline_id: p2 });
    const person = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;

    const a = await add(t, { person_id: person });
    const b = await add(t, { org_id: org, stage_id: stages[1], status: 'won' });
    const c = await add(t, { owner_id: user.id, pipeline_id: p2, status: 'lost' });
    const d = await add(t, { person_id: person, org_id: org });
    const e = await add(t, {});
    await t.del(`/api/v2/deals/${e}`);

    expect(idsOf(await t.get('/api/v2/deals'))).toEqual([a, b, c, d]);
    expect(idsOf(await t.get('/api/v2/deals', { owner_id: user.id }))).toEqual([c]);
    expect(idsOf(await t.get('/api/v2/deals', { person_id: person }))).toEqual([a, d]);
    expect(idsOf(await t.get('/api/v2/deals', { org_id: org }))).toEqual([b, d]);
    expect(idsOf(await t.get('/api/v2/deals', { pipeline_id: pipeline }))).toEqual([a, b, d]);
    expect(idsOf(await t.get('/api/v2/deals', { stage_id: stages[1] as number }))).toEqual([b]);
    expect(idsOf(await t.get('/api/v2/deals', { ids: `${d}, ${a},999999999,${e}` }))).toEqual([a, d]);
    expect(idsOf(await t.get('/api/v2/deals', { status: 'open' }))).toEqual([a, d]);
    expect(idsOf(await t.get('/api/v2/deals', { status: 'won,lost' }))).toEqual([b, c]);
    expect(idsOf(await t.get('/api/v2/deals', { status: 'open,deleted' }))).toEqual([a, d, e]);
    expect(idsOf(await t.get('/api/v2/deals', { status: 'open', person_id: person, org_id: org }))).toEqual([
      d,
    ]);
    // accepted and ignored
    const ignored = await t.get('/api/v2/deals', {
      filter_id: 5,
      include_option_labels: true,
      include_labels: false,
    });
    expect(idsOf(ignored)).toEqual([a, b, c, d]);
  });

  it('filters on update time: since inclusive, until exclusive', async () => {
    const t = await newTenant();
    const a = await add(t, {});
    const b = await add(t, {});
    const c = await add(t, {});
    const at = (iso: string) => new Date(iso);
    await t.db
      .update(deals)
      .set({ updateTime: at('2024-01-01T00:00:00Z') })
      .where(eq(deals.id, a));
    await t.db
      .update(deals)
      .set({ updateTime: at('2024-02-01T00:00:00Z') })
      .where(eq(deals.id, b));
    await t.db
      .update(deals)
      .set({ updateTime: at('2024-03-01T00:00:00Z') })
      .where(eq(deals.id, c));
    const q = { updated_since: '2024-02-01T00:00:00Z', updated_until: '2024-03-01T00:00:00Z' };
    expect(idsOf(await t.get('/api/v2/deals', q))).toEqual([b]);
    expect(idsOf(await t.get('/api/v2/deals', { updated_since: '2024-01-15T00:00:00Z' }))).toEqual([b, c]);
    const desc = await t.get('/api/v2/deals', { sort_by: 'update_time', sort_direction: 'desc', limit: 2 });
    expect(idsOf(desc)).toEqual([c, b]);
    const rest = await t.get('/api/v2/deals', {
      sort_by: 'update_time',
      sort_direction: 'desc',
      limit: 2,
      cursor: desc.body.additional_data.next_cursor,
    });
    expect(idsOf(rest)).toEqual([a]);
    expect(rest.body.additional_data.next_cursor).toBeNull();
  });

  it('pages with a cursor in every sort order', async () => {
    const t = await newTenant();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await add(t, { title: `d${i}` }));
    for (const sort_by of ['id', 'add_time', 'update_time']) {
      for (const sort_direction of ['asc', 'desc']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const q: Record<string, string | number> = { sort_by, sort_direction, limit: 2 };
          if (cursor) q.cursor = cursor;
          const res = await t.get('/api/v2/deals', q);
          expect(res.status).toBe(200);
          seen.push(...idsOf(res));
          cursor = res.body.additional_data.next_cursor;
        } while (cursor);
        expect(
          [...seen].sort((x, y) => x - y),
          `${sort_by} ${sort_direction}`,
        ).toEqual(ids);
        if (sort_by === 'id') expect(seen).toEqual(sort_direction === 'asc' ? ids : [...ids].reverse());
      }
    }
  });

  it('adds include_fields and narrows custom_fields', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: 'a'.repeat(40), name: 'One', field_type: 'varchar' });
    await makeField(t, 'deal', { key: 'b'.repeat(40), name: 'Two', field_type: 'double' });
    const k1 = 'a'.repeat(40);
    const k2 = 'b'.repeat(40);
    const id = await add(t, { custom_fields: { [k1]: 'one', [k2]: 2 } });
    const plain = (await t.get('/api/v2/deals')).body.data[0];
    expect(plain).not.toHaveProperty('source_lead_id');
    expect(plain).not.toHaveProperty('first_won_time');
    expect(plain.custom_fields).toEqual({ [k1]: 'one', [k2]: 2 });
    const q = {
      include_fields: 'source_lead_id,next_activity_id,last_activity_id,first_won_time,notes_count',
      custom_fields: `${k2},${'c'.repeat(40)}`,
    };
    for (const res of [await t.get('/api/v2/deals', q), await t.get(`/api/v2/deals/${id}`, q)]) {
      const d = Array.isArray(res.body.data) ? res.body.data[0] : res.body.data;
      expect(d).toMatchObject({
        source_lead_id: null,
        next_activity_id: null,
        last_activity_id: null,
        first_won_time: null,
        custom_fields: { [k2]: 2 },
      });
      expect(Object.keys(d.custom_fields)).toEqual([k2]);
    }
  });

  it('refuses bad query parameters with a 400 naming them', async () => {
    const t = await newTenant();
    await add(t, {});
    const cases: [Record<string, string | number>, string][] = [
      [{ limit: 501 }, 'limit'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: Buffer.from('{"v":1}').toString('base64url') }, 'cursor'],
      [{ cursor: Buffer.from('{"v":1,"id":"abc"}').toString('base64url') }, 'cursor'],
      [{ cursor: Buffer.from('{"v":1,"id":1e300}').toString('base64url') }, 'cursor'],
      [
        { sort_by: 'update_time', cursor: Buffer.from('{"v":"99999-01-01","id":1}').toString('base64url') },
        'cursor',
      ],
      [{ updated_since: '0000-01-01T00:00:00Z' }, 'updated_since'],
      [{ include_fields: 'bogus' }, 'include_fields'],
      [{ include_fields: 'source_lead_id,bogus' }, 'include_fields'],
      [{ custom_fields: 'Not A Key' }, 'custom_fields'],
      [{ custom_fields: Array.from({ length: 16 }, (_, i) => `f${i}`).join(',') }, 'custom_fields'],
      [{ status: 'closed' }, 'status'],
      [{ status: 'open,all' }, 'status'],
      [{ ids: 'a,b' }, 'ids'],
      [{ ids: Array.from({ length: 101 }, (_, i) => i + 1).join(',') }, 'ids'],
      [{ owner_id: 'me' }, 'owner_id'],
      [{ stage_id: -1 }, 'stage_id'],
      [{ person_id: '99999999999999999999' }, 'person_id'],
      [{ updated_since: 'yesterday' }, 'updated_since'],
      [{ sort_by: 'title' }, 'sort_by'],
      [{ sort_direction: 'up' }, 'sort_direction'],
      [{ filter_id: 'x' }, 'filter_id'],
      [{ include_labels: 'yes' }, 'include_labels'],
      [{ include_option_labels: 'maybe' }, 'include_option_labels'],
    ];
    for (const [q, field] of cases) {
      const res = await t.get('/api/v2/deals', q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error, JSON.stringify(q)).toContain(field);
      if (field !== 'include_labels' && field !== 'include_option_labels') {
        expect((await t.get('/api/v2/deals/archived', q)).status, JSON.stringify(q)).toBe(400);
      }
    }
    const bad = await t.get('/api/v2/deals/1', { include_fields: 'bogus' });
    expect(bad.status).toBe(400);
  });

  it('lists archived deals with the same filters, never in the main list', async () => {
    const t = await newTenant();
    const person = (await makePerson(t)).id;
    const a = await add(t, { is_archived: true, person_id: person, status: 'won' });
    const b = await add(t, { is_archived: true });
    const c = await add(t, {});
    expect(idsOf(await t.get('/api/v2/deals'))).toEqual([c]);
    expect(idsOf(await t.get('/api/v2/deals/archived'))).toEqual([a, b]);
    expect(idsOf(await t.get('/api/v2/deals/archived', { person_id: person }))).toEqual([a]);
    expect(idsOf(await t.get('/api/v2/deals/archived', { status: 'open' }))).toEqual([b]);
    expect(idsOf(await t.get('/api/v2/deals/archived', { ids: `${a},${c}` }))).toEqual([a]);
    const other = await newTenant();
    expect(idsOf(await other.get('/api/v2/deals/archived'))).toEqual([]);
    const user = await t.addUser();
    await t.patch(`/api/v2/deals/${b}`, { is_archived: false });
    await t.patch(`/api/v2/deals/${b}`, { visible_to: 1, is_archived: true });
    expect(idsOf(await user.as.get('/api/v2/deals/archived'))).toEqual([a]);
  });
});
