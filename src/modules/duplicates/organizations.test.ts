import { describe, expect, it } from 'vitest';
import { makeDeal, makeOrganization } from '../../../test/factories/index.ts';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';

type Hit = { item: { id: number; name: string } & Record<string, unknown>; score: number; reasons: string[] };

async function dupes(t: Pick<Tenant, 'get'>, query: Record<string, string | number>) {
  const res = await t.get('/api/ext/duplicates', { item_type: 'organization', ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Hit[];
}

const ids = (hits: Hit[]) => hits.map((h) => h.item.id);

describe('organization duplicates', () => {
  it('matches the name folded, and puts the same address in the top band', async () => {
    const t = await newTenant();
    const here = (
      await makeOrganization(t, { name: 'Müller & Söhne GmbH', address: 'Hauptstraße 5, 10115 Berlin' })
    ).id;
    const there = (
      await makeOrganization(t, { name: 'MULLER SOHNE, GMBH', address: 'Marktplatz 1, 80331 München' })
    ).id;
    const unknown = (await makeOrganization(t, { name: 'Söhne Müller GmbH' })).id;
    await makeOrganization(t, { name: 'Müller GmbH', address: 'Hauptstraße 5, 10115 Berlin' });
    const hits = await dupes(t, { name: 'Muller & Sohne GmbH', address: 'hauptstrasse 5 10115 berlin' });
    expect(ids(hits)).toEqual([here, unknown, there]);
    expect(hits.map((h) => h.reasons)).toEqual([['name', 'address'], ['name'], ['name']]);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.9);
    // an address missing on one side is unknown (0.5…), a different one says "not a duplicate" (0.3…)
    expect(hits[1]!.score).toBeGreaterThanOrEqual(0.5);
    expect(hits[1]!.score).toBeLessThan(0.9);
    expect(hits[2]!.score).toBeLessThan(0.4);
    // without an address every same-name organization is a middle-band candidate
    const plain = await dupes(t, { name: 'muller sohne gmbh' });
    expect(ids(plain)).toEqual([here, there, unknown]);
    expect(plain.every((h) => h.score >= 0.5 && h.score < 0.9)).toBe(true);
  });

  it('folds legal-form words out of the name, says so, and lets the address decide', async () => {
    const t = await newTenant();
    const ltd = (await makeOrganization(t, { name: 'ACME Ltd', address: 'Storgatan 1, 111 22 Stockholm' }))
      .id;
    const bare = (await makeOrganization(t, { name: 'Acme' })).id;
    const as = (await makeOrganization(t, { name: 'A/S Acme', address: 'Vesterbrogade 3, København' })).id;
    const same = (await makeOrganization(t, { name: 'Acme AB' })).id;
    await makeOrganization(t, { name: 'Acme Tools AB', address: 'Storgatan 1, 111 22 Stockholm' });
    await makeOrganization(t, { name: 'Acne Studios AB' });
    const res = await t.get('/api/ext/duplicates', {
      item_type: 'organization',
      name: 'Acme AB',
      address: 'storgatan 1 111 22 stockholm',
    });
    expect(res.status).toBe(200);
    const hits = res.body.data as (Hit & { details: { kind: string }[] })[];
    expect(ids(hits)).toEqual([ltd, same, bare, as]);
    expect(hits[0]!.reasons).toEqual(['name', 'address']);
    expect(hits[0]!.details.map((d) => d.kind)).toEqual(['name_legal_form', 'address_same']);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.9);
    expect(hits[1]!.details.map((d) => d.kind)).toEqual(['name_same']);
    expect(hits[2]!.details.map((d) => d.kind)).toEqual(['name_legal_form']);
    // another address: not the same place, the lowest band
    expect(hits[3]!.score).toBeLessThan(0.4);
    // a name made only of a legal form keeps it
    const ab = (await makeOrganization(t, { name: 'AB' })).id;
    expect(ids(await dupes(t, { name: 'ab' }))).toEqual([ab]);
  });

  it("uses an existing organization's name and address parts, never itself", async () => {
    const t = await newTenant();
    const me = (
      await makeOrganization(t, {
        name: 'Acme, Inc.',
        address: { route: 'Pärnu mnt', street_number: '10', postal_code: '10148', locality: 'Tallinn' },
      })
    ).id;
    const same = (
      await makeOrganization(t, {
        name: 'ACME INC',
        address: { route: 'parnu mnt.', postal_code: '10 148', value: 'Pärnu maantee 10, Tallinn' },
      })
    ).id;
    const elsewhere = (
      await makeOrganization(t, {
        name: 'Inc Acme',
        address: { route: 'Pärnu mnt', street_number: '12', postal_code: '10148' },
      })
    ).id;
    const hits = await dupes(t, { id: me });
    expect(ids(hits)).toEqual([same, elsewhere]);
    expect(hits[0]!.reasons).toEqual(['name', 'address']);
    expect(hits[1]!.reasons).toEqual(['name']);
  });

  it('shows owner and open deals, keeps companies apart and hides what the caller may not see', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const user = await a.addUser();
    const open = (await makeOrganization(a, { name: 'Initrode' })).id;
    const secret = (await makeOrganization(a, { name: 'Initrode', visible_to: 1 })).id;
    const gone = (await makeOrganization(a, { name: 'Initrode' })).id;
    await a.del(`/api/v2/organizations/${gone}`);
    await makeOrganization(b, { name: 'Initrode' });
    await makeDeal(a, { org_id: open });
    await makeDeal(a, { org_id: open, status: 'lost' });

    const asAdmin = await dupes(a, { name: 'initrode' });
    expect(ids(asAdmin)).toEqual([open, secret]);
    expect(asAdmin[0]!.item).toMatchObject({ id: open, name: 'Initrode', open_deals_count: 1 });
    expect(typeof asAdmin[0]!.item.owner_name).toBe('string');
    expect(asAdmin[0]!.item.address).toMatchObject({ value: null, postal_code: null });
    expect(ids(await dupes(user.as, { name: 'initrode' }))).toEqual([open]);
    expect((await user.as.get('/api/ext/duplicates', { item_type: 'organization', id: secret })).status).toBe(
      404,
    );
    expect((await b.get('/api/ext/duplicates', { item_type: 'organization', id: open })).status).toBe(404);
    expect((await a.get('/api/ext/duplicates', { item_type: 'organization', id: gone })).status).toBe(404);
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const t = await newTenant();
    const cases: [Record<string, string>, string][] = [
      [{ item_type: 'organization' }, 'id'],
      [{ item_type: 'organization', address: 'Main Street 1' }, 'id'],
      [{ item_type: 'organization', name: 'x', email: 'a@b.c' }, 'email'],
      [{ item_type: 'organization', name: 'x', phone: '1' }, 'phone'],
      [{ item_type: 'organization', name: 'x', org_id: '1' }, 'org_id'],
      [{ item_type: 'organization', name: 'x', country: 'SE' }, 'country'],
      [{ item_type: 'organization', name: 'x', address: 'a'.repeat(1025) }, 'address'],
      [{ item_type: 'organization', id: '1', address: 'x' }, 'address'],
    ];
    for (const [query, field] of cases) {
      const res = await t.get('/api/ext/duplicates', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error, JSON.stringify(query)).toContain(field);
    }
    expect(
      (await t.get('/api/ext/duplicates', { item_type: 'organization', id: 123456789012345 })).status,
    ).toBe(404);
  });
});
