import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeField,
  makeLead,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { AnySearchItem, searchPage } from './schema.ts';

// The worker's database starts (and migrates) once; allow for it on a busy machine.
beforeAll(async () => {
  await testApp();
}, 180_000);

type Item = { result_score: number; item: Record<string, any> };
const brief = (items: Item[]) => items.map((i) => `${i.item.type}:${i.item.title ?? i.item.name}`);

describe('v2 GET /itemSearch', () => {
  it('searches every type at once, best score first', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const org = (await makeOrganization(t, { name: 'Öberg' })).id;
    await makePerson(t, { name: 'Lena Öberg', org_id: org });
    await makeDeal(t, { title: 'Öberg expansion' });
    await makeLead(t, { title: 'New lead from oberg.se' });
    await makePerson(t, { name: 'Öberg Deleted', deleted: true });
    await makePerson(other, { name: 'Öberg' });
    const res = await t.get('/api/v2/itemSearch', { term: 'OBERG' });
    expect(res.status).toBe(200);
    searchPage(AnySearchItem).parse(res.body);
    expect(brief(res.body.data.items)).toEqual([
      'organization:Öberg',
      'deal:Öberg expansion',
      'person:Lena Öberg',
      'lead:New lead from oberg.se',
    ]);
    const scores = res.body.data.items.map((i: Item) => i.result_score);
    expect(scores[0]).toBe(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(res.body.additional_data).toEqual({ next_cursor: null });

    const exact = await t.get('/api/v2/itemSearch', { term: 'öberg', exact_match: true });
    expect(brief(exact.body.data.items)).toEqual(['organization:Öberg']);
  });

  it('narrows by item types and fields', async () => {
    const t = await newTenant();
    await makePerson(t, { name: 'Nils', emails: [{ value: 'nils@zeta.example' }] });
    await makeOrganization(t, { name: 'Zeta Corp', address: 'Zetavägen 3' });
    await makeDeal(t, { title: 'Zeta renewal' });
    await makeLead(t, { title: 'Zeta inbound' });
    const q = (extra: Record<string, string>) =>
      t.get('/api/v2/itemSearch', { term: 'zeta', ...extra }).then((r) => brief(r.body.data.items).sort());
    expect(await q({ item_types: 'deal,lead' })).toEqual(['deal:Zeta renewal', 'lead:Zeta inbound']);
    expect(await q({ item_types: 'product,file,mail_attachment,project' })).toEqual([]);
    expect(await q({ fields: 'email' })).toEqual(['person:Nils']);
    expect(await q({ fields: 'address' })).toEqual(['organization:Zeta Corp']);
    expect(await q({ fields: 'title', item_types: 'person,deal' })).toEqual(['deal:Zeta renewal']);
    expect(await q({ fields: 'code,description' })).toEqual([]);
    const withExtras = await t.get('/api/v2/itemSearch', {
      term: 'zeta',
      search_for_related_items: true,
      include_fields: 'deal.cc_email,person.picture,product.price',
    });
    expect(withExtras.status).toBe(200);
    const deal = withExtras.body.data.items.find((i: Item) => i.item.type === 'deal').item;
    expect(deal.cc_email).toBeTypeOf('string');
  });

  it('pages across types with a cursor', async () => {
    const t = await newTenant();
    for (let i = 0; i < 3; i++) {
      await makePerson(t, { name: `Quill ${i}` });
      await makeDeal(t, { title: `Quill ${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { term: 'quill', limit: 4 };
      if (cursor) query.cursor = cursor;
      const res = await t.get('/api/v2/itemSearch', query);
      expect(res.status).toBe(200);
      seen.push(...brief(res.body.data.items));
      cursor = res.body.additional_data.next_cursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('hides private items of other users from non-admins', async () => {
    const t = await newTenant();
    const user = await t.addUser();
    await makePerson(t, { name: 'Xeno Private', visible_to: 1 });
    await makeDeal(t, { title: 'Xeno Deal', visible_to: 1 });
    await makeLead(t, { title: 'Xeno Lead', visible_to: 1 });
    await makeOrganization(t, { name: 'Xeno Org', visible_to: 1 });
    await makeOrganization(t, { name: 'Xeno Shared' });
    const res = await user.as.get('/api/v2/itemSearch', { term: 'xeno' });
    expect(brief(res.body.data.items)).toEqual(['organization:Xeno Shared']);
    expect((await t.get('/api/v2/itemSearch', { term: 'xeno' })).body.data.items).toHaveLength(5);
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{}, 'term'],
      [{ term: 'z' }, 'term'],
      [{ term: 'zz', item_types: 'deal,invoice' }, 'item_types'],
      [{ term: 'zz', fields: 'name,colour' }, 'fields'],
      [{ term: 'zz', limit: '101' }, 'limit'],
      [{ term: 'zz', limit: 'ten' }, 'limit'],
      [{ term: 'zz', exact_match: 'TRUE' }, 'exact_match'],
      [{ term: 'zz', search_for_related_items: 'maybe' }, 'search_for_related_items'],
      [{ term: 'zz', include_fields: 'deal.secret' }, 'include_fields'],
      [{ term: 'zz', cursor: '!!!' }, 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/v2/itemSearch', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get('/api/v2/itemSearch', { term: 'zz', limit: '100' })).status).toBe(200);
  });
});

describe('v2 GET /itemSearch/field', () => {
  it('matches a field exactly, at the beginning or in the middle, case-sensitively', async () => {
    const t = await newTenant();
    const a = (await makePerson(t, { name: 'Anna Berg', emails: [{ value: 'anna@berg.se' }] })).id;
    const b = (await makePerson(t, { name: 'Berg Anna' })).id;
    await makePerson(t, { name: 'anna berg' });
    await makePerson(t, { name: 'Anna Gone', deleted: true });
    const q = (query: Record<string, string>) =>
      t.get('/api/v2/itemSearch/field', { entity_type: 'person', field: 'name', ...query });

    const exact = await q({ term: 'Anna Berg' });
    expect(exact.status).toBe(200);
    expect(exact.body).toEqual({
      success: true,
      data: [{ id: a, name: 'Anna Berg' }],
      additional_data: { next_cursor: null },
    });
    expect((await q({ term: 'Anna', match: 'beginning' })).body.data.map((r: any) => r.id)).toEqual([a]);
    expect((await q({ term: 'Anna', match: 'middle' })).body.data.map((r: any) => r.id)).toEqual([a, b]);
    expect((await q({ term: 'nn', match: 'middle' })).body.data).toHaveLength(3);
    expect((await q({ term: 'A', match: 'middle' })).status).toBe(400);
    const email = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'person',
      field: 'email',
      term: 'anna@',
      match: 'beginning',
    });
    expect(email.body.data).toEqual([{ id: a, name: 'Anna Berg' }]);
  });

  it('searches deal and lead titles, pages with a cursor, and gives nothing for products', async () => {
    const t = await newTenant();
    await makeField(t, 'deal', { key: 'd'.repeat(40), name: 'Roof', field_type: 'varchar' });
    const d1 = await makeDeal(t, { title: 'Roof 50% off' });
    const d2 = await makeDeal(t, { title: 'Roof 50% off again' });
    await makeDeal(t, { title: 'Roof 5000 off' });
    const lead = (await makeLead(t, { title: 'Roof lead', ['d'.repeat(40)]: 'Red roof' })).id;
    const first = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'deal',
      field: 'title',
      term: '50%',
      match: 'middle',
      limit: 1,
    });
    expect(first.body.data).toEqual([{ id: d1.id, title: 'Roof 50% off' }]);
    const second = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'deal',
      field: 'title',
      term: '50%',
      match: 'middle',
      limit: 1,
      cursor: first.body.additional_data.next_cursor,
    });
    expect(second.body.data).toEqual([{ id: d2.id, title: 'Roof 50% off again' }]);
    expect(second.body.additional_data.next_cursor).toBeNull();
    const leads = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'lead',
      field: 'd'.repeat(40),
      term: 'Red',
      match: 'beginning',
    });
    expect(leads.body.data).toEqual([{ id: lead, title: 'Roof lead' }]);
    const products = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'product',
      field: 'name',
      term: 'Roof',
    });
    expect(products.body).toEqual({ success: true, data: [], additional_data: { next_cursor: null } });
  });

  it('refuses bad parameters and keeps companies apart', async () => {
    const t = await newTenant();
    const other = await newTenant();
    await makeOrganization(other, { name: 'Foreign Org' });
    const none = await t.get('/api/v2/itemSearch/field', {
      entity_type: 'organization',
      field: 'name',
      term: 'Foreign Org',
    });
    expect(none.body.data).toEqual([]);
    const cases: [Record<string, string>, string][] = [
      [{ entity_type: 'person', field: 'name' }, 'term'],
      [{ entity_type: 'invoice', field: 'name', term: 'x' }, 'entity_type'],
      [{ entity_type: 'person', term: 'x' }, 'field'],
      [{ entity_type: 'person', field: 'title', term: 'x' }, 'field'],
      [{ entity_type: 'deal', field: 'name', term: 'x' }, 'field'],
      [{ entity_type: 'person', field: 'name', term: 'x', match: 'fuzzy' }, 'match'],
      [{ entity_type: 'person', field: 'name', term: 'x', limit: '501' }, 'limit'],
      [{ entity_type: 'person', field: 'name', term: 'x', cursor: 'nope' }, 'cursor'],
      [{ entity_type: 'lead', field: 'title', term: 'x', cursor: 'eyJ2IjoxLCJpZCI6MX0' }, 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/v2/itemSearch/field', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toContain(field);
    }
  });
});

describe('search routes in the OpenAPI document', () => {
  it('lists every search path', async () => {
    const t = await newTenant();
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v2/persons/search',
      '/api/v2/organizations/search',
      '/api/v2/deals/search',
      '/api/v2/leads/search',
      '/api/v2/itemSearch',
      '/api/v2/itemSearch/field',
      '/api/v1/leads/search',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
