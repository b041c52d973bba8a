import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { testDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { contactRoutesExt } from './related-routes.ts';

const PATH = '/api/ext/organizations/people-counts';

// Until the lead registers contactRoutesExt in src/app.ts, these tests mount it on an app of their own.
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ database: await testDatabase() });
  if (!app.hasRoute({ method: 'GET', url: PATH }))
    await app.register(contactRoutesExt, { prefix: '/api/ext' });
  await app.ready();
});

async function counts(t: Tenant, ids: string) {
  const res = await app.inject({
    method: 'GET',
    url: PATH,
    query: { ids },
    headers: { 'x-api-token': t.token },
  });
  return { status: res.statusCode, body: res.json() };
}

async function org(t: Tenant, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await t.post('/api/v2/organizations', { name, ...extra });
  expect(res.status).toBe(200);
  return res.body.data.id;
}

async function person(t: Tenant, name: string, orgId: number, extra: Record<string, unknown> = {}) {
  const res = await t.post('/api/v2/persons', { name, org_id: orgId, ...extra });
  expect(res.status).toBe(200);
  return res.body.data.id as number;
}

describe('GET /api/ext/organizations/people-counts', () => {
  it('counts the not-deleted people of each organization', async () => {
    const t = await newTenant();
    const acme = await org(t, 'Acme');
    const globex = await org(t, 'Globex');
    const empty = await org(t, 'Empty Inc');
    await person(t, 'Ann', acme);
    await person(t, 'Bob', acme);
    const gone = await person(t, 'Cid', acme);
    await person(t, 'Dee', globex);
    expect((await t.del(`/api/v2/persons/${gone}`)).status).toBe(200);

    const res = await counts(t, `${acme},${globex},${empty}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: [
        { org_id: acme, people_count: 2 },
        { org_id: globex, people_count: 1 },
        { org_id: empty, people_count: 0 },
      ],
    });
  });

  it('leaves out unknown, deleted and other companies’ organizations', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const mine = await org(t, 'Mine');
    const deleted = await org(t, 'Deleted');
    const theirs = await org(other, 'Theirs');
    await person(other, 'Eve', theirs);
    expect((await t.del(`/api/v2/organizations/${deleted}`)).status).toBe(200);

    const res = await counts(t, `${mine},${deleted},${theirs},999999999`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ org_id: mine, people_count: 0 }]);
  });

  it('counts only what a regular user may see', async () => {
    const t = await newTenant();
    const { as: user } = await t.addUser();
    const shared = await org(t, 'Shared');
    const secret = await org(t, 'Secret', { visible_to: 1 });
    await person(t, 'Open', shared);
    await person(t, 'Private', shared, { visible_to: 1 });

    const res = await counts(user, `${shared},${secret}`);
    expect(res.body.data).toEqual([{ org_id: shared, people_count: 1 }]);
    const admin = await counts(t, `${shared},${secret}`);
    expect(admin.body.data).toEqual([
      { org_id: shared, people_count: 2 },
      { org_id: secret, people_count: 0 },
    ]);
  });

  it('refuses bad ids with a 400 naming the parameter', async () => {
    const t = await newTenant();
    for (const ids of ['', 'abc', '1,-2', '1.5', '99999999999999999999', 'x'.repeat(10_000)]) {
      const res = await counts(t, ids);
      expect(res.status, ids.slice(0, 20)).toBe(400);
      expect(JSON.stringify(res.body)).toContain('ids');
    }
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await counts(t, many)).status).toBe(400);
    const missing = await app.inject({ method: 'GET', url: PATH, headers: { 'x-api-token': t.token } });
    expect(missing.statusCode).toBe(400);
  });

  it('needs authentication', async () => {
    const res = await app.inject({ method: 'GET', url: `${PATH}?ids=1` });
    expect(res.statusCode).toBe(401);
  });
});
