import { describe, expect, it } from 'vitest';
import { makeField } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { addField } from './service.ts';

describe('a field that keeps its key (an import from Pipedrive)', () => {
  it('keeps a 40-hex key; refuses a malformed or taken one, naming key, and writes nothing', async () => {
    const t = await newTenant();
    const key = 'ab'.repeat(20);
    const kept = await makeField(t, 'deal', { key, name: 'Region', field_type: 'varchar' });
    expect(kept.key).toBe(key);
    const got = await t.get(`/api/v2/dealFields/${key}`);
    expect(got.body.data).toMatchObject({ field_code: key, field_name: 'Region' });

    const add = (k: string) =>
      addField(t.ctx, 'deal', { field_name: 'Other', field_type: 'varchar', key: k });
    await expect(add(key)).rejects.toMatchObject({
      field: 'key',
      message: expect.stringContaining('another field'),
    });
    await expect(add('not-hex')).rejects.toMatchObject({ field: 'key' });
    // the same key on another entity is another field's
    expect((await makeField(t, 'person', { key, name: 'Region', field_type: 'varchar' })).key).toBe(key);
    const listed = (await t.get('/api/v2/dealFields', { limit: 500 })).body.data as { field_name: string }[];
    expect(listed.filter((f) => f.field_name === 'Other')).toEqual([]);
  });
});
