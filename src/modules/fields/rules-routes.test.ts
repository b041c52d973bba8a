import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { fieldRows, optionRows, v2Add } from '../../../test/helpers/fields.ts';
import { SYSTEM_FIELDS } from './system.ts';

describe('field rules', () => {
  it('refuses bad input with a 400 that names the field, and writes nothing', async () => {
    const t = await newTenant();
    const existing = await v2Add(t, 'deal', {
      field_name: 'Kind',
      field_type: 'enum',
      options: [{ label: 'A' }],
    });
    const cases: [method: 'post' | 'patch' | 'put', path: string, body: unknown, field: string][] = [
      ['post', '/api/v2/dealFields', { field_type: 'varchar' }, 'field_name'],
      ['post', '/api/v2/dealFields', { field_name: 'X', field_type: 'formula' }, 'field_type'],
      ['post', '/api/v2/dealFields', { field_name: 'X', field_type: 'enum' }, 'options'],
      ['post', '/api/v2/dealFields', { field_name: 'X', field_type: 'set', options: [] }, 'options'],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', options: [{ label: 'A' }] },
        'options',
      ],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', important_fields: { stage_ids: [987654] } },
        'important_fields.stage_ids',
      ],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', required_fields: { stage_ids: [987654] } },
        'required_fields.stage_ids',
      ],
      [
        'post',
        '/api/v2/dealFields',
        {
          field_name: 'X',
          field_type: 'varchar',
          ui_visibility: { show_in_pipelines: { pipeline_ids: [987654] } },
        },
        'ui_visibility.show_in_pipelines.pipeline_ids',
      ],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', required_fields: { statuses: { '987654': ['won'] } } },
        'required_fields.statuses',
      ],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', required_fields: { statuses: { '1': ['open'] } } },
        'required_fields.statuses',
      ],
      [
        'post',
        '/api/v2/dealFields',
        { field_name: 'X', field_type: 'varchar', ui_visibility: { add_visible_flag: 'yes' } },
        'ui_visibility.add_visible_flag',
      ],
      ['patch', `/api/v2/dealFields/${existing.field_code}`, {}, 'field_name'],
      ['patch', `/api/v2/dealFields/${existing.field_code}`, { field_type: 'set' }, 'field_type'],
      ['patch', `/api/v2/dealFields/${existing.field_code}`, { options: [{ label: 'B' }] }, 'options'],
      ['patch', `/api/v2/dealFields/${existing.field_code}`, { field_name: '' }, 'field_name'],
      [
        'patch',
        '/api/v2/dealFields/title',
        { ui_visibility: { add_visible_flag: false } },
        'ui_visibility.add_visible_flag',
      ],
      ['patch', '/api/v2/dealFields/title', { field_name: 'Name' }, 'field_code'],
      [
        'patch',
        '/api/v2/personFields/name',
        { ui_visibility: { add_visible_flag: false } },
        'ui_visibility.add_visible_flag',
      ],
      ['post', `/api/v2/dealFields/${existing.field_code}/options`, [], ''],
      ['post', `/api/v2/dealFields/${existing.field_code}/options`, [{ label: '' }], '0.label'],
      ['patch', `/api/v2/dealFields/${existing.field_code}/options`, [{ label: 'x' }], '0.id'],
      ['post', '/api/v1/dealFields', { name: 'X' }, 'field_type'],
      ['post', '/api/v1/dealFields', { name: 'X', field_type: 'set' }, 'options'],
      ['put', '/api/v1/dealFields/2', { name: 'Name' }, 'id'],
      ['put', '/api/v1/dealFields/99999', { field_type: 'varchar' }, 'field_type'],
    ];
    const before = { fields: await fieldRows(t), options: await optionRows(t) };
    for (const [method, path, body, field] of cases) {
      const res = await t[method](path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.success).toBe(false);
      if (field) expect(res.body.error, `${path} ${JSON.stringify(body)}`).toContain(field);
    }
    expect((await t.del('/api/v2/dealFields/title')).status).toBe(400);
    expect((await t.del('/api/v1/dealFields/2')).status).toBe(400);
    expect({ fields: await fieldRows(t), options: await optionRows(t) }).toEqual(before);
  });

  it('keeps companies apart and lets only admins change fields', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const field = await v2Add(a, 'person', {
      field_name: 'Secret',
      field_type: 'enum',
      options: [{ label: 'A' }],
    });
    const v1 = (await a.get('/api/v1/personFields', { start: SYSTEM_FIELDS.person.length })).body.data[0];
    expect((await b.get(`/api/v2/personFields/${field.field_code}`)).status).toBe(404);
    expect((await b.get(`/api/v1/personFields/${v1.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v2/personFields/${field.field_code}`, { field_name: 'Mine' })).status).toBe(
      404,
    );
    expect((await b.del(`/api/v2/personFields/${field.field_code}`)).status).toBe(404);
    expect((await b.post(`/api/v2/personFields/${field.field_code}/options`, [{ label: 'B' }])).status).toBe(
      404,
    );
    expect((await b.del(`/api/v1/personFields?ids=${v1.id}`)).status).toBe(404);
    expect((await b.get('/api/v1/personFields')).body.data).toHaveLength(SYSTEM_FIELDS.person.length);
    // the field of one entity is not another's
    expect((await a.get(`/api/v2/dealFields/${field.field_code}`)).status).toBe(404);

    const { as: user } = await a.addUser();
    expect((await user.get(`/api/v2/personFields/${field.field_code}`)).status).toBe(200);
    const writes = [
      user.post('/api/v2/personFields', { field_name: 'X', field_type: 'varchar' }),
      user.post('/api/v1/personFields', { name: 'X', field_type: 'varchar' }),
      user.patch(`/api/v2/personFields/${field.field_code}`, { field_name: 'Y' }),
      user.put(`/api/v1/personFields/${v1.id}`, { name: 'Y' }),
      user.del(`/api/v2/personFields/${field.field_code}`),
      user.del(`/api/v1/personFields?ids=${v1.id}`),
      user.post(`/api/v2/personFields/${field.field_code}/options`, [{ label: 'B' }]),
    ];
    for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
    expect((await fieldRows(a)).map((r) => [r.name, r.isDeleted])).toEqual([['Secret', false]]);
  });
});
