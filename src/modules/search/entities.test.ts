import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeField,
  makeLead,
  makeNote,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { getStage } from '../pipelines/service.ts';
import {
  DealSearchItem,
  LeadSearchItem,
  LeadSearchPageV1,
  OrganizationSearchItem,
  searchPage,
} from './schema.ts';

// The worker's database starts (and migrates) once; allow for it on a busy machine.
beforeAll(async () => {
  await testApp();
}, 180_000);

type Item = { result_score: number; item: Record<string, any> };
const titles = (items: Item[]) => items.map((i) => i.item.title ?? i.item.name);

describe('v2 GET /organizations/search', () => {
  it('finds names and address lines without regard to accents or case', async () => {
    const t = await newTenant();
    const other = await newTenant();
    await makeOrganization(t, { name: 'Müller GmbH', address: 'Königstraße 1, Stuttgart' });
    await makeOrganization(t, { name: 'Öresund Logistik' });
    await makeOrganization(t, { name: 'Müller Gone', deleted: true });
    await makeOrganization(other, { name: 'Müller Elsewhere' });
    const res = await t.get('/api/v2/organizations/search', { term: 'MULLER' });
    expect(res.status).toBe(200);
    searchPage(OrganizationSearchItem).parse(res.body);
    expect(res.body.data.items).toEqual([
      {
        result_score: expect.any(Number),
        item: {
          id: expect.any(Number),
          type: 'organization',
          name: 'Müller GmbH',
          address: 'Königstraße 1, Stuttgart',
          visible_to: 3,
          owner: { id: t.userId },
          custom_fields: [],
          notes: [],
        },
      },
    ]);
    expect(
      titles((await t.get('/api/v2/organizations/search', { term: 'konigstr' })).body.data.items),
    ).toEqual(['Müller GmbH']);
    const nameOnly = await t.get('/api/v2/organizations/search', { term: 'konigstr', fields: 'name' });
    expect(nameOnly.body.data.items).toEqual([]);
    expect(
      titles((await t.get('/api/v2/organizations/search', { term: 'oresund' })).body.data.items),
    ).toEqual(['Öresund Logistik']);
    const bad = await t.get('/api/v2/organizations/search', { term: 'ab', fields: 'email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('fields');
  });

  it('hides private organizations of others from non-admins', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    await makeOrganization(t, { name: 'Secret Holdings', visible_to: 1 });
    await makeOrganization(t, { name: 'Secret Public', visible_to: 7 });
    const res = await user.as.get('/api/v2/organizations/search', { term: 'secret' });
    expect(titles(res.body.data.items)).toEqual(['Secret Public']);
    expect(
      titles((await t.get('/api/v2/organizations/search', { term: 'secret' })).body.data.items),
    ).toHaveLength(2);
  });
});

describe('v2 GET /deals/search', () => {
  it('finds titles, shows stage, person and organization, and filters', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Åkesson AB' })).id;
    const person = (await makePerson(t, { name: 'Åsa Åkesson', org_id: org })).id;
    const d = await makeDeal(t, {
      title: 'Åkesson licences',
      person_id: person,
      org_id: org,
      value: 1500.5,
      currency: 'EUR',
    });
    const stage = await getStage(t.ctx, d.stageId);
    await makeDeal(t, { title: 'Akesson support', status: 'won', is_archived: true });
    await makeDeal(t, { title: 'Akesson deleted', is_deleted: true });
    const res = await t.get('/api/v2/deals/search', { term: 'akesson', include_fields: 'deal.cc_email' });
    expect(res.status).toBe(200);
    searchPage(DealSearchItem).parse(res.body);
    expect(titles(res.body.data.items).sort()).toEqual(['Akesson support', 'Åkesson licences']);
    const licences = res.body.data.items.find((i: Item) => i.item.id === d.id).item;
    expect(licences).toMatchObject({
      type: 'deal',
      value: 1500.5,
      currency: 'EUR',
      status: 'open',
      visible_to: 3,
      owner: { id: t.userId },
      stage: { id: stage.id, name: stage.name },
      person: { id: person, name: 'Åsa Åkesson' },
      organization: { id: org, name: 'Åkesson AB' },
      is_archived: false,
      custom_fields: [],
      notes: [],
    });
    expect(typeof licences.cc_email).toBe('string');
    const archived = res.body.data.items.find((i: Item) => i.item.title === 'Akesson support').item;
    expect(archived).toMatchObject({ is_archived: true, status: 'won', person: null, organization: null });
    expect(archived.cc_email).toBeTypeOf('string');

    const q = (extra: Record<string, string | number>) =>
      t.get('/api/v2/deals/search', { term: 'akesson', ...extra }).then((r) => titles(r.body.data.items));
    expect(await q({ status: 'won' })).toEqual(['Akesson support']);
    expect((await q({ status: 'open,lost' })).sort()).toEqual(['Åkesson licences']);
    expect(await q({ person_id: person })).toEqual(['Åkesson licences']);
    expect(await q({ organization_id: org })).toEqual(['Åkesson licences']);
    expect(await q({ organization_id: org + 1000 })).toEqual([]);
    const noCc = await t.get('/api/v2/deals/search', { term: 'akesson' });
    expect(noCc.body.data.items[0].item.cc_email).toBeUndefined();
    for (const [query, field] of [
      [{ term: 'ab', status: 'deleted' }, 'status'],
      [{ term: 'ab', fields: 'name' }, 'fields'],
      [{ term: 'ab', person_id: '-1' }, 'person_id'],
      [{ term: 'ab', include_fields: 'deal.secret' }, 'include_fields'],
    ] as const) {
      const bad = await t.get('/api/v2/deals/search', query);
      expect(bad.status, JSON.stringify(query)).toBe(400);
      expect(bad.body.error).toContain(field);
    }
  });

  it('searches notes and custom fields of deals', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: 'c'.repeat(40), name: 'Project', field_type: 'varchar' });
    const d = await makeDeal(t, {
      title: 'Boring title',
      custom_fields: { ['c'.repeat(40)]: 'Projekt Ödland' },
    });
    await makeDeal(t, { title: 'Other deal' });
    await makeNote(t, { content: '<p>Budget approved by Björn</p>', deal_id: d.id });
    await makeNote(t, { content: '<p>Björn left</p>', deal_id: d.id, deleted: true });
    const byNote = await t.get('/api/v2/deals/search', { term: 'bjorn' });
    expect(byNote.body.data.items.map((i: Item) => [i.item.title, i.item.notes])).toEqual([
      ['Boring title', ['Budget approved by Björn']],
    ]);
    const byField = await t.get('/api/v2/deals/search', { term: 'odland' });
    expect(byField.body.data.items.map((i: Item) => [i.item.title, i.item.custom_fields])).toEqual([
      ['Boring title', ['Projekt Ödland']],
    ]);
    const titleOnly = await t.get('/api/v2/deals/search', { term: 'bjorn', fields: 'title' });
    expect(titleOnly.body.data.items).toEqual([]);
  });

  it('hides private deals of others from non-admins, and other companies', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const user = await t.addUser();
    await makeDeal(t, { title: 'Hidden deal', visible_to: 1 });
    await makeDeal(t, { title: 'Hidden but mine', visible_to: 1, owner_id: user.id });
    await makeDeal(other, { title: 'Hidden elsewhere' });
    const res = await user.as.get('/api/v2/deals/search', { term: 'hidden' });
    expect(titles(res.body.data.items)).toEqual(['Hidden but mine']);
    expect(titles((await t.get('/api/v2/deals/search', { term: 'hidden' })).body.data.items).sort()).toEqual([
      'Hidden but mine',
      'Hidden deal',
    ]);
  });
});

describe('GET /leads/search (v1 and v2)', () => {
  it('finds leads with their person, organization and value; archived too, deleted never', async () => {
    const t = await newTenant();
    const org = (await makeOrganization(t, { name: 'Čapek s.r.o.' })).id;
    const person = (
      await makePerson(t, {
        name: 'Karel',
        emails: [{ value: 'karel@capek.cz' }],
        phones: [{ value: '+420 601 234 567' }],
      })
    ).id;
    const lead = (
      await makeLead(t, {
        title: 'Čapek robots',
        person_id: person,
        organization_id: org,
        value: { amount: 99.9, currency: 'EUR' },
        was_seen: true,
      })
    ).id;
    // linked to an organization only: a lead without a person
    const elsewhere = (await makeOrganization(t, { name: 'Elsewhere Ltd' })).id;
    await makeLead(t, { title: 'Capek archived', organization_id: elsewhere, archived: true });
    await makeLead(t, { title: 'Capek deleted', deleted: true });

    const v1 = await t.get('/api/v1/leads/search', { term: 'CAPEK', include_fields: 'lead.was_seen' });
    expect(v1.status).toBe(200);
    LeadSearchPageV1.parse(v1.body);
    expect(v1.body.additional_data).toEqual({
      pagination: { start: 0, limit: 100, more_items_in_collection: false },
    });
    expect(titles(v1.body.data.items).sort()).toEqual(['Capek archived', 'Čapek robots']);
    const item = v1.body.data.items.find((i: Item) => i.item.id === lead).item;
    expect(item).toEqual({
      id: lead,
      type: 'lead',
      title: 'Čapek robots',
      owner: { id: t.userId },
      person: { id: person, name: 'Karel' },
      organization: { id: org, name: 'Čapek s.r.o.' },
      phones: ['+420 601 234 567'],
      emails: ['karel@capek.cz'],
      custom_fields: [],
      notes: [],
      value: 99.9,
      currency: 'EUR',
      visible_to: 3,
      is_archived: false,
      was_seen: true,
    });
    const archived = v1.body.data.items.find((i: Item) => i.item.title === 'Capek archived').item;
    expect(archived).toMatchObject({ is_archived: true, value: null, person: null });

    const v2 = await t.get('/api/v2/leads/search', { term: 'capek', person_id: person });
    expect(v2.status).toBe(200);
    searchPage(LeadSearchItem).parse(v2.body);
    expect(v2.body.additional_data).toEqual({ next_cursor: null });
    expect(v2.body.data.items.map((i: Item) => i.item.id)).toEqual([lead]);
    expect(v2.body.data.items[0].item.was_seen).toBeUndefined();
    const byOrg = await t.get('/api/v1/leads/search', { term: 'capek', organization_id: org });
    expect(byOrg.body.data.items.map((i: Item) => i.item.id)).toEqual([lead]);
    const exact = await t.get('/api/v1/leads/search', { term: 'capek robots', exact_match: true });
    expect(exact.body.data.items.map((i: Item) => i.item.id)).toEqual([lead]);
  });

  it('pages v1 with start/limit and v2 with a cursor', async () => {
    const t = await newTenant();
    for (let i = 0; i < 3; i++) await makeLead(t, { title: `Inbox lead ${i}` });
    const p1 = await t.get('/api/v1/leads/search', { term: 'inbox', limit: 2 });
    expect(p1.body.data.items).toHaveLength(2);
    expect(p1.body.additional_data.pagination).toEqual({
      start: 0,
      limit: 2,
      more_items_in_collection: true,
      next_start: 2,
    });
    const p2 = await t.get('/api/v1/leads/search', { term: 'inbox', limit: 2, start: 2 });
    expect(p2.body.data.items).toHaveLength(1);
    expect(p2.body.additional_data.pagination.more_items_in_collection).toBe(false);
    const all = [...titles(p1.body.data.items), ...titles(p2.body.data.items)].sort();
    expect(all).toEqual(['Inbox lead 0', 'Inbox lead 1', 'Inbox lead 2']);
    const c1 = await t.get('/api/v2/leads/search', { term: 'inbox', limit: 2 });
    const c2 = await t.get('/api/v2/leads/search', {
      term: 'inbox',
      limit: 2,
      cursor: c1.body.additional_data.next_cursor,
    });
    expect([...titles(c1.body.data.items), ...titles(c2.body.data.items)].sort()).toEqual(all);
    expect(c2.body.additional_data.next_cursor).toBeNull();
  });

  it('hides private leads of others and refuses bad parameters', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    await makeLead(t, { title: 'Private lead', visible_to: 1 });
    expect((await user.as.get('/api/v1/leads/search', { term: 'private' })).body.data.items).toEqual([]);
    expect((await t.get('/api/v1/leads/search', { term: 'private' })).body.data.items).toHaveLength(1);
    for (const [path, query, field] of [
      ['/api/v1/leads/search', { term: 'p' }, 'term'],
      ['/api/v1/leads/search', {}, 'term'],
      ['/api/v1/leads/search', { term: 'pr', fields: 'name' }, 'fields'],
      ['/api/v1/leads/search', { term: 'pr', start: '-1' }, 'start'],
      ['/api/v2/leads/search', { term: 'pr', include_fields: 'lead.x' }, 'include_fields'],
      ['/api/v2/leads/search', { term: 'pr', limit: '501' }, 'limit'],
    ] as const) {
      const res = await t.get(path, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});
