import { beforeAll, describe, expect, it } from 'vitest';
import { makePerson } from '../factories/index.ts';
import { newTenant, type Res, type Tenant, testApp } from '../helpers/app.ts';

beforeAll(async () => {
  await testApp();
});

const AT_ONCE = 8;

/** The same request sent AT_ONCE times at the same moment. */
const burst = (send: () => Promise<Res>) => Promise.all(Array.from({ length: AT_ONCE }, send));

const statuses = (responses: Res[]) => responses.map((r) => r.status).sort((a, b) => a - b);

/**
 * A create checked first, then inserted: the same new record sent eight times at once. Where the
 * domain refuses duplicates, one wins and the others are a 409 in the envelope; where it allows them,
 * all succeed. Never a 500.
 */
describe('the same create eight times at once', () => {
  it('adds one user and answers 409 naming the e-mail to the seven others', async () => {
    const t = await newTenant();
    const email = `same-${t.companyId}@example.test`;
    const responses = await burst(() => t.post('/api/ext/users', { name: 'Same Person', email }));
    expect(statuses(responses)).toEqual([200, ...Array(AT_ONCE - 1).fill(409)]);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.body).toMatchObject({ success: false, data: null, additional_data: null, code: 'conflict' });
      expect(r.body.error).toContain('email');
    }
    const users = (await t.get('/api/v1/users')).body.data as Array<{ email: string }>;
    expect(users.filter((u) => u.email === email)).toHaveLength(1);
  });

  const allowed: Array<[string, (t: Tenant) => Promise<[string, Record<string, unknown>]>]> = [
    ['persons', async () => ['/api/v2/persons', { name: 'Ann Same', emails: [{ value: 'ann@same.test' }] }]],
    ['organizations', async () => ['/api/v2/organizations', { name: 'Same AB' }]],
    ['lead labels', async () => ['/api/v1/leadLabels', { name: 'Same', color: 'red' }]],
    ['pipelines', async () => ['/api/v2/pipelines', { name: 'Same pipeline' }]],
    [
      'stages',
      async (t) => {
        const pipeline = (await t.get('/api/v2/pipelines')).body.data[0].id;
        return ['/api/v2/stages', { name: 'Same stage', pipeline_id: pipeline }];
      },
    ],
    ['activity types', async () => ['/api/v1/activityTypes', { name: 'Same type', icon_key: 'call' }]],
    ['leads', async (t) => ['/api/v1/leads', { title: 'Same lead', person_id: (await makePerson(t)).id }]],
    ['deals', async () => ['/api/v2/deals', { title: 'Same deal' }]],
  ];

  it.each(allowed)('adds all eight %s (duplicates are allowed)', async (_what, request) => {
    const t = await newTenant();
    const [path, body] = await request(t);
    const responses = await burst(() => t.post(path, body));
    const created = responses[0]!.status; // 200 or 201, as the route answers a create
    expect([200, 201]).toContain(created);
    expect(statuses(responses), JSON.stringify(responses.find((r) => r.status !== created)?.body)).toEqual(
      Array(AT_ONCE).fill(created),
    );
    expect(new Set(responses.map((r) => r.body.data.id)).size).toBe(AT_ONCE);
  });
});
