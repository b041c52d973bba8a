import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { serveTenant, type TestTenant } from '../test/server.ts';
import { activityKeys, activityTypeKeys } from './activities.ts';
import { contactSearch, searchContacts } from './contact-search.ts';
import { dealProductKeys, fetchDealProducts, fetchDealRevenue } from './deal-products.ts';
import { dealKeys } from './deals.ts';
import { jobKeys } from './jobs.ts';
import { leadLabelKeys } from './lead-labels.ts';
import { leadKeys } from './leads.ts';
import { noteKeys } from './notes.ts';
import { fetchOrganization, organizationKeys } from './organizations.ts';
import { fetchPerson, personKeys } from './persons.ts';
import { fetchPipelines, pipelineKeys } from './pipelines.ts';
import { fetchProductChoices, fetchProductPage, productKeys } from './products.ts';
import { fetchStages, stageKeys } from './stages.ts';
import { fetchUsers, userKeys } from './users.ts';

/**
 * The web app's data layer (web/src/api) against the real server: its fetch functions go through
 * the app (fetch is routed to app.inject with the tenant's token), its key factories through a real
 * QueryClient.
 */

let t: TestTenant;
beforeEach(async () => {
  t = await serveTenant();
});

describe('query-key factories', () => {
  it('put every key of a resource under its `all`, so one invalidation reaches all of them', () => {
    const keys = [
      [stageKeys.all, stageKeys.list(), stageKeys.list({ pipelineId: 4 })],
      [pipelineKeys.all, pipelineKeys.list()],
      [userKeys.all, userKeys.list()],
      [personKeys.all, personKeys.detail(3), personKeys.list({ term: 'an' }), personKeys.search('an', 2)],
      [organizationKeys.all, organizationKeys.detail(3), organizationKeys.search('an')],
      [leadKeys.all, leadKeys.detail('x'), leadKeys.ofContact({ person_id: 1 })],
      [
        dealKeys.all,
        dealKeys.deal(1),
        dealKeys.board(1, {}),
        dealKeys.cards(2, {}),
        dealKeys.ofContact({ org_id: 1 }),
      ],
      [noteKeys.all, noteKeys.of({ deal_id: 1 }), noteKeys.pinned({ deal_id: 1 })],
      [activityKeys.all, activityKeys.of({ lead_id: 'x' })],
      [activityTypeKeys.all, activityTypeKeys.list()],
      [leadLabelKeys.all, leadLabelKeys.list()],
      [jobKeys.all, jobKeys.detail(1)],
      [
        productKeys.all,
        productKeys.list(''),
        productKeys.search('an'),
        productKeys.detail(1),
        productKeys.variations(1),
      ],
      [dealProductKeys.all, dealProductKeys.lines(1), dealProductKeys.revenue(1)],
    ] as const;
    for (const [all, ...rest] of keys) for (const k of rest) expect(k.slice(0, all.length)).toEqual(all);
    // no two resources share a prefix
    expect(new Set(keys.map(([all]) => all[0])).size).toBe(keys.length);
  });

  it("tell one pipeline's stages from another's and from every stage", async () => {
    const qc = new QueryClient();
    qc.setQueryData(stageKeys.list({ pipelineId: 1 }), ['one']);
    qc.setQueryData(stageKeys.list({ pipelineId: 2 }), ['two']);
    qc.setQueryData(stageKeys.list(), ['all']);
    qc.setQueryData(pipelineKeys.list(), ['p']);
    expect(qc.getQueryData(stageKeys.list({ pipelineId: 1 }))).toEqual(['one']);
    expect(qc.getQueryData(stageKeys.list({ pipelineId: null }))).toEqual(['all']);
    await qc.invalidateQueries({ queryKey: stageKeys.all });
    const invalid = (k: readonly unknown[]) => qc.getQueryState(k)?.isInvalidated;
    expect(invalid(stageKeys.list({ pipelineId: 1 }))).toBe(true);
    expect(invalid(stageKeys.list({ pipelineId: 2 }))).toBe(true);
    expect(invalid(stageKeys.list())).toBe(true);
    expect(invalid(pipelineKeys.list())).toBe(false);
    qc.clear();
  });
});

describe('fetch functions', () => {
  it('give pipelines and stages in board order (order_nr, then id), whatever order they were made in', async () => {
    const second = (await t.post('/api/v2/pipelines', { name: 'Second' })).body.data.id as number;
    const add = async (name: string, order_nr: number) =>
      (await t.post('/api/v2/stages', { name, pipeline_id: second, order_nr })).body.data.id as number;
    const c = await add('C', 3);
    const a = await add('A', 1);
    const b = await add('B', 2);
    // the second pipeline made first in order: the default comes after it
    const first = (await t.get<{ id: number }[]>('/api/v2/pipelines')).body.data.find(
      (p) => p.id !== second,
    )!;
    await t.patch(`/api/v2/pipelines/${first.id}`, { order_nr: 7 });
    await t.patch(`/api/v2/pipelines/${second}`, { order_nr: 2 });

    const pipelines = await fetchPipelines();
    expect(pipelines.map((p) => p.id)).toEqual([second, first.id]);

    expect((await fetchStages({ pipelineId: second })).map((s) => s.id)).toEqual([a, b, c]);
    const all = await fetchStages();
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([a, b, c]));
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(all.map((s) => s.pipeline_id)).size).toBe(pipelines.length);
  });

  it("read products by name or code, and a deal's lines in their order with its revenue", async () => {
    const bolt = (await t.post('/api/v2/products', { name: 'Bolt', code: 'B-7' })).body.data.id as number;
    const plan = (await t.post('/api/v2/products', { name: 'Anchor plan', billing_frequency: 'monthly' }))
      .body.data.id as number;
    expect((await fetchProductPage('', null)).products.map((p) => p.name)).toEqual(['Anchor plan', 'Bolt']);
    expect((await fetchProductPage('B-7', null)).products.map((p) => p.id)).toEqual([bolt]);
    expect((await fetchProductChoices('anch')).map((p) => p.id)).toEqual([plan]);
    const deal = (await t.post('/api/v2/deals', { title: 'D', currency: 'EUR' })).body.data.id as number;
    await t.post(`/api/v2/deals/${deal}/products/bulk`, {
      data: [
        { product_id: bolt, item_price: 2.5, quantity: 4 },
        { product_id: plan, item_price: 30, quantity: 1, billing_frequency: 'monthly' },
      ],
    });
    expect((await fetchDealProducts(deal)).map((l) => [l.name, l.order_nr])).toEqual([
      ['Bolt', 1],
      ['Anchor plan', 2],
    ]);
    expect(await fetchDealRevenue(deal)).toMatchObject({ value: 10, mrr: 30, arr: 360, currency: 'EUR' });
  });

  it('read users, a person and an organization', async () => {
    const users = await fetchUsers();
    expect(users.map((u) => u.id)).toEqual([t.userId]);
    expect(users[0]?.active_flag).toBe(true);
    const org = (await t.post('/api/v2/organizations', { name: 'Acme' })).body.data.id as number;
    const person = (await t.post('/api/v2/persons', { name: 'Ann', org_id: org })).body.data.id as number;
    expect(await fetchPerson(person)).toMatchObject({ id: person, name: 'Ann', org_id: org });
    expect(await fetchOrganization(org)).toMatchObject({ id: org, name: 'Acme' });
    await expect(fetchPerson(person + 1_000_000)).rejects.toMatchObject({ status: 404 });
  });

  it('search contacts with one fetch per key: every picker caches the same shape', async () => {
    const org = (await t.post('/api/v2/organizations', { name: 'Renfrey AB', address: 'Storgatan 1, Lund' }))
      .body.data.id as number;
    await t.post('/api/v2/persons', { name: 'Andrew Renfrey', org_id: org, emails: [{ value: 'a@r.test' }] });
    expect(await searchContacts('person', 'Renfrey')).toEqual([
      expect.objectContaining({ name: 'Andrew Renfrey', detail: 'Renfrey AB · a@r.test' }),
    ]);
    const orgs = await searchContacts('organization', 'Renfrey');
    expect(orgs).toEqual([{ id: org, name: 'Renfrey AB', detail: expect.stringContaining('Storgatan 1') }]);
    // within the organization or not: two keys, never one key for two searches
    expect(contactSearch('person', 'an', { organizationId: org }).queryKey).not.toEqual(
      contactSearch('person', 'an').queryKey,
    );
    expect(contactSearch('organization', 'an').queryKey.slice(0, 1)).toEqual(organizationKeys.all);
  });
});
