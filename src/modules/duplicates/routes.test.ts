import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/helpers/app.ts';

describe('duplicates and merge routes in the OpenAPI document', () => {
  it('documents GET /api/ext/duplicates and the v1 merges', async () => {
    const app = await testApp();
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    const get = doc.paths['/api/ext/duplicates'].get;
    const params = get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['item_type', 'id', 'name', 'email', 'phone', 'org_id', 'address', 'country']),
    );
    expect(get.parameters.find((p: { name: string }) => p.name === 'item_type').required).toBe(true);
    for (const path of ['/api/v1/persons/{id}/merge', '/api/v1/organizations/{id}/merge']) {
      const put = doc.paths[path].put;
      expect(put.requestBody.content['application/json'].schema.required).toContain('merge_with_id');
    }
  });
});
