import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../helpers/app.ts';

beforeAll(async () => {
  await testApp();
});

const KEY = 'a'.repeat(40);

/**
 * One rule for text in every module: NUL characters and lone surrogates are refused with a 400 that
 * names the field, whatever the schema declared (custom-field values are `unknown` to it).
 */
describe('NUL characters and broken Unicode, everywhere', () => {
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    [
      'a person custom field value',
      '/api/v2/persons',
      { name: 'A', custom_fields: { [KEY]: 'x\u0000' } },
      `custom_fields.${KEY}`,
    ],
    [
      'a person custom field list',
      '/api/v2/persons',
      { name: 'A', custom_fields: { [KEY]: ['ok', '\uD800'] } },
      `custom_fields.${KEY}.1`,
    ],
    ['a person phone', '/api/v2/persons', { name: 'A', phones: [{ value: '12\u00003' }] }, 'phones.0.value'],
    [
      'an organization address',
      '/api/v2/organizations',
      { name: 'O', address: { route: 'R\uDC00' } },
      'address.route',
    ],
    ['a pipeline name', '/api/v2/pipelines', { name: 'P\uD800' }, 'name'],
    ['a lead label name', '/api/v1/leadLabels', { name: 'L\u0000', color: 'red' }, 'name'],
    [
      'an unknown key',
      '/api/v2/deals',
      { title: 'D', custom_fields: { [`${KEY}\u0000`]: 1 } },
      'custom_fields',
    ],
  ];

  it.each(cases)('refuses %s with a 400 naming it, and stores nothing', async (_what, path, body, field) => {
    const t = await newTenant();
    const count = async () => ((await t.get(path)).body.data as unknown[]).length;
    const before = await count();
    const res = await t.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, data: null, additional_data: null });
    expect(res.body.error).toContain(field);
    expect(res.body.error).toMatch(/NUL characters or broken Unicode|custom field key|Invalid key/);
    expect(await count()).toBe(before);
  });

  it('refuses them in query strings and stage names too', async () => {
    const t = await newTenant();
    const search = await t.get('/api/v2/persons/search', { term: 'ab\u0000c' });
    expect(search.status).toBe(400);
    const pipeline = (await t.get('/api/v2/pipelines')).body.data[0].id;
    const before = (await t.get('/api/v2/stages', { pipeline_id: pipeline })).body.data.length;
    const stage = await t.post('/api/v2/stages', { name: 'S\uDFFF', pipeline_id: pipeline });
    expect(stage.status).toBe(400);
    expect(stage.body.error).toContain('name');
    expect((await t.get('/api/v2/stages', { pipeline_id: pipeline })).body.data).toHaveLength(before);
  });

  it('refuses a body that is not UTF-8 instead of storing U+FFFD', async () => {
    const t = await newTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v2/pipelines',
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"name":"P'), Buffer.from([0xff]), Buffer.from('"}')]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('UTF-8');
  });
});
